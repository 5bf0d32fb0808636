// find (GNU findutils 4.9): walks the emulated tree with the common tests (-name -iname -type -perm -size
// -user -maxdepth -mindepth -empty -mtime), actions -print -print0 -ls -printf -delete, and -exec of
// read-only emulated tools only: anything else given to -exec is accepted and does nothing.
import type { Command, CommandContext } from '../command.js';
import { FsError, STRERROR } from '../fs/types.js';
import { fsOf, idMap, resolvePath } from '../system/fs.js';
import { runEmulated } from './command-lookup.js';
import { childPath, groupName, MAX_WALK, modeString, readDirNames, statNode, userName, type NodeInfo } from './fs-view.js';
import { patternSource } from '../syntax/pattern.js';
import { userRegExp } from './regex.js';

type Test = (n: Visit) => boolean;
interface Visit {
  path: string;
  name: string;
  node: NodeInfo;
  depth: number;
}
type Action = { kind: 'print' | 'print0' | 'ls' | 'delete' | 'quit' } | { kind: 'printf'; format: string } | { kind: 'exec'; argv: string[]; plus: boolean };
interface Clause {
  tests: { test: Test; negate: boolean }[];
  actions: Action[];
}

/** -exec targets run through the emulated table: read-only tools whose output a real find would show. */
const SAFE_EXEC = new Set(['ls', 'cat', 'stat', 'file', 'md5sum', 'sha1sum', 'sha256sum', 'echo', 'head', 'tail', 'grep', 'wc', 'du', 'base64']);
const MAX_EXECS = 200;

export const find: Command = {
  name: 'find',
  paths: ['/usr/bin/find', '/bin/find'],
  async run(ctx) {
    const args = [...ctx.args];
    const starts: string[] = [];
    while (args.length && !args[0]!.startsWith('-') && args[0] !== '!' && args[0] !== '(') starts.push(args.shift()!);
    if (starts.length === 0) starts.push('.');
    const parsed = parseExpression(ctx, args);
    if (!parsed) return 1;
    const { clauses, maxDepth, minDepth } = parsed;
    let status = 0;
    let visited = 0;
    let execs = 0;
    let quit = false;
    const plusBatches = new Map<Action, string[]>();
    const act = async (v: Visit): Promise<void> => {
      for (const clause of clauses) {
        if (!clause.tests.every(({ test, negate }) => test(v) !== negate)) continue;
        const actions: Action[] = clause.actions.length ? clause.actions : [{ kind: 'print' }];
        for (const a of actions) {
          if (a.kind === 'print') ctx.stdout(v.path + '\n');
          else if (a.kind === 'print0') ctx.stdout(v.path + '\0');
          else if (a.kind === 'ls') ctx.stdout(lsLine(ctx, v));
          else if (a.kind === 'printf') ctx.stdout(printf(ctx, a.format, v));
          else if (a.kind === 'quit') quit = true;
          else if (a.kind === 'delete') {
            try {
              if (v.node.kind === 'dir') fsOf(ctx).rmdir(resolvePath(ctx.cwd, v.path, ctx.user.home));
              else fsOf(ctx).unlink(resolvePath(ctx.cwd, v.path, ctx.user.home));
            } catch (e) {
              ctx.stderr(`find: cannot delete ‘${v.path}’: ${e instanceof FsError ? STRERROR[e.code] : 'Permission denied'}\n`);
              status = 1;
            }
          } else if (a.kind === 'exec') {
            if (a.plus) plusBatches.set(a, [...(plusBatches.get(a) ?? []), v.path]);
            else if (execs++ < MAX_EXECS && SAFE_EXEC.has(a.argv[0] ?? '')) {
              const r = await runEmulated(ctx, a.argv.map((w) => w.replaceAll('{}', v.path)), { stdin: '' });
              if ('status' in r && r.status !== 0) status = 1;
            }
          }
        }
        return;
      }
    };
    const walk = async (path: string, abs: string, depth: number): Promise<void> => {
      if (quit || visited++ > MAX_WALK) return;
      const node = statNode(ctx, abs, false);
      if (!node) {
        ctx.stderr(`find: ‘${path}’: No such file or directory\n`);
        status = 1;
        return;
      }
      const name = depth === 0 ? path : abs.slice(abs.lastIndexOf('/') + 1);
      if (depth >= minDepth) await act({ path, name, node, depth });
      if (node.kind !== 'dir' || depth >= maxDepth) return;
      const children = readDirNames(ctx, abs);
      if (!Array.isArray(children)) {
        ctx.stderr(`find: ‘${path}’: ${children.error}\n`);
        status = 1;
        return;
      }
      for (const child of children) await walk(path.endsWith('/') ? path + child : `${path}/${child}`, childPath(abs, child), depth + 1);
    };
    for (const s of starts) await walk(s, resolvePath(ctx.cwd, s, ctx.user.home), 0);
    for (const [a, paths] of plusBatches) {
      if (a.kind === 'exec' && SAFE_EXEC.has(a.argv[0] ?? '')) {
        const argv = a.argv.flatMap((w) => (w === '{}' ? paths : [w]));
        await runEmulated(ctx, argv, { stdin: '' });
      }
    }
    return status;
  },
};

