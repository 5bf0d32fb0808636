// A recursive-descent parser for bash input as bots send it: quotes, escapes, lists, pipelines, redirections,
// here-documents, every ${...} form, $((...)), compound commands and functions. Errors carry bash's text.
import type {
  AndOr, ArithCommand, CaseCommand, CaseItem, Command, CondExpr, ForCommand, IfCommand, List, LoopCommand, ParamOp, Pipeline,
  Redirect, RedirectOp, SimpleCommand, Word, WordPart,
} from './ast.js';

export type SyntaxErrorKind = 'token' | 'eof' | 'unterminated' | 'cond';

export class ShellSyntaxError extends Error {
  constructor(
    /** bash's message, e.g. "syntax error near unexpected token `;;'". */
    message: string,
    /** The input ended inside a quote, substitution or compound command: bash would wait for more input. */
    readonly incomplete = false,
    /** The line bash names in "line N:". */
    readonly line = 1,
    readonly kind: SyntaxErrorKind = 'token',
    /** The offending token as written ("newline" at the end of a line). */
    readonly token = '',
    /** What dash says it expected ("then", "do" ...), for its "(expecting ...)" clause. */
    readonly expecting = '',
  ) {
    super(message);
  }
}

export interface ParseOptions {
  /** Interactive shells expand aliases in command position. */
  aliases?: ReadonlyMap<string, string>;
}

