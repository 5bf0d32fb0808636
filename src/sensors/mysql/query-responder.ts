// What the impersonated server answers to a COM_QUERY: result sets for the recon queries attackers and
// tools send, OK for harmless session statements, and the real server's error for everything else.
// Nothing is executed: answers come from the persona.
import { randomUUID } from 'node:crypto';
import type { MysqlPersona } from '../../schema/personas/mysql.js';
import { intColumn, textColumn, type Cell, type Column, type ResultSet } from './result-set.js';

export interface QueryContext {
  persona: MysqlPersona;
  variables: Readonly<Record<string, string>>;
  user: string;
  clientIp: string;
  database: string | undefined;
  connectionId: number;
}

export interface ServerError {
  code: number;
  state: string;
  message: string;
}

export type Answer =
  | { kind: 'rows'; rs: ResultSet }
  | { kind: 'ok'; affected: number }
  | { kind: 'use'; database: string }
  | { kind: 'error'; error: ServerError };

const err = (code: number, state: string, message: string): Answer => ({ kind: 'error', error: { code, state, message } });

/** ER_PARSE_ERROR; MySQL quotes at most 80 characters from where the parser gave up. */
export function syntaxError(near: string): Answer {
  return err(1064, '42000', `You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '${near.slice(0, 80)}' at line 1`);
}
export const noDatabase = (): Answer => err(1046, '3D000', 'No database selected');
export const unknownDatabase = (db: string): Answer => err(1049, '42000', `Unknown database '${db}'`);

type LikeToken = { any: true } | { one: true } | { ch: string };

/**
 * SQL LIKE with % and _ (backslash escapes), case-insensitive as with the default collation. A dynamic
 * programme, not a RegExp: attacker patterns like '%a%a%a...' must not backtrack exponentially.
 */
function like(pattern: string): (s: string) => boolean {
  const tokens: LikeToken[] = [];
  const chars = [...pattern.toLowerCase()];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === '\\' && i + 1 < chars.length) tokens.push({ ch: chars[++i]! });
    else if (ch === '%') tokens.push({ any: true });
    else if (ch === '_') tokens.push({ one: true });
    else tokens.push({ ch });
  }
  return (subject) => {
    const s = [...subject.toLowerCase()];
    // reach[j]: the first j characters of s are matched by the tokens seen so far.
    let reach = s.map(() => false);
    reach.push(false);
    reach[0] = true;
    for (const t of tokens) {
      const next = reach.map(() => false);
      for (let j = 0; j <= s.length; j++) {
        if ('any' in t) next[j] = reach[j]! || (j > 0 && next[j - 1]!);
        else if (j > 0 && reach[j - 1]) next[j] = 'one' in t || s[j - 1] === t.ch;
      }
      reach = next;
    }
    return reach[s.length]!;
  };
}

const unquote = (s: string): string => s.replace(/^[`'"](.*)[`'"]$/s, '$1');

function normalise(query: string): string {
  return query
    .replace(/^(\s|\/\*(?!!)[\s\S]*?\*\/)+/, '')
    .replace(/[\s;]+$/, '')
    .trim();
}

function timestamp(): string {
  return new Date().toISOString().slice(0, 19).replace('T', ' ');
}

/** One item of a FROM-less SELECT list; undefined when it is not a form we evaluate. */
function selectItem(expr: string, ctx: QueryContext): { column: Column; value: Cell } | Answer | undefined {
  const e = expr.trim();
  const sysvar = /^@@(?:(?:session|global|local)\.)?([a-z0-9_]+)$/i.exec(e);
  if (sysvar) {
    const name = sysvar[1]!.toLowerCase();
    const value = ctx.variables[name];
    if (value === undefined) return err(1193, 'HY000', `Unknown system variable '${sysvar[1]!}'`);
    return /^\d+$/.test(value) ? { column: { ...intColumn(e), notNull: false }, value } : { column: textColumn(e, Math.max(value.length, 1)), value };
  }
  if (/^-?\d{1,18}$/.test(e)) return { column: { ...intColumn(e), length: e.length }, value: String(Number(e)) };
  const str = /^'([^'\\]*)'$|^"([^"\\]*)"$/.exec(e);
  if (str) {
    const v = str[1] ?? str[2] ?? '';
    return { column: { ...textColumn(v || "''", v.length), notNull: true }, value: v };
  }
  const fn = /^([a-z_]+)\s*\(\s*\)$/i.exec(e);
  if (fn) {
    const name = fn[1]!.toLowerCase();
    const who = `${ctx.user}@${ctx.clientIp}`;
    const values: Record<string, Cell> = {
      version: ctx.persona.version,
      database: ctx.database ?? null,
      schema: ctx.database ?? null,
      user: who,
      session_user: who,
      system_user: who,
      current_user: `${ctx.user}@%`,
      connection_id: String(ctx.connectionId),
      now: timestamp(),
      current_timestamp: timestamp(),
      sysdate: timestamp(),
      uuid: randomUUID(),
    };
    if (!(name in values)) {
      return ctx.database ? err(1305, '42000', `FUNCTION ${ctx.database}.${fn[1]!} does not exist`) : noDatabase();
    }
    const value = values[name] ?? null;
    return name === 'connection_id' ? { column: intColumn(e), value } : { column: textColumn(e, Math.max(value?.length ?? 0, 34)), value };
  }
  if (/^[a-z_][a-z0-9_]*$/i.test(e)) return err(1054, '42S22', `Unknown column '${e}' in 'field list'`);
  return undefined;
}