function parseExpression(ctx: CommandContext, args: string[]): { clauses: Clause[]; maxDepth: number; minDepth: number } | undefined {
  const clauses: Clause[] = [{ tests: [], actions: [] }];
  let maxDepth = Infinity;
  let minDepth = 0;
  let negate = false;
  const fail = (text: string): undefined => {
    ctx.stderr(`find: ${text}\n`);
    return undefined;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const clause = clauses[clauses.length - 1]!;
    const push = (test: Test): void => {
      clause.tests.push({ test, negate });
      negate = false;
    };
    const need = (): string | undefined => args[++i];
    if (a === '!' || a === '-not') {
      negate = !negate;
      continue;
    }
    if (a === '(' || a === ')' || a === '-a' || a === '-and') continue;
    if (a === '-o' || a === '-or') {
      if (i === args.length - 1) return fail(`expected an expression after '${a}'`);
      clauses.push({ tests: [], actions: [] });
      continue;
    }
    switch (a) {
      case '-name':
      case '-iname':
      case '-path':
      case '-wholename':
      case '-ipath': {
        const v = need();
        if (v === undefined) return fail(`missing argument to \`${a}'`);
        // fnmatch(3) without FNM_PATHNAME: the shell's own glob patterns, wildcards crossing `/` as -path wants.
        const re = userRegExp(`^(?:${patternSource(v)})$`, a.startsWith('-i') ? 'is' : 's');
        push(a.endsWith('name') && !a.includes('whole') ? (n) => re.test(n.name.replace(/\/+$/, '').split('/').pop() || n.name) : (n) => re.test(n.path));
        break;
      }
      case '-type': {
        const v = need();
        if (v === undefined) return fail(`missing argument to \`-type'`);
        const kinds: Record<string, string> = { f: 'file', d: 'dir', l: 'link', c: 'char', b: 'block', p: 'fifo', s: 'socket' };
        const wanted = v.split(',').map((t) => kinds[t]);
        if (wanted.some((k) => k === undefined)) return fail(`Unknown argument to -type: ${v}`);
        push((n) => wanted.includes(n.node.kind));
        break;
      }
      case '-perm': {
        const v = need();
        if (v === undefined) return fail(`missing argument to \`-perm'`);
        const test = permTest(v);
        if (!test) return fail(`invalid mode ‘${v}’`);
        push(test);
        break;
      }
      case '-maxdepth':
      case '-mindepth': {
        const v = need();
        if (v === undefined) return fail(`missing argument to \`${a}'`);
        if (!/^\d+$/.test(v)) return fail(`Expected a positive decimal integer argument to ${a}, but got ‘${v}’`);
        if (a === '-maxdepth') maxDepth = Number(v);
        else minDepth = Number(v);
        break;
      }
      case '-size': {
        const v = need();
        if (v === undefined) return fail(`missing argument to \`-size'`);
        const m = /^([+-]?)(\d+)([bcwkMG]?)$/.exec(v);
        if (!m) return fail(`invalid -size type \`${v.replace(/^[+-]?\d+/, '').charAt(0)}'`);
        const unit = { b: 512, c: 1, w: 2, k: 1024, M: 1 << 20, G: 1 << 30, '': 512 }[m[3]!]!;
        const want = Number(m[2]);
        push((n) => {
          const units = Math.ceil(n.node.size / unit);
          return m[1] === '+' ? units > want : m[1] === '-' ? units < want : units === want;
        });
        break;
      }
      case '-mtime':
      case '-mmin':
      case '-atime':
      case '-ctime':
      case '-amin':
      case '-cmin': {
        const v = need();
        if (v === undefined) return fail(`missing argument to \`${a}'`);
        const m = /^([+-]?)(\d+)$/.exec(v);
        if (!m) return fail(`invalid argument \`${v}' to \`${a}'`);
        const per = a.endsWith('min') ? 60_000 : 86_400_000;
        const want = Number(m[2]);
        push((n) => {
          const age = Math.floor((Date.now() - n.node.mtimeMs) / per);
          return m[1] === '+' ? age > want : m[1] === '-' ? age < want : age === want;
        });
        break;
      }
      case '-user':
      case '-group':
      case '-uid':
      case '-gid': {
        const v = need();
        if (v === undefined) return fail(`missing argument to \`${a}'`);
        const uid = /^\d+$/.test(v) ? Number(v) : idMap(ctx, a === '-group' ? '/etc/group' : '/etc/passwd').id(v);
        if (uid === undefined) return fail(`‘${v}’ is not the name of a known ${a === '-group' ? 'group' : 'user'}`);
        push((n) => (a.includes('g') ? n.node.gid : n.node.uid) === uid);
        break;
      }
      case '-empty':
        push((n) => {
          const names = n.node.kind === 'dir' ? readDirNames(ctx, resolvePath(ctx.cwd, n.path, ctx.user.home)) : [];
          return n.node.kind === 'dir' ? Array.isArray(names) && names.length === 0 : n.node.kind === 'file' && n.node.size === 0;
        });
        break;
      case '-readable':
      case '-writable':
      case '-executable': {
        const bit = a === '-readable' ? 4 : a === '-writable' ? 2 : 1;
        push((n) => ctx.user.uid === 0 || (((n.node.uid === ctx.user.uid ? n.node.mode >> 6 : n.node.mode) & bit) !== 0));
        break;
      }
      case '-newer': {
        if (need() === undefined) return fail(`missing argument to \`-newer'`);
        push(() => false);
        break;
      }
      case '-true':
        push(() => true);
        break;
      case '-false':
        push(() => false);
        break;
      case '-print':
      case '-print0':
      case '-ls':
      case '-delete':
      case '-quit':
        clause.actions.push({ kind: a.slice(1) as 'print' });
        break;
      case '-printf':
      case '-fprintf': {
        const v = need();
        if (v === undefined) return fail(`missing argument to \`${a}'`);
        clause.actions.push({ kind: 'printf', format: v });
        break;
      }
      case '-exec':
      case '-execdir':
      case '-ok':
      case '-okdir': {
        const end = args.findIndex((w, k) => k > i && (w === ';' || (w === '+' && args[k - 1] === '{}')));
        if (end < 0 || end === i + 1) return fail(`missing argument to \`${a}'`);
        clause.actions.push({ kind: 'exec', argv: args.slice(i + 1, end), plus: args[end] === '+' });
        i = end;
        break;
      }
      case '-xdev':
      case '-mount':
      case '-depth':
      case '-d':
      case '-follow':
      case '-noleaf':
      case '-prune':
      case '-nowarn':
      case '-warn':
      case '-ignore_readdir_race':
        break;
      default:
        return fail(a.startsWith('-') ? `unknown predicate \`${a}'` : `paths must precede expression: \`${a}'`);
    }
  }
  return { clauses, maxDepth, minDepth };
}