/** Deepest nesting of substitutions and compound commands we follow; attackers send pathological inputs. */
const MAX_DEPTH = 64;
/** Deepest nesting of compound commands inside one text. */
const MAX_NESTING = 200;
const OPERATORS = [';;&', '&&', '||', ';;', ';&', '|&', '|', '&', ';', '(', ')', '\n'] as const;
const META = ' \t\r\n;&|()<>';
const SPECIAL_PARAM = /[?#$!@*0-9-]/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', 'function', 'select', 'time', '{', '}', '!', '[[', ']]']);
/** Reserved words that cannot start a command: meeting one there is a syntax error. */
const CLOSERS = new Set(['then', 'elif', 'else', 'fi', 'do', 'done', 'esac', '}']);
const COND_UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
const COND_BINARY = new Set(['==', '=', '!=', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

type Token =
  | { kind: 'word'; word: Word; raw: string; pos: number; fromAlias?: ReadonlySet<string> }
  | { kind: 'op'; op: string; pos: number }
  | { kind: 'redir'; fd: number; op: RedirectOp; pos: number; heredoc?: Redirect }
  | { kind: 'arith'; raw: string; expr: Word; pos: number }
  | { kind: 'eof'; pos: number };

/** Parses the whole input at once (substitutions, tests). */
export function parseCommandLine(input: string, opts: ParseOptions = {}): List {
  const p = new ScriptParser(input, opts);
  const items: AndOr[] = [];
  for (let l = p.next(); l; l = p.next()) items.push(...l.items);
  return { items };
}

/**
 * Reads bash input one top-level line at a time, as bash does: each complete command line is returned (and can be
 * run) before the next is parsed, so a syntax error further down comes after the output of the lines before it.
 */
export class ScriptParser {
  private readonly p: Parser;

  constructor(src: string, opts: ParseOptions = {}) {
    this.p = new Parser(src, 0, opts);
  }

  /** here-document warnings bash prints when the input ends before the delimiter. */
  get warnings(): readonly string[] {
    return this.p.warnings;
  }

  /** True when a here-document ran into the end of the input (an interactive shell waits for more). */
  get heredocOpen(): boolean {
    return this.p.heredocAtEof;
  }

  /** The next complete command line, or undefined at the end. Throws ShellSyntaxError. */
  next(): List | undefined {
    return this.p.parseTopLine();
  }
}

class Parser {
  pos = 0;
  private buf: Token[] = [];
  private readonly newlines: number[] = [];
  private pendingHeredocs: { redirect: Redirect; delim: string; quoted: boolean; strip: boolean; line: number }[] = [];
  readonly warnings: string[] = [];
  heredocAtEof = false;
  private nesting = 0;

  constructor(
    private readonly src: string,
    private readonly depth: number,
    private readonly opts: ParseOptions,
  ) {
    if (depth > MAX_DEPTH) throw new ShellSyntaxError('maximum nesting depth exceeded');
    for (let i = src.indexOf('\n'); i !== -1; i = src.indexOf('\n', i + 1)) this.newlines.push(i);
  }

  // ---------- grammar ----------

  parseTopLine(): List | undefined {
    this.skipNewlines();
    if (this.peek().kind === 'eof') return undefined;
    const items: AndOr[] = [];
    for (;;) {
      const item = this.parseAndOr();
      items.push(item);
      const sep = this.peek();
      if (sep.kind === 'op' && (sep.op === ';' || sep.op === '&')) {
        this.next();
        if (sep.op === '&') item.background = true;
        const after = this.peek();
        if (after.kind === 'eof' || (after.kind === 'op' && after.op === '\n')) break;
        continue;
      }
      break;
    }
    const end = this.next();
    if (end.kind === 'eof' || (end.kind === 'op' && end.op === '\n')) return { items };
    throw this.unexpected(end);
  }

  /** A compound list up to one of the stop words/operators (not consumed). Must hold a command unless allowEmpty. */
  private parseList(stops: readonly string[], allowEmpty = false, expecting = ''): List {
    const items: AndOr[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'eof') throw this.eofError(expecting);
      if (this.isStop(t, stops)) break;
      if (t.kind === 'word' && isPlain(t) && CLOSERS.has(t.raw)) throw this.unexpected(t, expecting);
      const item = this.parseAndOr();
      items.push(item);
      const sep = this.peek();
      if (sep.kind === 'op' && (sep.op === ';' || sep.op === '&' || sep.op === '\n')) {
        this.next();
        if (sep.op === '&') item.background = true;
        continue;
      }
      if (this.isStop(sep, stops)) break;
      if (sep.kind === 'eof') throw this.eofError(expecting);
      throw this.unexpected(sep, expecting);
    }
    if (items.length === 0 && !allowEmpty) throw this.unexpected(this.peek(), expecting);
    return { items };
  }

  private isStop(t: Token, stops: readonly string[]): boolean {
    if (t.kind === 'op') return stops.includes(t.op);
    return t.kind === 'word' && isPlain(t) && stops.includes(t.raw);
  }

  private parseAndOr(): AndOr {
    const first = this.parsePipeline();
    const rest: AndOr['rest'] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'op' || (t.op !== '&&' && t.op !== '||')) break;
      this.next();
      this.skipNewlines();
      if (this.peek().kind === 'eof') throw this.eofError();
      rest.push({ op: t.op, pipeline: this.parsePipeline() });
    }
    return { first, rest, background: false };
  }

  private parsePipeline(): Pipeline {
    let negated = false;
    let timed = false;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'word' && isPlain(t) && t.raw === '!') {
        this.next();
        negated = !negated;
      } else if (t.kind === 'word' && isPlain(t) && t.raw === 'time' && !timed) {
        this.next();
        timed = true;
      } else break;
    }
    const commands = [this.parseCommand()];
    for (;;) {
      const p = this.peek();
      if (p.kind !== 'op' || (p.op !== '|' && p.op !== '|&')) break;
      this.next();
      if (p.op === '|&') {
        // cmd |& next: stderr goes down the pipe too, as 2>&1 would send it.
        const last = commands[commands.length - 1]!;
        last.redirects.push({ fd: 2, op: '>&', target: { parts: [{ kind: 'text', value: '1', quoted: false }] } });
      }
      this.skipNewlines();
      if (this.peek().kind === 'eof') throw this.eofError();
      commands.push(this.parseCommand());
    }
    return timed ? { commands, negated, timed } : { commands, negated };
  }

  private parseCommand(): Command {
    if (++this.nesting > MAX_NESTING) throw new ShellSyntaxError('maximum nesting depth exceeded');
    try {
      return this.parseCommandInner();
    } finally {
      this.nesting--;
    }
  }

  private parseCommandInner(): Command {
    this.expandAlias();
    const t = this.peek();
    const line = this.lineOf(t.pos);
    if (t.kind === 'op' && t.op === '(') {
      this.next();
      const list = this.parseList([')'], false, ')');
      this.expectOp(')');
      return { kind: 'subshell', list, redirects: this.parseRedirects(), line };
    }
    if (t.kind === 'arith') {
      this.next();
      const cmd: ArithCommand = { kind: 'arith', expr: t.expr, raw: t.raw, redirects: [], line };
      cmd.redirects = this.parseRedirects();
      return cmd;
    }
    if (t.kind === 'word' && isPlain(t) && RESERVED.has(t.raw)) {
      switch (t.raw) {
        case '{': {
          this.next();
          const list = this.parseList(['}'], false, '}');
          this.expectWord('}');
          return { kind: 'group', list, redirects: this.parseRedirects(), line };
        }
        case 'if':
          return this.parseIf(line);
        case 'while':
        case 'until':
          return this.parseLoop(t.raw, line);
        case 'for':
          return this.parseFor(line);
        case 'case':
          return this.parseCase(line);
        case 'function':
          return this.parseFunction(line);
        case '[[':
          return this.parseCond(line);
      }
      if (CLOSERS.has(t.raw)) throw this.unexpected(t);
    }
    if (t.kind === 'word' && isPlain(t) && /^[^$`'"\\=]+$/.test(t.raw)) {
      const after = this.peek(1);
      if (after.kind === 'op' && after.op === '(') {
        this.next();
        this.next();
        this.expectOp(')');
        return this.functionBody(t.raw, line);
      }
    }
    return this.parseSimple(line);
  }

  private parseIf(line: number): IfCommand {
    this.next();
    const clauses: IfCommand['clauses'] = [];
    let elseBody: List | undefined;
    for (;;) {
      const cond = this.parseList(['then'], false, 'then');
      this.expectWord('then');
      const body = this.parseList(['elif', 'else', 'fi'], false, 'fi');
      clauses.push({ cond, body });
      const t = this.next();
      if (t.kind === 'word' && t.raw === 'elif') continue;
      if (t.kind === 'word' && t.raw === 'else') {
        elseBody = this.parseList(['fi'], false, 'fi');
        this.expectWord('fi');
      }
      break;
    }
    const cmd: IfCommand = { kind: 'if', clauses, redirects: this.parseRedirects(), line };
    if (elseBody) cmd.elseBody = elseBody;
    return cmd;
  }

  private parseLoop(kind: 'while' | 'until', line: number): LoopCommand {
    this.next();
    const cond = this.parseList(['do'], false, 'do');
    const body = this.doGroup();
    return { kind, cond, body, redirects: this.parseRedirects(), line };
  }

  private doGroup(): List {
    this.expectWord('do');
    const body = this.parseList(['done'], false, 'done');
    this.expectWord('done');
    return body;
  }

  private parseFor(line: number): Command {
    this.next();
    const t = this.next();
    if (t.kind === 'eof') throw this.unexpected(t);
    if (t.kind === 'arith') {
      const parts = splitArith(t.raw);
      if (!parts) throw new ShellSyntaxError(`syntax error: arithmetic expression required`, false, this.lineOf(t.pos));
      const sep = this.peek();
      if (sep.kind === 'op' && (sep.op === ';' || sep.op === '\n')) this.next();
      this.skipNewlines();
      const body = this.peekWord('{') ? this.braceBody() : this.doGroup();
      const [init, cond, step] = parts.map((s) => lexArithText(s, this.depth, this.opts));
      return { kind: 'arith-for', init: init!, cond: cond!, step: step!, body, redirects: this.parseRedirects(), line };
    }
    if (t.kind !== 'word') throw this.unexpected(t);
    const cmd: ForCommand = { kind: 'for', name: t.raw, body: { items: [] }, redirects: [], line };
    this.skipNewlines();
    const n = this.peek();
    if (n.kind === 'word' && isPlain(n) && n.raw === 'in') {
      this.next();
      const words: Word[] = [];
      for (;;) {
        const w = this.peek();
        if (w.kind !== 'word') break;
        this.next();
        words.push(w.word);
      }
      cmd.words = words;
      const sep = this.next();
      if (!(sep.kind === 'op' && (sep.op === ';' || sep.op === '\n'))) throw sep.kind === 'eof' ? this.eofError('do') : this.unexpected(sep, 'do');
    } else if (n.kind === 'op' && n.op === ';') this.next();
    this.skipNewlines();
    cmd.body = this.peekWord('{') ? this.braceBody() : this.doGroup();
    cmd.redirects = this.parseRedirects();
    return cmd;
  }

  /** bash accepts `for x in a; { ...; }` as well as do ... done. */
  private braceBody(): List {
    this.next();
    const list = this.parseList(['}'], false, '}');
    this.expectWord('}');
    return list;
  }

  private parseCase(line: number): CaseCommand {
    this.next();
    const w = this.next();
    if (w.kind !== 'word') throw w.kind === 'eof' ? this.eofError() : this.unexpected(w);
    this.skipNewlines();
    this.expectWord('in');
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      const t = this.peek();
      if (t.kind === 'word' && isPlain(t) && t.raw === 'esac') {
        this.next();
        break;
      }
      if (t.kind === 'eof') throw this.eofError('esac');
      if (t.kind === 'op' && t.op === '(') this.next();
      const patterns: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.kind !== 'word') throw p.kind === 'eof' ? this.eofError('esac') : this.unexpected(p, ')');
        patterns.push(p.word);
        const sep = this.next();
        if (sep.kind === 'op' && sep.op === '|') continue;
        if (sep.kind === 'op' && sep.op === ')') break;
        throw sep.kind === 'eof' ? this.eofError('esac') : this.unexpected(sep, ')');
      }
      const body = this.parseList([';;', ';&', ';;&', 'esac'], true, 'esac');
      const end = this.peek();
      let terminator: CaseItem['terminator'] = ';;';
      if (end.kind === 'op' && (end.op === ';;' || end.op === ';&' || end.op === ';;&')) {
        this.next();
        terminator = end.op;
      }
      items.push({ patterns, body, terminator });
    }
    return { kind: 'case', word: w.word, items, redirects: this.parseRedirects(), line };
  }

  private parseFunction(line: number): Command {
    this.next();
    const name = this.next();
    if (name.kind !== 'word') throw name.kind === 'eof' ? this.eofError() : this.unexpected(name);
    const p = this.peek();
    if (p.kind === 'op' && p.op === '(') {
      this.next();
      this.expectOp(')');
    }
    return this.functionBody(name.raw, line);
  }

  private functionBody(name: string, line: number): Command {
    this.skipNewlines();
    const t = this.peek();
    if (t.kind === 'eof') throw this.eofError();
    const compound =
      (t.kind === 'op' && t.op === '(') || t.kind === 'arith' || (t.kind === 'word' && isPlain(t) && ['{', 'if', 'while', 'until', 'for', 'case', '[['].includes(t.raw));
    if (!compound) throw this.unexpected(t);
    const body = this.parseCommand();
    return { kind: 'function', name, body, redirects: [], line };
  }

  private parseCond(line: number): Command {
    this.next();
    const tokens: (Token & { kind: 'word' | 'op' | 'redir' })[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'word' && isPlain(t) && t.raw === ']]') break;
      if (t.kind === 'eof' || (t.kind === 'op' && t.op === '\n')) {
        if (t.kind === 'eof' && tokens.length === 0) throw this.eofError();
        throw new ShellSyntaxError("unexpected token `newline', conditional binary operator expected", t.kind === 'eof', this.lineOf(t.pos), 'cond', 'newline');
      }
      if (t.kind === 'arith') throw this.unexpected(t);
      tokens.push(t);
      // The operand of =~ is a regular expression: ( ) and | belong to it, not to the shell.
      if (t.kind === 'word' && t.raw === '=~' && this.buf.length === 0) tokens.push(this.lexRegexWord());
    }
    const expr = tokens.length === 0 ? undefined : new CondParser(tokens, this.lineOf(this.pos)).parse();
    if (!expr) return { kind: 'simple', assignments: [], words: [], redirects: [], line };
    return { kind: 'cond', expr, redirects: this.parseRedirects(), line };
  }

  private parseSimple(line: number): SimpleCommand {
    const cmd: SimpleCommand = { kind: 'simple', assignments: [], words: [], redirects: [], line };
    for (;;) {
      const t = this.peek();
      if (t.kind === 'redir') {
        this.next();
        cmd.redirects.push(this.redirect(t));
      } else if (t.kind === 'word') {
        this.next();
        const assignment = cmd.words.length === 0 ? asAssignment(t.word) : undefined;
        if (assignment) cmd.assignments.push(assignment);
        else cmd.words.push(t.word);
      } else if (t.kind === 'op' && t.op === '(' && cmd.words.length === 0 && cmd.assignments.length > 0) {
        // x=(a b): arrays are beyond this shell; bash 5 would assign them. Skip the list to keep going.
        this.next();
        for (let u = this.next(); !(u.kind === 'op' && u.op === ')'); u = this.next()) if (u.kind === 'eof') throw this.unterminated(')', u.pos);
      } else break;
    }
    if (cmd.words.length === 0 && cmd.assignments.length === 0 && cmd.redirects.length === 0) {
      const t = this.peek();
      throw t.kind === 'eof' ? this.eofError() : this.unexpected(t);
    }
    return cmd;
  }

  private parseRedirects(): Redirect[] {
    const out: Redirect[] = [];
    for (let t = this.peek(); t.kind === 'redir'; t = this.peek()) {
      this.next();
      out.push(this.redirect(t));
    }
    return out;
  }

  private redirect(t: Token & { kind: 'redir' }): Redirect {
    if (t.heredoc) return t.heredoc;
    const target = this.next();
    if (target.kind !== 'word') throw target.kind === 'eof' ? this.unexpected(target) : this.unexpected(target);
    return { fd: t.fd, op: t.op, target: target.word };
  }

  private expectOp(op: string): void {
    const t = this.next();
    if (t.kind === 'op' && t.op === op) return;
    throw t.kind === 'eof' ? this.eofError(op) : this.unexpected(t, op);
  }

  private expectWord(word: string): void {
    const t = this.next();
    if (t.kind === 'word' && isPlain(t) && t.raw === word) return;
    throw t.kind === 'eof' ? this.eofError(word) : this.unexpected(t, word);
  }

  private peekWord(word: string): boolean {
    const t = this.peek();
    return t.kind === 'word' && isPlain(t) && t.raw === word;
  }

  private skipNewlines(): void {
    for (let t = this.peek(); t.kind === 'op' && t.op === '\n'; t = this.peek()) this.next();
  }

  /** Replaces an alias name in command position with its value's tokens (once per alias, as bash guards recursion). */
  private expandAlias(): void {
    const aliases = this.opts.aliases;
    if (!aliases || aliases.size === 0) return;
    for (let guard = 0; guard < 16; guard++) {
      const t = this.peek();
      if (t.kind !== 'word' || !isPlain(t) || t.fromAlias?.has(t.raw)) return;
      const value = aliases.get(t.raw);
      if (value === undefined) return;
      const seen = new Set([...(t.fromAlias ?? []), t.raw]);
      const sub = new Parser(value, this.depth + 1, {});
      const tokens: Token[] = [];
      for (let u = sub.lexToken(); u.kind !== 'eof'; u = sub.lexToken()) tokens.push(u.kind === 'word' ? { ...u, pos: t.pos, fromAlias: seen } : { ...u, pos: t.pos });
      this.buf.splice(0, 1, ...tokens);
    }
  }

  // ---------- errors ----------

  lineOf(pos: number): number {
    let lo = 0;
    let hi = this.newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlines[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  private unexpected(t: Token, expecting = ''): ShellSyntaxError {
    if (t.kind === 'eof') return new ShellSyntaxError("syntax error near unexpected token `newline'", false, this.lineOf(t.pos), 'token', 'newline', expecting);
    const text = t.kind === 'op' ? (t.op === '\n' ? 'newline' : t.op) : t.kind === 'redir' ? redirText(t) : t.kind === 'arith' ? `((${t.raw}))` : t.raw;
    const line = this.lineOf(t.kind === 'op' && t.op === '\n' ? t.pos - 1 : t.pos);
    return new ShellSyntaxError(`syntax error near unexpected token \`${text}'`, false, line, 'token', text, expecting);
  }

  private eofError(expecting = ''): ShellSyntaxError {
    const trailing = this.src.endsWith('\n') ? 1 : 0;
    return new ShellSyntaxError('syntax error: unexpected end of file', true, this.newlines.length - trailing + 2, 'eof', '', expecting);
  }

  private unterminated(what: string, pos: number): ShellSyntaxError {
    return new ShellSyntaxError(`unexpected EOF while looking for matching \`${what}'`, true, this.lineOf(pos), 'unterminated', what);
  }

  // ---------- tokens ----------

  private peek(k = 0): Token {
    while (this.buf.length <= k) this.buf.push(this.lexToken());
    return this.buf[k]!;
  }

  private next(): Token {
    const t = this.peek();
    this.buf.shift();
    return t;
  }

  lexToken(): Token {
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
    const pos = this.pos;
    if (this.pos >= s.length) {
      this.finishHeredocsAtEof();
      return { kind: 'eof', pos };
    }
    const redir = this.lexRedirect();
    if (redir) return redir;
    if (s.startsWith('((', this.pos)) {
      const end = matchingParens(s, this.pos + 2);
      if (end !== -1) {
        const raw = s.slice(this.pos + 2, end);
        this.pos = end + 2;
        return { kind: 'arith', raw, expr: lexArithText(raw, this.depth, this.opts), pos };
      }
    }
    for (const op of OPERATORS) {
      if (s.startsWith(op, this.pos)) {
        this.pos += op.length;
        if (op === '\n') this.readHeredocBodies();
        return { kind: 'op', op, pos };
      }
    }
    return this.lexWord();
  }

  private lexRedirect(): Token | undefined {
    const s = this.src;
    const pos = this.pos;
    const m = /^(\d*)(&>>|&>|<<<|<<-|<<|<>|<&|>>|>&|>\||<|>)/.exec(s.slice(this.pos, this.pos + 8));
    if (!m) return undefined;
    const digits = m[1]!;
    let op = m[2]!;
    if (digits !== '' && op.startsWith('&')) return undefined;
    this.pos += m[0].length;
    let fd = digits === '' ? (op.startsWith('<') ? 0 : 1) : Number(digits);
    if (op === '&>' || op === '&>>') {
      fd = -1;
      op = op === '&>' ? '>' : '>>';
    }
    const rop = op as RedirectOp;
    if (rop === '<<' || rop === '<<-') return { kind: 'redir', fd, op: rop, pos, heredoc: this.startHeredoc(rop, fd, pos) };
    return { kind: 'redir', fd, op: rop, pos };
  }

  /** Reads the delimiter after << now; the body is read at the end of the line. */
  private startHeredoc(op: '<<' | '<<-', fd: number, pos: number): Redirect {
    for (; this.src[this.pos] === ' ' || this.src[this.pos] === '\t'; this.pos++);
    const t = this.lexToken();
    if (t.kind !== 'word') throw t.kind === 'eof' ? this.unexpected(t) : this.unexpected(t);
    const quoted = t.word.parts.some((p) => p.kind === 'text' && p.quoted);
    const delim = t.word.parts.map((p) => (p.kind === 'text' ? p.value : '')).join('') || t.raw.replace(/["'\\]/g, '');
    const redirect: Redirect = { fd, op, target: t.word, heredoc: { parts: [] } };
    this.pendingHeredocs.push({ redirect, delim: quoted ? delim : t.raw.replace(/["'\\]/g, ''), quoted, strip: op === '<<-', line: this.lineOf(pos) });
    return redirect;
  }

  private readHeredocBodies(): void {
    const s = this.src;
    while (this.pendingHeredocs.length > 0) {
      const h = this.pendingHeredocs.shift()!;
      let body = '';
      let found = false;
      while (this.pos < s.length) {
        let end = s.indexOf('\n', this.pos);
        if (end === -1) end = s.length;
        let lineText = s.slice(this.pos, end);
        this.pos = Math.min(end + 1, s.length);
        if (h.strip) lineText = lineText.replace(/^\t+/, '');
        if (lineText === h.delim || lineText === h.delim + '\r') {
          found = true;
          break;
        }
        body += lineText + '\n';
      }
      if (!found) this.heredocEof(h);
      h.redirect.heredoc = h.quoted ? { parts: [{ kind: 'text', value: body, quoted: true }] } : lexHeredocText(body, this.depth, this.opts);
    }
  }

  private finishHeredocsAtEof(): void {
    for (const h of this.pendingHeredocs) {
      this.heredocEof(h);
      h.redirect.heredoc = { parts: [] };
    }
    this.pendingHeredocs = [];
  }

  private heredocEof(h: { delim: string; line: number }): void {
    this.heredocAtEof = true;
    const trailing = this.src.endsWith('\n') ? 1 : 0;
    this.warnings.push(`line ${this.newlines.length - trailing + 1}: warning: here-document at line ${h.line} delimited by end-of-file (wanted \`${h.delim}')`);
  }

  private lexRegexWord(): Token & { kind: 'word' } {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
    const start = this.pos;
    let depth = 0;
    const parts = this.lexParts((c) => {
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) return true;
        depth--;
      }
      return depth === 0 && ' \t\r\n;&'.includes(c);
    }, false);
    return { kind: 'word', word: { parts }, raw: this.src.slice(start, this.pos), pos: start };
  }

  private lexWord(): Token {
    const start = this.pos;
    const parts = this.lexParts((c) => META.includes(c), false);
    return { kind: 'word', word: { parts }, raw: this.src.slice(start, this.pos), pos: start };
  }

  /**
   * Word parts up to (not including) the first unquoted character `stop` accepts. `inDq`: the text is inside
   * double quotes (a ${...} operand there), so plain text is quoted.
   */
  lexParts(stop: (c: string) => boolean, inDq: boolean): WordPart[] {
    const s = this.src;
    const parts: WordPart[] = [];
    let text = '';
    const flush = (): void => {
      if (text !== '') parts.push({ kind: 'text', value: text, quoted: inDq });
      text = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (stop(c)) break;
      if (c === '\\') {
        if (s[this.pos + 1] === '\n') {
          this.pos += 2;
          continue;
        }
        flush();
        if (this.pos + 1 < s.length) parts.push({ kind: 'text', value: s[this.pos + 1]!, quoted: true });
        this.pos += 2;
      } else if (c === "'" && !inDq) {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end === -1) throw this.unterminated("'", s.length);
        parts.push({ kind: 'text', value: s.slice(this.pos + 1, end), quoted: true });
        this.pos = end + 1;
      } else if (c === '$' && s[this.pos + 1] === "'" && !inDq) {
        flush();
        parts.push({ kind: 'text', value: this.lexAnsiC(), quoted: true });
      } else if (c === '"' || (c === '$' && s[this.pos + 1] === '"' && !inDq)) {
        flush();
        this.pos += c === '$' ? 2 : 1;
        this.lexDoubleQuoted(parts);
      } else if (c === '$' || c === '`') {
        const part = this.lexDollarOrBacktick(inDq);
        if (part) {
          flush();
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
    flush();
    return parts;
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
    throw this.unterminated('"', s.length);
  }

  /** $NAME, ${...}, $?, $(...), $((...)), `...`; undefined for a lone `$`. */
  lexDollarOrBacktick(quoted: boolean): WordPart | undefined {
    const s = this.src;
    const start = this.pos;
    if (s[this.pos] === '`') {
      let j = this.pos + 1;
      let body = '';
      for (; j < s.length && s[j] !== '`'; j++) {
        if (s[j] === '\\' && ('$`\\'.includes(s[j + 1] ?? '') || (quoted && s[j + 1] === '"'))) j++;
        body += s[j];
      }
      if (j >= s.length) throw this.unterminated('`', start);
      this.pos = j + 1;
      return { kind: 'command', list: this.subProgram(body), quoted };
    }
    const n = s[this.pos + 1];
    if (n === '(') {
      if (s[this.pos + 2] === '(') {
        const end = matchingParens(s, this.pos + 3);
        if (end !== -1) {
          const raw = s.slice(this.pos + 3, end);
          this.pos = end + 2;
          return { kind: 'arith', expr: lexArithText(raw, this.depth, this.opts), quoted };
        }
      }
      const sub = new Parser(s, this.depth + 1, {});
      sub.pos = this.pos + 2;
      let list: List;
      try {
        list = sub.parseList([')'], true, ')');
      } catch (e) {
        if (e instanceof ShellSyntaxError && e.kind === 'eof') throw new ShellSyntaxError("unexpected EOF while looking for matching `)'", true, e.line, 'unterminated', ')');
        throw e;
      }
      const close = sub.next();
      if (!(close.kind === 'op' && close.op === ')')) throw close.kind === 'eof' ? this.unterminated(')', close.pos) : sub.unexpected(close);
      this.pos = sub.pos;
      return { kind: 'command', list, quoted };
    }
    if (n === '{') return this.lexBraceParam(quoted);
    if (n === '[') {
      // $[expr]: bash's old arithmetic syntax.
      const end = s.indexOf(']', this.pos + 2);
      if (end !== -1) {
        const raw = s.slice(this.pos + 2, end);
        this.pos = end + 1;
        return { kind: 'arith', expr: lexArithText(raw, this.depth, this.opts), quoted };
      }
    }
    if (n !== undefined && SPECIAL_PARAM.test(n)) {
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

  /** ${name}, ${#name}, ${!name}, ${name<op>word}, ${name/pat/rep}, ${name:off:len}. */
  private lexBraceParam(quoted: boolean): WordPart {
    const s = this.src;
    const start = this.pos;
    this.pos += 2;
    const bad = (): WordPart => {
      const end = this.matchingBrace(start);
      const text = s.slice(start, end + 1);
      this.pos = end + 1;
      return { kind: 'param', name: '', quoted, bad: text };
    };
    let prefix: '' | '#' | '!' = '';
    if ((s[this.pos] === '#' || s[this.pos] === '!') && s[this.pos + 1] !== '}' && s[this.pos + 1] !== undefined) {
      prefix = s[this.pos] as '#' | '!';
      this.pos++;
    }
    let name = '';
    if (NAME_START.test(s[this.pos] ?? '')) {
      let j = this.pos;
      while (j < s.length && NAME_CHAR.test(s[j]!)) j++;
      name = s.slice(this.pos, j);
      this.pos = j;
    } else if (/[0-9]/.test(s[this.pos] ?? '')) {
      let j = this.pos;
      while (j < s.length && /[0-9]/.test(s[j]!)) j++;
      name = s.slice(this.pos, j);
      this.pos = j;
    } else if (SPECIAL_PARAM.test(s[this.pos] ?? '')) {
      name = s[this.pos]!;
      this.pos++;
    }
    if (this.pos >= s.length) throw this.unterminated('}', start);
    if (name === '') return bad();
    if (prefix !== '') {
      if (s[this.pos] !== '}') return bad();
      this.pos++;
      return { kind: 'param', name, quoted, op: prefix === '#' ? 'length' : 'indirect' };
    }
    if (s[this.pos] === '}') {
      this.pos++;
      return { kind: 'param', name, quoted };
    }
    const rest = s.slice(this.pos, this.pos + 2);
    let op: ParamOp | undefined;
    for (const cand of [':-', ':=', ':+', ':?', '##', '%%', '//', '/#', '/%', '^^', ',,', '-', '=', '+', '?', '#', '%', '/', '^', ','] as const) {
      if (rest.startsWith(cand)) {
        op = cand;
        break;
      }
    }
    if (!op && s[this.pos] === ':') op = 'substring';
    if (!op) return bad();
    this.pos += op === 'substring' ? 1 : op.length;
    const part: WordPart & { kind: 'param' } = { kind: 'param', name, quoted, op };
    // A pattern operand stays a pattern inside double quotes; only its own quotes make it literal.
    if (op === '/' || op === '//' || op === '/#' || op === '/%') {
      part.arg = { parts: this.lexParts((c) => c === '/' || c === '}', false) };
      if (s[this.pos] === '/') {
        this.pos++;
        part.arg2 = { parts: this.lexParts((c) => c === '}', quoted) };
      }
    } else if (op === 'substring') {
      part.arg = { parts: this.lexParts((c) => c === ':' || c === '}', quoted) };
      if (s[this.pos] === ':') {
        this.pos++;
        part.arg2 = { parts: this.lexParts((c) => c === '}', quoted) };
      }
    } else {
      part.arg = { parts: this.lexParts((c) => c === '}', quoted && !['#', '##', '%', '%%'].includes(op)) };
    }
    if (s[this.pos] !== '}') throw this.unterminated('}', start);
    this.pos++;
    return part;
  }

  private matchingBrace(start: number): number {
    let depth = 0;
    for (let j = start; j < this.src.length; j++) {
      if (this.src[j] === '{') depth++;
      else if (this.src[j] === '}' && --depth === 0) return j;
    }
    throw this.unterminated('}', start);
  }

  private subProgram(text: string): List {
    const sub = new Parser(text, this.depth + 1, {});
    const items: AndOr[] = [];
    for (let l = sub.parseTopLine(); l; l = sub.parseTopLine()) items.push(...l.items);
    return { items };
  }

  /** $'...' with C escapes, as bots use to write binary droppers. */
  private lexAnsiC(): string {
    const s = this.src;
    const start = this.pos;
    let j = this.pos + 2;
    let out = '';
    for (; j < s.length && s[j] !== "'"; j++) {
      if (s[j] !== '\\') {
        out += s[j];
        continue;
      }
      const e = s[++j] ?? '';
      const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', v: '\v', '\\': '\\', "'": "'", '"': '"', '?': '?' };
      if (e in simple) out += simple[e];
      else if (e === 'x') {
        const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(j + 1));
        out += m ? String.fromCharCode(parseInt(m[0], 16)) : '\\x';
        j += m ? m[0].length : 0;
      } else if (e === 'u' || e === 'U') {
        const m = (e === 'u' ? /^[0-9a-fA-F]{1,4}/ : /^[0-9a-fA-F]{1,8}/).exec(s.slice(j + 1));
        out += m ? String.fromCodePoint(Math.min(parseInt(m[0], 16), 0x10ffff)) : '\\' + e;
        j += m ? m[0].length : 0;
      } else if (e === 'c' && j + 1 < s.length) {
        out += String.fromCharCode(s.charCodeAt(++j) & 0x1f);
      } else if (/[0-7]/.test(e)) {
        const m = /^[0-7]{1,3}/.exec(s.slice(j))!;
        out += String.fromCharCode(parseInt(m[0], 8) & 0xff);
        j += m[0].length - 1;
      } else out += '\\' + e;
    }
    if (j >= s.length) throw this.unterminated("'", start);
    this.pos = j + 1;
    return out;
  }
}

/** Parses the tokens between [[ and ]]. */
class CondParser {
  private i = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly line: number,
  ) {}

  parse(): CondExpr {
    const e = this.or();
    if (this.i < this.tokens.length) throw this.error(this.tokens[this.i]!);
    return e;
  }

  private or(): CondExpr {
    let left = this.and();
    while (this.isOp('||')) {
      this.i++;
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): CondExpr {
    let left = this.not();
    while (this.isOp('&&')) {
      this.i++;
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): CondExpr {
    const t = this.tokens[this.i];
    if (t?.kind === 'word' && t.raw === '!') {
      this.i++;
      return { kind: 'not', expr: this.not() };
    }
    return this.primary();
  }

  private primary(): CondExpr {
    const t = this.tokens[this.i];
    if (!t) throw new ShellSyntaxError("unexpected argument `]]' to conditional unary operator", false, this.line, 'cond', ']]');
    if (this.isOp('(')) {
      this.i++;
      const e = this.or();
      if (!this.isOp(')')) throw this.error(this.tokens[this.i]);
      this.i++;
      return e;
    }
    if (t.kind !== 'word') throw this.error(t);
    const next = this.tokens[this.i + 1];
    const binop = next ? this.binaryOp(next) : undefined;
    if (COND_UNARY.has(t.raw) && next && binop === undefined && next.kind === 'word') {
      this.i += 2;
      return { kind: 'unary', op: t.raw, arg: next.word };
    }
    this.i++;
    if (binop === undefined) return { kind: 'word', word: t.word };
    this.i++;
    const right = this.tokens[this.i];
    if (!right || right.kind !== 'word') throw new ShellSyntaxError(`unexpected argument \`${right ? tokenText(right) : ']]'}' to conditional binary operator`, false, this.line, 'cond', ']]');
    this.i++;
    return { kind: 'binary', op: binop, left: t.word, right: right.word };
  }

  private binaryOp(t: Token): string | undefined {
    if (t.kind === 'word' && COND_BINARY.has(t.raw)) return t.raw;
    if (t.kind === 'redir' && (t.op === '<' || t.op === '>') && (t.fd === 0 || t.fd === 1)) return t.op;
    return undefined;
  }

  private isOp(op: string): boolean {
    const t = this.tokens[this.i];
    return t?.kind === 'op' && t.op === op;
  }

  private error(t: Token | undefined): ShellSyntaxError {
    const text = t ? tokenText(t) : ']]';
    return new ShellSyntaxError(`syntax error in conditional expression: unexpected token \`${text}'`, false, this.line, 'cond', text);
  }
}

function tokenText(t: Token): string {
  return t.kind === 'word' ? t.raw : t.kind === 'op' ? t.op : t.kind === 'redir' ? redirText(t) : t.kind === 'arith' ? `((${t.raw}))` : 'newline';
}

function redirText(t: Token & { kind: 'redir' }): string {
  return t.fd === -1 ? `&${t.op}` : t.op;
}

/** A token bash would take as a reserved word: written without quotes or expansions. */
function isPlain(t: Token & { kind: 'word' }): boolean {
  return t.word.parts.length === 1 && t.word.parts[0]!.kind === 'text' && !t.word.parts[0]!.quoted && t.word.parts[0]!.value === t.raw;
}

/** Index of the `))` closing an arithmetic expression whose text starts at `from`, or -1. */
function matchingParens(s: string, from: number): number {
  let depth = 0;
  for (let j = from; j < s.length; j++) {
    const c = s[j];
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return s[j + 1] === ')' ? j : -1;
      depth--;
    }
  }
  return -1;
}

/** for ((a; b; c)): the three expressions. */
function splitArith(raw: string): [string, string, string] | undefined {
  const parts = raw.split(';');
  return parts.length === 3 ? [parts[0]!, parts[1]!, parts[2]!] : undefined;
}

/** Text that expands like the inside of double quotes ($ and ` only), for $((...)) and here-documents. */
function lexExpandingText(text: string, depth: number, opts: ParseOptions, dropQuotes: boolean): Word {
  const p = new Parser(text, depth + 1, opts);
  const parts: WordPart[] = [];
  let buf = '';
  const flush = (): void => {
    if (buf !== '') parts.push({ kind: 'text', value: buf, quoted: true });
    buf = '';
  };
  while (p.pos < text.length) {
    const c = text[p.pos]!;
    if (c === '\\' && '$`\\\n'.includes(text[p.pos + 1] ?? '')) {
      if (text[p.pos + 1] !== '\n') buf += text[p.pos + 1];
      p.pos += 2;
    } else if (c === '$' || c === '`') {
      const part = p.lexDollarOrBacktick(true);
      if (part) {
        flush();
        parts.push(part);
      } else {
        buf += '$';
        p.pos++;
      }
    } else {
      if (!(dropQuotes && (c === '"' || c === "'"))) buf += c;
      p.pos++;
    }
  }
  flush();
  return { parts };
}

function lexArithText(text: string, depth: number, opts: ParseOptions): Word {
  return lexExpandingText(text, depth, opts, true);
}

function lexHeredocText(text: string, depth: number, opts: ParseOptions): Word {
  return lexExpandingText(text, depth, opts, false);
}

/** NAME=value (or NAME+=value) as the first words of a command. */
function asAssignment(word: Word): { name: string; value: Word; append?: boolean } | undefined {
  const first = word.parts[0];
  if (!first || first.kind !== 'text' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.value);
  if (!m) return undefined;
  const rest = first.value.slice(m[0].length);
  const parts: WordPart[] = [...(rest ? [{ kind: 'text' as const, value: rest, quoted: false }] : []), ...word.parts.slice(1)];
  return m[2] ? { name: m[1]!, value: { parts }, append: true } : { name: m[1]!, value: { parts } };
}
