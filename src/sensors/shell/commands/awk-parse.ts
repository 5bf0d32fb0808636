// The awk subset's tokenizer, parser and evaluator: a program compiles to closures over an AwkState.
import { toJsRegex, userRegExp } from './regex.js';

export class AwkSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly near: string,
  ) {
    super(`syntax error at or near ${near}`);
  }
}

type Value = string | number;

export interface AwkState {
  fields: string[];
  vars: Map<string, Value>;
  nr: number;
  fnr: number;
  fs: string;
  out: (t: string) => void;
  exited: boolean;
}

interface Compiled {
  begin(s: AwkState): void;
  record(s: AwkState, line: string): void;
  end(s: AwkState): void;
  hasMain: boolean;
}

type Tok = { t: 'num'; v: number } | { t: 'str'; v: string } | { t: 're'; v: string } | { t: 'name'; v: string } | { t: 'op'; v: string } | { t: 'nl' } | { t: 'eof' };
type Expr = (s: AwkState) => Value;
type Stmt = (s: AwkState) => void;

class NextSignal {}

const OPS = ['&&', '||', '==', '!=', '<=', '>=', '!~', '++', '--', '+=', '-=', '*=', '/=', '{', '}', '(', ')', ';', ',', '<', '>', '~', '!', '+', '-', '*', '/', '%', '=', '$', '?', ':'];

function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  const regexAllowed = (): boolean => {
    const last = toks[toks.length - 1];
    if (!last) return true;
    if (last.t === 'op') return !(last.v === ')' || last.v === '$');
    return last.t === 'nl';
  };
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || (c === '\\' && src[i + 1] === '\n')) {
      i += c === '\\' ? 2 : 1;
    } else if (c === '\n') {
      toks.push({ t: 'nl' });
      i++;
    } else if (c === '#') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(src[i + 1] ?? ''))) {
      const m = /^[0-9]*\.?[0-9]*([eE][+-]?[0-9]+)?/.exec(src.slice(i))!;
      toks.push({ t: 'num', v: Number(m[0]) });
      i += m[0].length;
    } else if (c === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === '\\' && i + 1 < src.length) {
          const e = src[++i]!;
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '\\' ? '\\' : e === '"' ? '"' : e === '/' ? '/' : '\\' + e;
        } else v += src[i];
        i++;
      }
      if (i >= src.length) throw new AwkSyntaxError(1, 'end of file');
      i++;
      toks.push({ t: 'str', v });
    } else if (c === '/' && regexAllowed()) {
      let v = '';
      i++;
      while (i < src.length && src[i] !== '/') {
        if (src[i] === '\\' && src[i + 1] === '/') {
          v += '/';
          i += 2;
          continue;
        }
        if (src[i] === '\n') throw new AwkSyntaxError(1, 'end of line');
        v += src[i++];
      }
      if (i >= src.length) throw new AwkSyntaxError(1, 'end of file');
      i++;
      toks.push({ t: 're', v });
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      toks.push({ t: 'name', v: m[0] });
      i += m[0].length;
    } else {
      const op = OPS.find((o) => src.startsWith(o, i));
      if (!op) throw new AwkSyntaxError(1, c);
      toks.push({ t: 'op', v: op });
      i += op.length;
    }
  }
  toks.push({ t: 'eof' });
  return toks;
}

export function toNum(v: Value): number {
  if (typeof v === 'number') return v;
  const m = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(v);
  return m ? Number(m[0]) : 0;
}

function toStr(v: Value): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  const p = v.toPrecision(6);
  return p.includes('e') ? p : p.replace(/\.?0+$/, '');
}

function looksNumeric(v: Value): boolean {
  return typeof v === 'number' || /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v);
}

function splitFields(line: string, fs: string): string[] {
  if (fs === ' ') return line.split(/[ \t\n]+/).filter((x) => x !== '');
  if (line === '') return [];
  if (fs.length === 1 && fs !== '\\') return line.split(fs);
  try {
    return line.split(userRegExp(toJsRegex(fs, 'extended')));
  } catch {
    return line.split(fs);
  }
}

function setRecord(s: AwkState, line: string): void {
  s.fields = [line, ...splitFields(line, s.fs)];
}

