// test and [ (bash's builtin, also /usr/bin/test and /usr/bin/[): string, integer and file tests, ! -a -o and
// parentheses, with bash's error texts and status 2 on misuse. [[ uses the same unary and binary tests.
import type { Command, CommandContext } from '../command.js';
import { statNode } from '../commands/fs-view.js';
import { resolvePath } from '../system/fs.js';

export class TestError extends Error {}

const UNARY = new Set(['-a', '-b', '-c', '-d', '-e', '-f', '-g', '-h', '-k', '-p', '-r', '-s', '-t', '-u', '-w', '-x', '-G', '-L', '-N', '-O', '-S', '-z', '-n', '-o', '-v', '-R']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** A file test (-f, -d, -x ...) against the session's file system. */
export function fileTest(op: string, path: string, ctx: CommandContext): boolean {
  if (path === '') return false;
  const abs = resolvePath(ctx.cwd, path, ctx.user.home);
  if (op === '-h' || op === '-L') return statNode(ctx, abs, false)?.kind === 'link';
  const n = statNode(ctx, abs);
  if (!n) return false;
  const root = ctx.user.uid === 0;
  const mine = n.uid === ctx.user.uid;
  const bit = (shift: number): boolean => ((mine ? n.mode >> 6 : n.mode) & shift) !== 0;
  switch (op) {
    case '-e':
    case '-a':
      return true;
    case '-f':
      return n.kind === 'file';
    case '-d':
      return n.kind === 'dir';
    case '-b':
      return n.kind === 'block';
    case '-c':
      return n.kind === 'char';
    case '-p':
      return n.kind === 'fifo';
    case '-S':
      return n.kind === 'socket';
    case '-s':
      return n.size > 0 || n.kind === 'dir';
    case '-r':
      return root || bit(4);
    case '-w':
      return (root && !abs.startsWith('/proc/')) || bit(2);
    case '-x':
      return root ? (n.mode & 0o111) !== 0 || n.kind === 'dir' : bit(1);
    case '-u':
      return (n.mode & 0o4000) !== 0;
    case '-g':
      return (n.mode & 0o2000) !== 0;
    case '-k':
      return (n.mode & 0o1000) !== 0;
    case '-O':
      return mine;
    case '-G':
      return n.gid === ctx.user.uid;
    case '-N':
      return false;
  }
  return false;
}

/** An integer operand as bash reads it (surrounding blanks allowed, 64-bit range). */
export function testInteger(s: string): bigint {
  const t = s.trim();
  if (!/^[-+]?[0-9]+$/.test(t)) throw new TestError(`${s}: integer expression expected`);
  const v = BigInt(t);
  if (v > 9223372036854775807n || v < -9223372036854775808n) throw new TestError(`${s}: integer expression expected`);
  return v;
}

export function unaryTest(op: string, arg: string, ctx: CommandContext): boolean {
  if (op === '-z') return arg === '';
  if (op === '-n') return arg !== '';
  if (op === '-t') return false;
  if (op === '-v') return ctx.env.has(arg);
  if (op === '-o') return false;
  return fileTest(op, arg, ctx);
}

export function binaryTest(op: string, a: string, b: string, ctx: CommandContext): boolean {
  switch (op) {
    case '=':
    case '==':
      return a === b;
    case '!=':
      return a !== b;
    case '<':
      return a < b;
    case '>':
      return a > b;
    case '-eq':
      return testInteger(a) === testInteger(b);
    case '-ne':
      return testInteger(a) !== testInteger(b);
    case '-lt':
      return testInteger(a) < testInteger(b);
    case '-le':
      return testInteger(a) <= testInteger(b);
    case '-gt':
      return testInteger(a) > testInteger(b);
    case '-ge':
      return testInteger(a) >= testInteger(b);
    case '-nt':
    case '-ot': {
      const sa = statNode(ctx, resolvePath(ctx.cwd, a, ctx.user.home));
      const sb = statNode(ctx, resolvePath(ctx.cwd, b, ctx.user.home));
      if (op === '-nt') return sa !== undefined && (sb === undefined || sa.mtimeMs > sb.mtimeMs);
      return sb !== undefined && (sa === undefined || sa.mtimeMs < sb.mtimeMs);
    }
    case '-ef':
      return resolvePath(ctx.cwd, a, ctx.user.home) === resolvePath(ctx.cwd, b, ctx.user.home) && statNode(ctx, resolvePath(ctx.cwd, a, ctx.user.home)) !== undefined;
  }
  throw new TestError(`${op}: binary operator expected`);
}

/** POSIX test's argument-count rules, then a precedence parser (-o < -a < ! < primaries) past four arguments. */
function evaluate(args: readonly string[], ctx: CommandContext): boolean {
  switch (args.length) {
    case 0:
      return false;
    case 1:
      return args[0] !== '';
    case 2:
      if (args[0] === '!') return args[1] === '';
      if (UNARY.has(args[0]!)) return unaryTest(args[0]!, args[1]!, ctx);
      throw new TestError(`${args[0]}: unary operator expected`);
    case 3:
      if (BINARY.has(args[1]!)) return binaryTest(args[1]!, args[0]!, args[2]!, ctx);
      if (args[1] === '-a') return args[0] !== '' && args[2] !== '';
      if (args[1] === '-o') return args[0] !== '' || args[2] !== '';
      if (args[0] === '!') return !evaluate(args.slice(1), ctx);
      if (args[0] === '(' && args[2] === ')') return args[1] !== '';
      throw new TestError(`${args[1]}: binary operator expected`);
    case 4:
      if (args[0] === '!') return !evaluate(args.slice(1), ctx);
      if (args[0] === '(' && args[3] === ')') return evaluate(args.slice(1, 3), ctx);
  }
  return new Expr(args, ctx).parse();
}

class Expr {
  private i = 0;

  constructor(
    private readonly a: readonly string[],
    private readonly ctx: CommandContext,
  ) {}

  parse(): boolean {
    const v = this.or();
    if (this.i < this.a.length) throw new TestError(`${this.a[this.i]}: binary operator expected`);
    return v;
  }

  private or(): boolean {
    let v = this.and();
    while (this.a[this.i] === '-o') {
      this.i++;
      const r = this.and();
      v = v || r;
    }
    return v;
  }

  private and(): boolean {
    let v = this.not();
    while (this.a[this.i] === '-a') {
      this.i++;
      const r = this.not();
      v = v && r;
    }
    return v;
  }

  private not(): boolean {
    if (this.a[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  private primary(): boolean {
    const t = this.a[this.i];
    if (t === undefined) throw new TestError('argument expected');
    if (t === '(') {
      this.i++;
      const v = this.or();
      if (this.a[this.i] !== ')') throw new TestError(`\`)' expected`);
      this.i++;
      return v;
    }
    const op = this.a[this.i + 1];
    if (op !== undefined && BINARY.has(op) && this.a[this.i + 2] !== undefined) {
      this.i += 3;
      return binaryTest(op, t, this.a[this.i - 1]!, this.ctx);
    }
    if (UNARY.has(t) && this.a[this.i + 1] !== undefined) {
      this.i += 2;
      return unaryTest(t, this.a[this.i - 1]!, this.ctx);
    }
    this.i++;
    return t !== '';
  }
}

/** A plain Command (it needs no shell state), so the command table can list /usr/bin/test and /usr/bin/[ too. */
function makeTest(name: 'test' | '['): Command {
  return {
    name,
    paths: name === 'test' ? ['/usr/bin/test', '/bin/test'] : ['/usr/bin/[', '/bin/['],
    run(ctx) {
      let args = ctx.args;
      const prefix = ctx.builtinErrorPrefix ?? 'bash: ';
      if (name === '[') {
        if (args[args.length - 1] !== ']') {
          ctx.stderr(`${prefix}[: missing \`]'\n`);
          return 2;
        }
        args = args.slice(0, -1);
      }
      try {
        return evaluate(args, ctx) ? 0 : 1;
      } catch (e) {
        if (!(e instanceof TestError)) throw e;
        ctx.stderr(`${prefix}${name}: ${e.message}\n`);
        return 2;
      }
    },
  };
}

export const testBuiltin = makeTest('test');
export const bracketBuiltin = makeTest('[');