/** -perm MODE (exact), -perm -MODE (all bits), -perm /MODE (any bit); octal or u=s,g+w style. */
function permTest(v: string): Test | undefined {
  const prefix = v[0] === '-' || v[0] === '/' ? v[0] : '';
  const body = v.slice(prefix.length);
  let bits = 0;
  if (/^[0-7]{1,4}$/.test(body)) bits = parseInt(body, 8);
  else {
    for (const part of body.split(',')) {
      const m = /^([ugoa]*)[=+]([rwxst]*)$/.exec(part);
      if (!m) return undefined;
      const who = m[1] || 'a';
      for (const p of m[2]!) {
        for (const w of who === 'a' ? 'ugo' : who) {
          const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
          if (p === 'r') bits |= 4 << shift;
          else if (p === 'w') bits |= 2 << shift;
          else if (p === 'x') bits |= 1 << shift;
          else if (p === 's') bits |= w === 'u' ? 0o4000 : w === 'g' ? 0o2000 : 0;
          else if (p === 't') bits |= 0o1000;
        }
      }
    }
  }
  if (prefix === '-') return (n) => (n.node.mode & bits) === bits;
  if (prefix === '/') return (n) => bits === 0 || (n.node.mode & bits) !== 0;
  return (n) => (n.node.mode & 0o7777) === bits;
}

function lsLine(ctx: CommandContext, v: Visit): string {
  const d = new Date(v.node.mtimeMs);
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const when = Date.now() - v.node.mtimeMs < 182 * 86400_000 ? d.toISOString().slice(11, 16) : ' ' + d.getUTCFullYear();
  const owner = userName(ctx, v.node.uid);
  const group = groupName(ctx, v.node.gid);
  const blocks = Math.ceil(v.node.size / 4096) * 4;
  return `${String(v.node.ino).padStart(9)} ${String(blocks).padStart(6)} ${modeString(v.node)} ${String(v.node.nlink).padStart(3)} ${owner.padEnd(8)} ${group.padEnd(8)} ${String(v.node.size).padStart(8)} ${mon} ${String(d.getUTCDate()).padStart(2)} ${when.padStart(5)} ${v.path}${v.node.target ? ' -> ' + v.node.target : ''}\n`;
}

function printf(ctx: CommandContext, format: string, v: Visit): string {
  return format
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t')
    .replace(/\\0/g, '\0')
    .replace(/%([pfsmuhdMTt%])/g, (_, c: string) => {
      switch (c) {
        case 'p':
          return v.path;
        case 'f':
          return v.name.split('/').pop() || v.name;
        case 's':
          return String(v.node.size);
        case 'm':
          return (v.node.mode & 0o7777).toString(8);
        case 'M':
          return modeString(v.node);
        case 'u':
          return userName(ctx, v.node.uid);
        case 'h':
          return v.path.includes('/') ? v.path.slice(0, v.path.lastIndexOf('/')) || '/' : '.';
        case 'd':
          return String(v.depth);
        case '%':
          return '%';
        default:
          return new Date(v.node.mtimeMs).toUTCString();
      }
    });
}