const MAX_WIDTH = 4096;

function fmtPrintf(fmt: string, args: Value[]): string {
  let k = 0;
  return fmt.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdicfeEgGxXou%])/g, (_m, flags: string, width: string, prec: string | undefined, conv: string) => {
    if (conv === '%') return '%';
    const a = args[k++] ?? '';
    // Bounded as the shell bounds output; toFixed and friends throw past 100 digits.
    prec = prec === undefined ? undefined : String(Math.min(100, Number(prec)));
    width = String(Math.min(MAX_WIDTH, Number(width || 0)));
    let out: string;
    switch (conv) {
      case 's':
        out = toStr(a);
        if (prec !== undefined) out = out.slice(0, Number(prec));
        break;
      case 'd':
      case 'i':
        out = String(Math.trunc(toNum(a)));
        break;
      case 'c':
        out = typeof a === 'number' ? String.fromCharCode(a) : a.charAt(0);
        break;
      case 'x':
      case 'X':
        out = Math.trunc(toNum(a)).toString(16);
        if (conv === 'X') out = out.toUpperCase();
        break;
      case 'o':
        out = Math.trunc(toNum(a)).toString(8);
        break;
      case 'u':
        out = String(Math.abs(Math.trunc(toNum(a))));
        break;
      case 'e':
      case 'E':
        out = toNum(a).toExponential(prec === undefined ? 6 : Number(prec));
        break;
      case 'g':
      case 'G':
        out = toStr(Number(toNum(a).toPrecision(prec === undefined ? 6 : Math.max(1, Number(prec)))));
        break;
      default:
        out = toNum(a).toFixed(prec === undefined ? 6 : Number(prec));
    }
    const w = Number(width || 0);
    if (out.length >= w) return out;
    if (flags.includes('-')) return out.padEnd(w);
    return flags.includes('0') && conv !== 's' ? out.padStart(w, '0') : out.padStart(w);
  });
}

class Parser {
  private p = 0;
  constructor(private readonly toks: Tok[]) {}

