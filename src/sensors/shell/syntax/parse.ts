// A recursive-descent parser for the bash command lines bots send: quotes, escapes, ; & && || |,
// redirections, $VAR ${VAR} $? $(...) and backticks, subshells and groups. Errors come back as bash's text.
import type { AndOr, Command, List, Pipeline, Redirect, RedirectOp, SimpleCommand, Word, WordPart } from './ast.js';

export class ShellSyntaxError extends Error {
  constructor(
    /** bash's message, e.g. "syntax error near unexpected token `;;'". */
    message: string,
    /** The input ended inside a quote or substitution: bash would wait for more input. */
    readonly incomplete = false,
  ) {
    super(message);
  }
}

/** Deepest nesting of $(...) / ( ) we follow; attackers send pathological inputs. */
const MAX_DEPTH = 32;
const OPERATORS = ['&&', '||', ';;', '>>', '<<<', '>&', '<&', '|', '&', ';', '(', ')', '<', '>', '\n'] as const;
const PARAM_SPECIAL = /[?#$!@*0-9-]/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

type Token = { kind: 'word'; word: Word; raw: string } | { kind: 'op'; op: string } | { kind: 'io'; fd: number; op: RedirectOp } | { kind: 'eof' };

export function parseCommandLine(input: string): List {
  return new Parser(input, 0).parseProgram();
}

class Parser {
  private pos = 0;
  private peeked: Token | undefined;

  constructor(
    private readonly src: string,
    private readonly depth: number,
  ) {
    if (depth > MAX_DEPTH) throw new ShellSyntaxError('maximum nesting depth exceeded');
  }

  parseProgram(): List {
    const list = this.parseList([]);
    const t = this.next();
    if (t.kind !== 'eof') throw unexpected(t);
    return list;
  }

  /** A list up to (not including) one of the `stops` operators or the end. */
  private parseList(stops: string[]): List {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof' || (t.kind === 'op' && stops.includes(t.op))) break;
      if (t.kind === 'word' && t.raw === '}' && stops.includes('}')) break;
      const item = this.parseAndOr();
      items.push(item);
      const sep = this.peek();
      if (sep.kind === 'op' && (sep.op === ';' || sep.op === '&' || sep.op === '\n')) {
        this.next();
        if (sep.op === '&') item.background = true;
        continue;
      }
      break;
    }
    return { items };
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: t.op, pipeline: this.parsePipeline() });
    }
    return { first, rest, background: false };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    const t = this.peek();
    if (t.kind === 'word' && t.raw === '!') {
      this.next();
      negated = true;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const p = this.peek();
      if (p.kind !== 'op' || p.op !== '|') break;
      this.next();
      this.skipNewlines();
      commands.push(this.parseCommand());
    }
    return { commands, negated };
  }

  private parseCommand(): Command {
    const t = this.peek();
    if (t.kind === 'op' && t.op === '(') {
      this.next();
      const list = this.parseList([')']);
      this.expectOp(')');
      return { kind: 'subshell', list, redirects: this.parseRedirects() };
    }
    if (t.kind === 'word' && t.raw === '{') {
      this.next();
      const list = this.parseList(['}']);
      const close = this.next();
      if (!(close.kind === 'word' && close.raw === '}')) throw close.kind === 'eof' ? new ShellSyntaxError('syntax error: unexpected end of file', true) : unexpected(close);
      return { kind: 'group', list, redirects: this.parseRedirects() };
    }
    return this.parseSimple();
  }

  private parseSimple(): SimpleCommand {
    const cmd: SimpleCommand = { kind: 'simple', assignments: [], words: [], redirects: [] };
    for (;;) {
      const t = this.peek();
      if (t.kind === 'io') {
        this.next();
        cmd.redirects.push(this.redirectTarget(t.fd, t.op));
      } else if (t.kind === 'op' && (t.op === '<' || t.op === '>' || t.op === '>>' || t.op === '>&' || t.op === '<&' || t.op === '<<<')) {
        this.next();
        cmd.redirects.push(this.redirectTarget(t.op === '<' || t.op === '<&' || t.op === '<<<' ? 0 : 1, t.op));
      } else if (t.kind === 'word') {
        this.next();
        const assignment = cmd.words.length === 0 ? asAssignment(t.word) : undefined;
        if (assignment) cmd.assignments.push(assignment);
        else cmd.words.push(t.word);
      } else break;
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
      throw unexpected(this.next());
    }
    return cmd;
  }

  private parseRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'io') {
        this.next();
        out.push(this.redirectTarget(t.fd, t.op));
      } else if (t.kind === 'op' && (t.op === '>' || t.op === '>>' || t.op === '<')) {
        this.next();
        out.push(this.redirectTarget(t.op === '<' ? 0 : 1, t.op));
      } else return out;
    }
  }

  private redirectTarget(fd: number, op: RedirectOp): Redirect {
    const t = this.next();
    if (t.kind !== 'word') throw t.kind === 'eof' ? new ShellSyntaxError("syntax error near unexpected token `newline'") : unexpected(t);
    return { fd, op, target: t.word };
  }

  private expectOp(op: string): void {
    const t = this.next();
    if (t.kind === 'op' && t.op === op) return;
    if (t.kind === 'eof') throw new ShellSyntaxError('syntax error: unexpected end of file', true);
    throw unexpected(t);
  }

  private skipNewlines(): void {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && t.op === '\n') this.next();
      else return;
    }
  }

  private peek(): Token {
    this.peeked ??= this.lex();
    return this.peeked;
  }

  private next(): Token {
    const t = this.peek();
    this.peeked = undefined;
    return t;
  }

  // ---------- lexer ----------

  private lex(): Token {
    const s = this.src;
    // Blanks, comments and line continuations separate tokens.
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') this.pos += 2;
      else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
    if (this.pos >= s.length) return { kind: 'eof' };
    // An fd number glued to a redirection: 2>, 2>>, 2>&1, 0<.
    const io = /^(\d)(>>|>&|<&|>|<)/.exec(s.slice(this.pos, this.pos + 3));
    if (io) {
      this.pos += io[0].length;
      return { kind: 'io', fd: Number(io[1]), op: io[2] as RedirectOp };
    }
    if (s.startsWith('&>', this.pos)) {
      // bash's &>file: stdout and stderr to one file; modelled as > with fd -1.
      this.pos += 2;
      return { kind: 'io', fd: -1, op: '>' };
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, this.pos)) {
        this.pos += op.length;
        if (op === ';;') throw new ShellSyntaxError("syntax error near unexpected token `;;'");
        return { kind: 'op', op };
      }
    }
    return this.lexWord();
  }

  private lexWord(): Token {
    const s = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let text = '';
    const flush = (quoted: boolean): void => {
      if (text !== '') parts.push({ kind: 'text', value: text, quoted });
      text = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (' \t\r\n;&|()<>'.includes(c)) break;
      if (c === '\\') {
        flush(false);
        if (this.pos + 1 < s.length) parts.push({ kind: 'text', value: s[this.pos + 1]!, quoted: true });
        this.pos += 2;
      } else if (c === "'") {
        flush(false);
        const end = s.indexOf("'", this.pos + 1);
        if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true);
        parts.push({ kind: 'text', value: s.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '$' && s[this.pos + 1] === "'") {
        flush(false);
        parts.push({ kind: 'text', value: this.lexAnsiC(), quoted: true });
      } else if (c === '"') {
        flush(false);
        this.pos++;
        this.lexDoubleQuoted(parts);
      } else if (c === '$' || c === '`') {
        flush(false);
        const part = this.lexDollarOrBacktick(false);
        if (part) parts.push(part);
        else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    flush(false);
    return { kind: 'word', word: { parts }, raw: s.slice(start, this.pos) };
  }

  private lexDoubleQuoted(parts: WordPart[]): void {
    const s = this.src;
    let text = '';
    const before = parts.length;
    const flush = (): void => {
      parts.push({ kind: 'text', value: text, quoted: true });
      text = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === '"') {
        this.pos++;
        // "" alone is still an (empty) argument; after a substitution an empty tail adds nothing.
        if (text !== '' || parts.length === before) flush();
        return;
      }
      if (c === '\\' && '"\\$`\n'.includes(s[this.pos + 1] ?? '')) {
        if (s[this.pos + 1] !== '\n') text += s[this.pos + 1];
        this.pos += 2;
      } else if (c === '$' || c === '`') {
        const part = this.lexDollarOrBacktick(true);
        if (part) {
          if (text) flush();
          parts.push(part);
        } else {
          text += '$';
          this.pos++;
        }
      } else {
        text += c;
        this.pos++;
      }
    }
    throw new ShellSyntaxError('unexpected EOF while looking for matching `"\'', true);
  }

  /** $NAME, ${NAME}, $?, $(...), `...`; undefined for a lone `$`. */
  private lexDollarOrBacktick(quoted: boolean): WordPart | undefined {
    const s = this.src;
    if (s[this.pos] === '`') {
      let j = this.pos + 1;
      let body = '';
      for (; j < s.length && s[j] !== '`'; j++) {
        if (s[j] === '\\' && '$`\\'.includes(s[j + 1] ?? '')) j++;
        body += s[j];
      }
      if (j >= s.length) throw new ShellSyntaxError('unexpected EOF while looking for matching ``\'', true);
      this.pos = j + 1;
      return { kind: 'command', list: new Parser(body, this.depth + 1).parseProgram(), quoted };
    }
    const n = s[this.pos + 1];
    if (n === '(') {
      if (s[this.pos + 2] === '(') {
        // $(( arithmetic )): not evaluated; kept as text so the command still runs and is logged.
        const end = s.indexOf('))', this.pos + 3);
        if (end === -1) throw new ShellSyntaxError('unexpected EOF while looking for matching `)\'', true);
        const value = s.slice(this.pos, end + 2);
        this.pos = end + 2;
        return { kind: 'text', value, quoted: true };
      }
      const sub = new Parser(s, this.depth + 1);
      sub.pos = this.pos + 2;
      const list = sub.parseList([')']);
      const close = sub.next();
      if (!(close.kind === 'op' && close.op === ')')) {
        if (close.kind === 'eof') throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", true);
        throw unexpected(close);
      }
      this.pos = sub.pos;
      return { kind: 'command', list, quoted };
    }
    if (n === '{') {
      const end = s.indexOf('}', this.pos + 2);
      if (end === -1) throw new ShellSyntaxError("unexpected EOF while looking for matching `}'", true);
      const name = s.slice(this.pos + 2, end);
      this.pos = end + 1;
      if (!/^([A-Za-z_][A-Za-z0-9_]*|[?#$!@*0-9-])$/.test(name)) throw new ShellSyntaxError(`\${${name}}: bad substitution`);
      return { kind: 'param', name, quoted };
    }
    if (n !== undefined && PARAM_SPECIAL.test(n)) {
      this.pos += 2;
      return { kind: 'param', name: n, quoted };
    }
    if (n !== undefined && NAME_START.test(n)) {
      let j = this.pos + 1;
      while (j < s.length && NAME_CHAR.test(s[j]!)) j++;
      const name = s.slice(this.pos + 1, j);
      this.pos = j;
      return { kind: 'param', name, quoted };
    }
    return undefined;
  }

  /** $'...' with C escapes, as bots use to write binary droppers. */
  private lexAnsiC(): string {
    const s = this.src;
    let j = this.pos + 2;
    let out = '';
    for (; j < s.length && s[j] !== "'"; j++) {
      if (s[j] !== '\\') {
        out += s[j];
        continue;
      }
      const e = s[++j] ?? '';
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"' };
      if (e in simple) out += simple[e];
      else if (e === 'x') {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(j + 1));
        out += m ? String.fromCharCode(parseInt(m[0], 16)) : '\\x';
        j += m ? m[0].length : 0;
      } else if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(s.slice(j))!;
        out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
        j += m[0].length - 1;
      } else out += '\\' + e;
    }
    if (j >= s.length) throw new ShellSyntaxError("unexpected EOF while looking for matching `''", true);
    this.pos = j + 1;
    return out;
  }
}

function unexpected(t: Token): ShellSyntaxError {
  if (t.kind === 'eof') return new ShellSyntaxError("syntax error near unexpected token `newline'");
  const text = t.kind === 'op' ? (t.op === '\n' ? 'newline' : t.op) : t.kind === 'io' ? `${t.fd}${t.op}` : t.raw;
  return new ShellSyntaxError(`syntax error near unexpected token \`${text}'`);
}

/** NAME=value as the first words of a command. */
function asAssignment(word: Word): { name: string; value: Word } | undefined {
  const first = word.parts[0];
  if (!first || first.kind !== 'text' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.value);
  if (!m) return undefined;
  const rest = first.value.slice(m[0].length);
  const parts: WordPart[] = [...(rest ? [{ kind: 'text' as const, value: rest, quoted: false }] : []), ...word.parts.slice(1)];
  return { name: m[1]!, value: { parts } };
}
