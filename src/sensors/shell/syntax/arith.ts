// bash's $((...)) and ((...)) arithmetic: 64-bit signed integers that wrap, C operator precedence, assignments,
// bases (0x1f, 017, 2#101), and bash's error texts with the "error token" it names.

export class ArithError extends Error {
  constructor(
    message: string,
    /** The rest of the expression from the offending token, as bash quotes it. */
    readonly token: string,
  ) {
    super(message);
  }
}

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

const MAX_RECURSION = 64;
const wrap = (v: bigint): bigint => BigInt.asIntN(64, v);

type Tok = { t: 'num'; v: bigint; s: number } | { t: 'name'; v: string; s: number } | { t: 'op'; v: string; s: number } | { t: 'end'; s: number };

const OPS = ['<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '+', '-', '*', '/', '%', '<', '>', '=', '!', '~', '&', '^', '|', '?', ':', '(', ')', ','];

/** Evaluates an (already expanded) expression; the empty expression is 0. */
export function evalArith(expr: string, vars: ArithVars, depth = 0): bigint {
  if (depth > MAX_RECURSION) throw new ArithError('expression recursion level exceeded', expr);
  return new Evaluator(expr, vars, depth).run();
}

class Evaluator {
  private toks: Tok[] = [];
  private i = 0;
  /** Inside the untaken side of && || ?: nothing is assigned and nothing fails on division by 0. */
  private noeval = 0;

  constructor(
    private readonly src: string,
    private readonly vars: ArithVars,
    private readonly depth: number,
  ) {}

  run(): bigint {
    this.tokenize();
    if (this.toks.length === 1) return 0n;
    const v = this.comma();
    const t = this.peek();
    if (t.t !== 'end') throw this.error(t.t === 'op' && t.v === ')' ? 'syntax error in expression' : 'syntax error in expression', t);
    return v;
  }

  private tokenize(): void {
    const s = this.src;
    let i = 0;
    while (i < s.length) {
      const c = s[i]!;
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      if (/[0-9]/.test(c)) {
        let j = i;
        while (j < s.length && /[0-9A-Za-z_#@]/.test(s[j]!)) j++;
        this.toks.push({ t: 'num', v: this.number(s.slice(i, j), i), s: i });
        i = j;
        continue;
      }
      if (/[A-Za-z_]/.test(c)) {
        let j = i;
        while (j < s.length && /[A-Za-z0-9_]/.test(s[j]!)) j++;
        this.toks.push({ t: 'name', v: s.slice(i, j), s: i });
        i = j;
        continue;
      }
      const op = OPS.find((o) => s.startsWith(o, i));
      if (!op) throw new ArithError('syntax error: invalid arithmetic operator', s.slice(i));
      this.toks.push({ t: 'op', v: op, s: i });
      i += op.length;
    }
    this.toks.push({ t: 'end', s: s.length });
  }

  private number(text: string, at: number): bigint {
    const fail = (): never => {
      throw new ArithError('value too great for base', this.src.slice(at));
    };
    let base = 10;
    let digits = text;
    const hash = text.indexOf('#');
    if (hash !== -1) {
      base = Number(text.slice(0, hash));
      digits = text.slice(hash + 1);
      if (!(base >= 2 && base <= 64) || !/^[0-9]+$/.test(text.slice(0, hash))) throw new ArithError('invalid arithmetic base', this.src.slice(at));
    } else if (/^0[xX]/.test(text)) {
      base = 16;
      digits = text.slice(2);
    } else if (text.length > 1 && text.startsWith('0')) {
      base = 8;
      digits = text.slice(1);
    }
    let v = 0n;
    for (const ch of digits) {
      let d: number;
      if (/[0-9]/.test(ch)) d = ch.charCodeAt(0) - 48;
      else if (/[a-z]/.test(ch)) d = ch.charCodeAt(0) - 97 + 10;
      else if (/[A-Z]/.test(ch)) d = base <= 36 ? ch.charCodeAt(0) - 65 + 10 : ch.charCodeAt(0) - 65 + 36;
      else if (ch === '@') d = 62;
      else if (ch === '_') d = 63;
      else return fail();
      if (d >= base) fail();
      v = wrap(v * BigInt(base) + BigInt(d));
    }
    return v;
  }

  private peek(): Tok {
    return this.toks[this.i]!;
  }

  private isOp(v: string): boolean {
    const t = this.peek();
    return t.t === 'op' && t.v === v;
  }

  private error(message: string, t: Tok): ArithError {
    return new ArithError(message, this.src.slice(t.s));
  }

  private comma(): bigint {
    let v = this.assign();
    while (this.isOp(',')) {
      this.i++;
      v = this.assign();
    }
    return v;
  }

  private assign(): bigint {
    const t = this.peek();
    const n = this.toks[this.i + 1];
    if (t.t === 'name' && n?.t === 'op' && ['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|='].includes(n.v)) {
      this.i += 2;
      const rhs = this.assign();
      const value = n.v === '=' ? rhs : this.binary(n.v.slice(0, -1), this.variable(t.v), rhs, n);
      this.store(t.v, value);
      return value;
    }
    if (t.t !== 'name' && n?.t === 'op' && n.v === '=' ) {
      const v = this.ternary();
      if (this.isOp('=')) throw this.error('attempted assignment to non-variable', this.peek());
      return v;
    }
    return this.ternary();
  }

  private ternary(): bigint {
    const cond = this.binaryLevel(0);
    if (!this.isOp('?')) return cond;
    this.i++;
    if (cond === 0n) this.noeval++;
    const a = this.assign();
    if (cond === 0n) this.noeval--;
    if (!this.isOp(':')) throw this.error("`:' expected for conditional expression", this.peek());
    this.i++;
    if (cond !== 0n) this.noeval++;
    const b = this.ternary();
    if (cond !== 0n) this.noeval--;
    return cond !== 0n ? a : b;
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

  private binaryLevel(level: number): bigint {
    if (level >= Evaluator.LEVELS.length) return this.power();
    const ops = Evaluator.LEVELS[level]!;
    let left = this.binaryLevel(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || !ops.includes(t.v)) return left;
      this.i++;
      if (t.v === '&&' || t.v === '||') {
        const short = t.v === '&&' ? left === 0n : left !== 0n;
        if (short) this.noeval++;
        const right = this.binaryLevel(level + 1);
        if (short) this.noeval--;
        left = t.v === '&&' ? (left !== 0n && right !== 0n ? 1n : 0n) : left !== 0n || right !== 0n ? 1n : 0n;
        continue;
      }
      left = this.binary(t.v, left, this.binaryLevel(level + 1), t);
    }
  }

  private binary(op: string, a: bigint, b: bigint, at: Tok): bigint {
    switch (op) {
      case '+':
        return wrap(a + b);
      case '-':
        return wrap(a - b);
      case '*':
        return wrap(a * b);
      case '/':
      case '%':
        if (b === 0n) {
          if (this.noeval) return 0n;
          throw new ArithError('division by 0', this.src.slice(this.toks[this.toks.indexOf(at) + 1]?.s ?? at.s));
        }
        return wrap(op === '/' ? a / b : a % b);
      case '<<':
        return wrap(a << (b & 63n));
      case '>>':
        return a >> (b & 63n);
      case '&':
        return a & b;
      case '|':
        return a | b;
      case '^':
        return a ^ b;
      case '==':
        return a === b ? 1n : 0n;
      case '!=':
        return a !== b ? 1n : 0n;
      case '<':
        return a < b ? 1n : 0n;
      case '>':
        return a > b ? 1n : 0n;
      case '<=':
        return a <= b ? 1n : 0n;
      case '>=':
        return a >= b ? 1n : 0n;
    }
    throw this.error('syntax error: invalid arithmetic operator', at);
  }

  private power(): bigint {
    const base = this.unary();
    if (!this.isOp('**')) return base;
    const at = this.peek();
    this.i++;
    const exp = this.power();
    if (exp < 0n) throw this.error('exponent less than 0', at);
    let r = 1n;
    let b = base;
    let e = exp;
    while (e > 0n) {
      if (e & 1n) r = wrap(r * b);
      b = wrap(b * b);
      e >>= 1n;
    }
    return r;
  }

  private unary(): bigint {
    const t = this.peek();
    if (t.t === 'op') {
      switch (t.v) {
        case '!':
          this.i++;
          return this.unary() === 0n ? 1n : 0n;
        case '~':
          this.i++;
          return ~this.unary();
        case '-':
          this.i++;
          return wrap(-this.unary());
        case '+':
          this.i++;
          return this.unary();
        case '++':
        case '--': {
          this.i++;
          const n = this.peek();
          if (n.t !== 'name') throw this.error('syntax error: operand expected', n.t === 'end' ? t : n);
          this.i++;
          const v = wrap(this.variable(n.v) + (t.v === '++' ? 1n : -1n));
          this.store(n.v, v);
          return v;
        }
      }
    }
    return this.postfix();
  }

  private postfix(): bigint {
    const t = this.peek();
    if (t.t === 'num') {
      this.i++;
      return t.v;
    }
    if (t.t === 'name') {
      this.i++;
      const v = this.variable(t.v);
      if (this.isOp('++') || this.isOp('--')) {
        const op = this.peek() as Tok & { t: 'op' };
        this.i++;
        this.store(t.v, wrap(v + (op.v === '++' ? 1n : -1n)));
      }
      return v;
    }
    if (t.t === 'op' && t.v === '(') {
      this.i++;
      const v = this.comma();
      if (!this.isOp(')')) throw this.error("missing `)'", this.peek());
      this.i++;
      return v;
    }
    // At the end, bash names the last operator it saw.
    const prev = this.toks[this.i - 1];
    throw this.error('syntax error: operand expected', t.t === 'end' && prev ? prev : t);
  }

  private variable(name: string): bigint {
    const raw = this.vars.get(name);
    if (raw === undefined || raw.trim() === '') return 0n;
    if (/^\s*-?[0-9]+\s*$/.test(raw) && !/^\s*-?0[0-9]/.test(raw)) return wrap(BigInt(raw.trim()));
    return evalArith(raw, this.vars, this.depth + 1);
  }

  private store(name: string, v: bigint): void {
    if (!this.noeval) this.vars.set(name, v.toString());
  }
}