  private peek(): Tok {
    return this.toks[this.p]!;
  }
  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }
  private fail(): never {
    const t = this.peek();
    const near = t.t === 'eof' ? 'end of file' : t.t === 'nl' ? 'end of line' : t.t === 'str' ? `"${t.v}"` : t.t === 're' ? `/${t.v}/` : String(t.v);
    throw new AwkSyntaxError(1, near);
  }
  private expect(v: string): void {
    if (!this.isOp(v)) this.fail();
    this.p++;
  }
  private skipTerminators(): void {
    while (this.peek().t === 'nl' || this.isOp(';')) this.p++;
  }
  private skipNl(): void {
    while (this.peek().t === 'nl') this.p++;
  }

  program(): Compiled {
    const begins: Stmt[] = [];
    const ends: Stmt[] = [];
    const mains: { pattern?: Expr; action?: Stmt }[] = [];
    this.skipTerminators();
    while (this.peek().t !== 'eof') {
      const t = this.peek();
      if (t.t === 'name' && (t.v === 'BEGIN' || t.v === 'END')) {
        this.p++;
        this.skipNl();
        (t.v === 'BEGIN' ? begins : ends).push(this.block());
      } else {
        const pattern = this.isOp('{') ? undefined : this.expr();
        const action = this.isOp('{') ? this.block() : undefined;
        mains.push({ pattern, action });
      }
      this.skipTerminators();
    }
    const runAll = (list: Stmt[], s: AwkState): void => {
      for (const st of list) {
        if (s.exited) return;
        st(s);
      }
    };
    return {
      hasMain: mains.length > 0 || ends.length > 0,
      begin: (s) => runAll(begins, s),
      end: (s) => runAll(ends, s),
      record: (s, line) => {
        setRecord(s, line);
        try {
          for (const { pattern, action } of mains) {
            if (s.exited) return;
            if (pattern && !truthy(pattern(s))) continue;
            if (action) action(s);
            else s.out(s.fields[0] + '\n');
          }
        } catch (e) {
          if (!(e instanceof NextSignal)) throw e;
        }
      },
    };
  }

  private block(): Stmt {
    this.expect('{');
    const stmts: Stmt[] = [];
    this.skipTerminators();
    while (!this.isOp('}')) {
      if (this.peek().t === 'eof') this.fail();
      stmts.push(this.statement());
      this.skipTerminators();
    }
    this.p++;
    return (s) => {
      for (const st of stmts) {
        if (s.exited) return;
        st(s);
      }
    };
  }

  private statement(): Stmt {
    const t = this.peek();
    if (this.isOp('{')) return this.block();
    if (t.t === 'name') {
      switch (t.v) {
        case 'print':
        case 'printf': {
          this.p++;
          const args: Expr[] = [];
          const paren = this.isOp('(') && this.parenList(args);
          if (!paren && !this.endOfSimple()) {
            args.push(this.expr(true));
            while (this.isOp(',')) {
              this.p++;
              this.skipNl();
              args.push(this.expr(true));
            }
          }
          if (this.isOp('>')) this.fail();
          if (t.v === 'print') return (s) => s.out((args.length ? args.map((a) => toStr(a(s))).join(' ') : s.fields[0]) + '\n');
          if (args.length === 0) this.fail();
          return (s) => s.out(fmtPrintf(toStr(args[0]!(s)), args.slice(1).map((a) => a(s))));
        }
        case 'next':
          this.p++;
          return () => {
            throw new NextSignal();
          };
        case 'exit': {
          this.p++;
          if (!this.endOfSimple()) this.expr();
          return (s) => {
            s.exited = true;
          };
        }
        case 'if': {
          this.p++;
          this.expect('(');
          const cond = this.expr();
          this.expect(')');
          this.skipNl();
          const then = this.statement();
          let otherwise: Stmt | undefined;
          const save = this.p;
          this.skipTerminators();
          const n = this.peek();
          if (n.t === 'name' && n.v === 'else') {
            this.p++;
            this.skipNl();
            otherwise = this.statement();
          } else this.p = save;
          return (s) => (truthy(cond(s)) ? then(s) : otherwise?.(s));
        }
      }
    }
    const e = this.expr();
    return (s) => void e(s);
  }

  /** `print("a", "b")`: a parenthesised list; returns false (and rewinds) when it is just a grouped expression. */
  private parenList(out: Expr[]): boolean {
    const save = this.p;
    this.p++;
    const list: Expr[] = [this.expr()];
    while (this.isOp(',')) {
      this.p++;
      list.push(this.expr());
    }
    if (this.isOp(')')) {
      this.p++;
      if (this.endOfSimple()) {
        out.push(...list);
        return true;
      }
    }
    this.p = save;
    return false;
  }

  private endOfSimple(): boolean {
    const t = this.peek();
    return t.t === 'nl' || t.t === 'eof' || this.isOp(';') || this.isOp('}');
  }

  /** noGt: inside print's argument list, where `>` is output redirection. */
  expr(noGt = false): Expr {
    return this.ternary(noGt);
  }

  private ternary(noGt: boolean): Expr {
    const cond = this.assignment(noGt);
    if (!this.isOp('?')) return cond;
    this.p++;
    const a = this.ternary(noGt);
    this.expect(':');
    const b = this.ternary(noGt);
    return (s) => (truthy(cond(s)) ? a(s) : b(s));
  }

  private assignment(noGt: boolean): Expr {
    const t = this.peek();
    const n = this.toks[this.p + 1];
    if (t.t === 'name' && n?.t === 'op' && ['=', '+=', '-=', '*=', '/='].includes(n.v) && !isBuiltinVar(t.v)) {
      this.p += 2;
      const rhs = this.assignment(noGt);
      const name = t.v;
      const op = n.v;
      return (s) => {
        const r = rhs(s);
        const cur = toNum(s.vars.get(name) ?? 0);
        const v = op === '=' ? r : op === '+=' ? cur + toNum(r) : op === '-=' ? cur - toNum(r) : op === '*=' ? cur * toNum(r) : cur / toNum(r);
        s.vars.set(name, v);
        return v;
      };
    }
    return this.or(noGt);
  }

  private or(noGt: boolean): Expr {
    let l = this.and(noGt);
    while (this.isOp('||')) {
      this.p++;
      this.skipNl();
      const a = l;
      const r = this.and(noGt);
      l = (s) => (truthy(a(s)) || truthy(r(s)) ? 1 : 0);
    }
    return l;
  }

  private and(noGt: boolean): Expr {
    let l = this.match(noGt);
    while (this.isOp('&&')) {
      this.p++;
      this.skipNl();
      const a = l;
      const r = this.match(noGt);
      l = (s) => (truthy(a(s)) && truthy(r(s)) ? 1 : 0);
    }
    return l;
  }

  private match(noGt: boolean): Expr {
    let l = this.comparison(noGt);
    while (this.isOp('~') || this.isOp('!~')) {
      const neg = this.isOp('!~');
      this.p++;
      const t = this.peek();
      let re: (s: AwkState) => RegExp;
      if (t.t === 're') {
        this.p++;
        const compiled = regex(t.v);
        re = () => compiled;
      } else {
        const e = this.comparison(noGt);
        re = (s) => regex(toStr(e(s)));
      }
      const a = l;
      l = (s) => (re(s).test(toStr(a(s))) !== neg ? 1 : 0);
    }
    return l;
  }

  private comparison(noGt: boolean): Expr {
    const l = this.concat(noGt);
    const t = this.peek();
    if (t.t !== 'op' || !['==', '!=', '<', '<=', '>=', ...(noGt ? [] : ['>'])].includes(t.v)) return l;
    this.p++;
    const r = this.concat(noGt);
    const op = t.v;
    return (s) => {
      const a = l(s);
      const b = r(s);
      const cmp = looksNumeric(a) && looksNumeric(b) ? toNum(a) - toNum(b) : toStr(a) < toStr(b) ? -1 : toStr(a) > toStr(b) ? 1 : 0;
      const ok = op === '==' ? cmp === 0 : op === '!=' ? cmp !== 0 : op === '<' ? cmp < 0 : op === '<=' ? cmp <= 0 : op === '>' ? cmp > 0 : cmp >= 0;
      return ok ? 1 : 0;
    };
  }

  private startsOperand(): boolean {
    const t = this.peek();
    if (t.t === 'num' || t.t === 'str' || t.t === 're') return true;
    if (t.t === 'name') return !['in', 'else'].includes(t.v);
    return t.t === 'op' && ['$', '(', '++', '--'].includes(t.v);
  }

  private concat(noGt: boolean): Expr {
    let l = this.additive();
    while (this.startsOperand()) {
      const a = l;
      const r = this.additive();
      l = (s) => toStr(a(s)) + toStr(r(s));
    }
    void noGt;
    return l;
  }

  private additive(): Expr {
    let l = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      const a = l;
      const r = this.multiplicative();
      l = op === '+' ? (s) => toNum(a(s)) + toNum(r(s)) : (s) => toNum(a(s)) - toNum(r(s));
    }
    return l;
  }

  private multiplicative(): Expr {
    let l = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = (this.peek() as { v: string }).v;
      this.p++;
      const a = l;
      const r = this.unary();
      l = (s) => {
        const x = toNum(a(s));
        const y = toNum(r(s));
        if (op === '*') return x * y;
        if (y === 0) return 0;
        return op === '/' ? x / y : x % y;
      };
    }
    return l;
  }

  private unary(): Expr {
    if (this.isOp('!')) {
      this.p++;
      const e = this.unary();
      return (s) => (truthy(e(s)) ? 0 : 1);
    }
    if (this.isOp('-')) {
      this.p++;
      const e = this.unary();
      return (s) => -toNum(e(s));
    }
    if (this.isOp('+')) {
      this.p++;
      const e = this.unary();
      return (s) => toNum(e(s));
    }
    return this.postfix();
  }

  private postfix(): Expr {
    const t = this.peek();
    if (t.t === 'name' && !isBuiltinVar(t.v) && this.toks[this.p + 1]?.t === 'op' && ['++', '--'].includes((this.toks[this.p + 1] as { v: string }).v)) {
      const d = (this.toks[this.p + 1] as { v: string }).v === '++' ? 1 : -1;
      this.p += 2;
      return (s) => {
        const cur = toNum(s.vars.get(t.v) ?? 0);
        s.vars.set(t.v, cur + d);
        return cur;
      };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    this.p++;
    switch (t.t) {
      case 'num':
        return () => t.v;
      case 'str':
        return () => t.v;
      case 're': {
        const re = regex(t.v);
        return (s) => (re.test(s.fields[0] ?? '') ? 1 : 0);
      }
      case 'op':
        if (t.v === '$') {
          const idx = this.primary();
          return (s) => {
            const i = Math.trunc(toNum(idx(s)));
            return i === 0 ? (s.fields[0] ?? '') : (s.fields[i] ?? '');
          };
        }
        if (t.v === '(') {
          const e = this.expr();
          this.expect(')');
          return e;
        }
        if (t.v === '++' || t.v === '--') {
          const n = this.peek();
          if (n.t !== 'name') this.fail();
          this.p++;
          const d = t.v === '++' ? 1 : -1;
          return (s) => {
            const v = toNum(s.vars.get(n.v) ?? 0) + d;
            s.vars.set(n.v, v);
            return v;
          };
        }
        break;
      case 'name':
        return this.name(t.v);
    }
    this.p--;
    this.fail();
  }

  private name(n: string): Expr {
    switch (n) {
      case 'NR':
        return (s) => s.nr;
      case 'FNR':
        return (s) => s.fnr;
      case 'NF':
        return (s) => s.fields.length - 1;
      case 'FS':
        return (s) => s.fs;
      case 'OFS':
        return () => ' ';
      case 'length': {
        if (!this.isOp('(')) return (s) => (s.fields[0] ?? '').length;
        const [a] = this.callArgs(0, 1);
        return (s) => (a ? toStr(a(s)) : (s.fields[0] ?? '')).length;
      }
      case 'toupper':
      case 'tolower': {
        const [a] = this.callArgs(1, 1);
        return (s) => (n === 'toupper' ? toStr(a!(s)).toUpperCase() : toStr(a!(s)).toLowerCase());
      }
      case 'substr': {
        const [a, b, c] = this.callArgs(2, 3);
        return (s) => {
          const str = toStr(a!(s));
          const start = Math.round(toNum(b!(s)));
          const len = c ? Math.round(toNum(c(s))) : Infinity;
          const from = Math.max(1, start);
          const to = start + len;
          return str.slice(from - 1, Math.max(from - 1, to - 1));
        };
      }
      case 'int': {
        const [a] = this.callArgs(1, 1);
        return (s) => Math.trunc(toNum(a!(s)));
      }
      case 'index': {
        const [a, b] = this.callArgs(2, 2);
        return (s) => toStr(a!(s)).indexOf(toStr(b!(s))) + 1;
      }
    }
    if (['getline', 'function', 'while', 'for', 'do', 'delete', 'in', 'system', 'split', 'sub', 'gsub', 'sprintf', 'match', 'close', 'srand', 'rand', 'BEGIN', 'END'].includes(n)) {
      this.p--;
      this.fail();
    }
    return (s) => s.vars.get(n) ?? '';
  }

  private callArgs(min: number, max: number): (Expr | undefined)[] {
    this.expect('(');
    const args: Expr[] = [];
    if (!this.isOp(')')) {
      args.push(this.expr());
      while (this.isOp(',')) {
        this.p++;
        args.push(this.expr());
      }
    }
    if (args.length < min || args.length > max) this.fail();
    this.expect(')');
    return args;
  }
}

function isBuiltinVar(n: string): boolean {
  return ['NR', 'NF', 'FNR', 'FS', 'OFS'].includes(n);
}

function truthy(v: Value): boolean {
  return typeof v === 'number' ? v !== 0 : looksNumeric(v) ? toNum(v) !== 0 : v !== '';
}

const REGEX_CACHE = new Map<string, RegExp>();
function regex(src: string): RegExp {
  let re = REGEX_CACHE.get(src);
  if (!re) {
    try {
      re = userRegExp(toJsRegex(src, 'extended'));
    } catch {
      throw new AwkSyntaxError(1, `/${src}/`);
    }
    if (REGEX_CACHE.size < 256) REGEX_CACHE.set(src, re);
  }
  return re;
}

export function compileAwk(src: string): Compiled {
  return new Parser(tokenize(src)).program();
}