function selectWithoutFrom(list: string, ctx: QueryContext): Answer | undefined {
  const columns: Column[] = [];
  const row: Cell[] = [];
  for (const raw of list.split(',')) {
    let item = selectItem(raw, ctx);
    let name: string | undefined;
    if (!item) {
      // `expr alias` or `expr AS alias`
      const alias = /^(.*?)\s+(?:as\s+)?([`'"]?)([a-z0-9_]+)\2$/is.exec(raw.trim());
      if (alias) [item, name] = [selectItem(alias[1]!, ctx), alias[3]!];
    }
    if (!item) return undefined;
    if ('kind' in item) return item;
    columns.push(name === undefined ? item.column : { ...item.column, name });
    row.push(item.value);
  }
  return { kind: 'rows', rs: { columns, rows: [row] } };
}

function tableRef(ref: string, ctx: QueryContext): { db: string; table: string } | Answer {
  const parts = ref.split('.').map(unquote);
  const [db, table] = parts.length === 2 ? [parts[0]!, parts[1]!] : [ctx.database, parts[0]!];
  if (db === undefined) return noDatabase();
  return { db, table };
}

function selectFrom(columnsText: string, ref: string, ctx: QueryContext): Answer {
  const t = tableRef(ref, ctx);
  if ('kind' in t) return t;
  const tables = ctx.persona.databases[t.db];
  if (!tables?.includes(t.table)) return err(1146, '42S02', `Table '${t.db}.${t.table}' doesn't exist`);
  if (t.db === 'mysql' && t.table === 'user') {
    const known: Record<string, keyof MysqlPersona['users'][number]> = {
      user: 'user',
      host: 'host',
      plugin: 'plugin',
      authentication_string: 'authentication_string',
    };
    const wanted = columnsText.trim() === '*' ? ['Host', 'User', 'plugin', 'authentication_string'] : columnsText.split(',').map((c) => unquote(c.trim()));
    for (const c of wanted) if (!known[c.toLowerCase()]) return err(1054, '42S22', `Unknown column '${c}' in 'field list'`);
    const columns = wanted.map((c) => textColumn(c, c.toLowerCase() === 'host' ? 255 : 32, { schema: 'mysql', table: 'user', orgTable: 'user', orgName: c }));
    const rows = ctx.persona.users.map((u) => wanted.map((c) => u[known[c.toLowerCase()]!]));
    return { kind: 'rows', rs: { columns, rows } };
  }
  return err(1142, '42000', `SELECT command denied to user '${ctx.user}'@'${ctx.clientIp}' for table '${t.table}'`);
}

function list(name: string, values: string[], pattern: string | undefined, extra: Partial<Column> = {}): Answer {
  const match = pattern === undefined ? () => true : like(unquote(pattern));
  return { kind: 'rows', rs: { columns: [textColumn(name, 64, extra)], rows: values.filter(match).sort().map((v) => [v]) } };
}

/** Longer statements are logged in full but not analysed: the patterns below must stay cheap. */
const MAX_ANALYSED = 4096;

export function answer(query: string, ctx: QueryContext): Answer {
  if (query.length > MAX_ANALYSED) return syntaxError(query.trimStart().slice(0, 200).replace(/^\S+\s*/, ''));
  const q = normalise(query);
  if (q === '') return err(1065, '42000', 'Query was empty');
  let m: RegExpExecArray | null;

  if ((m = /^use\s+(\S+)$/i.exec(q))) {
    const db = unquote(m[1]!);
    return ctx.persona.databases[db] ? { kind: 'use', database: db } : unknownDatabase(db);
  }
  if ((m = /^show\s+(?:databases|schemas)(?:\s+like\s+(\S+))?$/i.exec(q))) {
    return list('Database', Object.keys(ctx.persona.databases), m[1], { schema: 'information_schema', table: 'SCHEMATA', orgTable: 'Schemata', orgName: 'Database' });
  }
  if ((m = /^show\s+(?:full\s+)?tables(?:\s+(?:from|in)\s+(\S+))?(?:\s+like\s+(\S+))?$/i.exec(q))) {
    const db = m[1] ? unquote(m[1]) : ctx.database;
    if (db === undefined) return noDatabase();
    const tables = ctx.persona.databases[db];
    if (!tables) return unknownDatabase(db);
    return list(`Tables_in_${db}${m[2] ? ` (${unquote(m[2])})` : ''}`, tables, m[2], { schema: 'information_schema', table: 'TABLES', orgTable: 'Tables', orgName: 'Tables_in_' + db });
  }
  if ((m = /^show\s+(?:global\s+|session\s+|local\s+)?variables(?:\s+like\s+(\S+))?$/i.exec(q))) {
    const match = m[1] === undefined ? () => true : like(unquote(m[1]));
    const names = Object.keys(ctx.variables).filter(match).sort();
    return {
      kind: 'rows',
      rs: {
        columns: [textColumn('Variable_name', 64, { notNull: true }), textColumn('Value', 1024)],
        rows: names.map((n) => [n, ctx.variables[n] ?? '']),
      },
    };
  }
  if (/^show\s+grants(\s+for\s+current_user(\(\))?)?$/i.test(q)) {
    return {
      kind: 'rows',
      rs: { columns: [textColumn(`Grants for ${ctx.user}@%`, 1024)], rows: [[`GRANT ALL PRIVILEGES ON *.* TO \`${ctx.user}\`@\`%\` WITH GRANT OPTION`]] },
    };
  }
  if (/^(set|begin|commit|rollback|start\s+transaction)\b/i.test(q)) return { kind: 'ok', affected: 0 };
  if ((m = /^select\s+(.+?)\s+from\s+([`\w$.]+)(?:\s+(?:where|order|limit|group)\b.*)?$/is.exec(q))) {
    return selectFrom(m[1]!, m[2]!, ctx);
  }
  if ((m = /^select\s+(.+?)(?:\s+limit\s+\d+(?:\s*,\s*\d+)?)?$/is.exec(q)) && !/\bfrom\b/i.test(m[1]!)) {
    const a = selectWithoutFrom(m[1]!, ctx);
    if (a) return a;
  }
  if ((m = /^(?:insert\s+(?:ignore\s+)?into|update|delete\s+from|truncate(?:\s+table)?|drop\s+table(?:\s+if\s+exists)?|alter\s+table|describe|desc)\s+([`\w$.]+)/i.exec(q))) {
    const t = tableRef(m[1]!, ctx);
    if ('kind' in t) return t;
    if (!ctx.persona.databases[t.db]?.includes(t.table)) return err(1146, '42S02', `Table '${t.db}.${t.table}' doesn't exist`);
    const command = (/^(insert|update|delete|truncate|drop|alter)/i.exec(q)?.[1] ?? 'select').toUpperCase();
    return err(1142, '42000', `${command === 'TRUNCATE' ? 'DROP' : command} command denied to user '${ctx.user}'@'${ctx.clientIp}' for table '${t.table}'`);
  }
  // Point "near" at what follows the first word: roughly where MySQL's parser stops on a foreign statement.
  return syntaxError(q.replace(/^\S+\s*/, ''));
}
