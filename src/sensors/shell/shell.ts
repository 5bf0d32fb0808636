// The emulated shell behind SSH and Telnet: parses bash syntax, expands words, runs pipelines and
// redirections against emulated commands, and reports every unknown command. Nothing is ever executed.
import type { OsPersona } from '../../schema/persona.js';
import type { Command, CommandContext } from './command.js';
import type { CommandSession } from './command-session.js';
import { commandTable } from './commands/index.js';
import type { AndOr, ArithForCommand, CaseCommand, Command as AstCommand, CondExpr, ForCommand, FunctionDef, IfCommand, List, LoopCommand, Pipeline, Redirect, SimpleCommand, Word } from './syntax/ast.js';
import { ScriptParser, ShellSyntaxError } from './syntax/parse.js';
import { ArithError, evalArith } from './syntax/arith.js';
import { ExpansionError, expandFields, expandPattern, expandString, type ExpandHost } from './syntax/expand.js';
import { matchPattern } from './syntax/pattern.js';
import { userRegExp } from './commands/regex.js';
import { BUILTIN_TABLE, KEYWORDS, SHELL_SPECIALS } from './builtins/index.js';
import { binaryTest, TestError, unaryTest } from './builtins/test.js';
import { type BuiltinContext, type ShellAccess, shellQuote } from './builtins/types.js';
import { scratchFs } from './fs/for-sensor.js';
import { appendText, enterDirectory, loadScript, openForWrite, readText, reportWrites } from './fs/shell-io.js';
import type { ShellFs } from './fs/types.js';
import { normalise } from './fs/path.js';

export interface ShellUser {
  name: string;
  uid: number;
  home: string;
}

export interface ShellOptions {
  user: ShellUser;
  hostname: string;
  os: OsPersona;
  /** interactive: a login shell on a terminal; exec: `bash -c` for an SSH exec request. */
  mode: 'interactive' | 'exec';
  /** An exec request ran with a pty (`ssh -t host cmd`): its commands see a terminal. */
  execPty?: boolean;
  /** Without a pty, return stderr apart (RunResult.errorOutput) for the SSH channel's extended data. */
  separateStderr?: boolean;
  /** Called once per command not found (Cowrie's command.failed). */
  onUnknown?: (input: string) => void;
  commands?: ReadonlyMap<string, Command>;
  /** The login shell's flavour: bash on Debian hosts, BusyBox ash on IoT devices (its own error texts). */
  flavour?: 'bash' | 'ash';
  /** Events, artifact store and fetcher for commands that reach beyond text (wget, curl, ...). */
  session?: CommandSession;
  /** The session's view of the emulated file system; absent: a private in-memory one. */
  fs?: ShellFs;
}

export interface RunResult {
  output: string;
  /** What went to stderr, when the shell keeps it apart (an exec request without a pty); otherwise it is in output. */
  errorOutput?: string;
  /** The shell should end (exit or logout). */
  exit: boolean;
  status: number;
  /** The line ended inside a quote or substitution: show PS2 ("> ") and wait for more. */
  continuation?: boolean;
  /** A command (read, passwd) waits for a line from the terminal: the next input line goes to it, so no prompt. */
  awaitingInput?: boolean;
}

/** Most bytes a single command line may produce; the rest is cut, as a terminal would drop it. */
const MAX_OUTPUT = 1 << 20;
/** Most simple commands one input line may run (substitutions and scripts included). */
const MAX_STEPS = 10_000;
/** Deepest `sh -c` / script / substitution nesting. */
const MAX_DEPTH = 16;
/** Longest pending multi-line input kept while a quote is open. */
const MAX_PENDING = 64 * 1024;

/** Most nested function calls; bash itself would recurse until it crashes. */
const MAX_FUNCTION_DEPTH = 100;

class ExitSignal {
  constructor(readonly status: number) {}
}

/** break / continue, unwinding `levels` loops. */
class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    public levels: number,
  ) {}
}

class ReturnSignal {
  constructor(readonly status: number) {}
}

/** MAX_STEPS reached: the input line stops where it is, as if the client had pressed Ctrl-C. */
class StepLimit {}

interface Io {
  stdin: string;
  out: (t: string) => void;
  err: (t: string) => void;
  /** How far `read` has consumed stdin; shared by the commands of one redirection scope. */
  cursor?: { pos: number };
  /** stdin is the terminal (an interactive session, not redirected). */
  terminal?: boolean;
}

/** How the running shell names itself in error messages; `line` is the line of the command running now. */
type Dialect = ({ kind: 'login' } | { kind: 'ash' } | { kind: 'bash-c' } | { kind: 'sh-c' } | { kind: 'script'; name: string; dash?: boolean }) & { line?: number };

/** What a subshell copies and gets back: cd, variables, functions and options inside it do not leak. */
interface ShellState {
  cwd: string;
  vars: Map<string, string>;
  exported: Set<string>;
  functions: Map<string, FunctionDef>;
  aliases: Map<string, string>;
  positional: string[];
  argv0: string | undefined;
  options: Set<string>;
  umask: number;
  frames: Map<string, string | undefined>[];
}

export class Shell {
  private cwd: string;
  private status = 0;
  private steps = 0;
  private pending = '';
  private readonly table: ReadonlyMap<string, Command>;
  private vars: Map<string, string>;
  private exported = new Set<string>();
  private functions = new Map<string, FunctionDef>();
  private aliases = new Map<string, string>();
  private positional: string[] = [];
  /** $0 given to `sh -c text name`; otherwise the dialect names the shell. */
  private argv0: string | undefined;
  private options = new Set<string>(['braceexpand', 'hashall', 'interactive-comments']);
  private umaskValue = 0o022;
  /** Values shadowed by `local`, one frame per running function. */
  private frames: Map<string, string | undefined>[] = [];
  private loopDepth = 0;
  private sourceDepth = 0;
  /** Inside an if/while condition, a ! pipeline or the left of && ||: set -e does not apply there. */
  private conditional = 0;
  /** Status of the last command substitution, which an assignment-only command returns. */
  private substStatus = 0;
  private lastBgPid: string | undefined;
  private readonly started = Date.now();
  /** Output of the running input line not yet handed to the terminal. */
  private output = '';
  /** A command waiting for the next terminal line (read, passwd). */
  private inputWaiter: ((line: string | undefined) => void) | undefined;
  private running: Promise<RunResult> | undefined;
  private progressGen = 0;
  private suspend: (() => void) | undefined;
  /** The builtin running now: eval and command run their text in its context. */
  private builtinFrame: { io: Io; dialect: Dialect; depth: number } | undefined;
  private readonly access: ShellAccess = this.makeAccess();
  private readonly fs: ShellFs;
  private readonly pid = 1000 + Math.floor(Math.random() * 30000);
  private readonly startedMs = Date.now();
  /** The controlling terminal: a login shell has one; an exec request only when the client asked for a pty. */
  private readonly tty: string | null;
  private readonly terminalSinks = new WeakSet<(t: string) => void>();
  private errOutput = '';
  /** An exec request without a pty: stderr travels on its own channel stream. */
  private readonly separateStderr: boolean;

  constructor(private readonly opts: ShellOptions) {
    this.cwd = opts.user.home;
    this.tty = opts.mode === 'interactive' || opts.execPty ? 'pts/0' : null;
    this.separateStderr = opts.mode === 'exec' && !opts.execPty && opts.separateStderr === true;
    this.table = opts.commands ?? commandTable();
    this.fs = opts.fs ?? scratchFs(opts.os, opts.hostname, opts.user, this.table);
    this.vars = new Map([
      ['HOME', opts.user.home],
      ['USER', opts.user.name],
      ['LOGNAME', opts.user.name],
      ['SHELL', '/bin/bash'],
      ['PWD', opts.user.home],
      ['HOSTNAME', opts.hostname],
      ['PATH', opts.user.uid === 0 ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/usr/local/bin:/usr/bin:/bin:/usr/games'],
    ]);
    for (const k of this.vars.keys()) if (k !== 'HOSTNAME') this.exported.add(k);
    for (const [k, v] of bashVariables(opts)) if (!this.vars.has(k)) this.vars.set(k, v);
    this.exported.add('SHLVL');
    if (opts.mode === 'interactive') for (const o of ['emacs', 'histexpand', 'history', 'monitor']) this.options.add(o);
  }

  /** bash's default Debian prompt: user@host:dir# for root, $ otherwise; "> " inside an open quote. */
  prompt(): string {
    if (this.pending) return '> ';
    const home = this.opts.user.home;
    const dir = this.cwd === home ? '~' : this.cwd.startsWith(home + '/') ? '~' + this.cwd.slice(home.length) : this.cwd;
    return `${this.opts.user.name}@${this.opts.hostname}:${dir}${this.opts.user.uid === 0 ? '#' : '$'} `;
  }

  get lastStatus(): number {
    return this.status;
  }

  async run(line: string): Promise<RunResult> {
    if (this.inputWaiter) {
      // A command (read, passwd) is waiting for this line: it is that program's input, not a command.
      const deliver = this.inputWaiter;
      this.inputWaiter = undefined;
      deliver(line);
      return this.progress();
    }
    const source = this.pending ? `${this.pending}\n${line}` : line;
    this.pending = '';
    this.steps = 0;
    this.output = '';
    const interactive = this.opts.mode === 'interactive';
    // An interactive bash waits for the rest of an open quote, compound command or here-document.
    if (interactive && source.length < MAX_PENDING && isIncomplete(source, this.aliases)) {
      this.pending = source;
      return { output: '', exit: false, status: this.status, continuation: true };
    }
    const dialect: Dialect = this.opts.mode === 'exec' ? { kind: 'bash-c', line: 1 } : this.opts.flavour === 'ash' ? { kind: 'ash' } : { kind: 'login' };
    this.running = this.execute(source, dialect);
    return this.progress();
  }

  /** The running line's result, or its output so far when a command stops to read the terminal. */
  private progress(): Promise<RunResult> {
    const running = this.running;
    if (!running) return Promise.resolve({ output: '', exit: false, status: this.status });
    const gen = ++this.progressGen;
    return new Promise((resolve, reject) => {
      const take = (): Pick<RunResult, 'output' | 'errorOutput'> => {
        const o = this.output;
        const e = this.errOutput;
        this.output = '';
        this.errOutput = '';
        return this.separateStderr ? { output: o, errorOutput: e } : { output: o };
      };
      this.suspend = () => {
        if (gen === this.progressGen) resolve({ ...take(), exit: false, status: this.status, awaitingInput: true });
      };
      running.then(
        (r) => {
          if (gen !== this.progressGen) return;
          this.running = undefined;
          this.suspend = undefined;
          resolve({ ...r, ...take() });
        },
        (e: unknown) => {
          if (gen !== this.progressGen) return;
          this.running = undefined;
          reject(e);
        },
      );
    });
  }

  /** The next line typed on the terminal, for a command reading it; undefined without a terminal. */
  private readTerminalLine(): Promise<string | undefined> {
    if (this.opts.mode !== 'interactive') return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.inputWaiter = resolve;
      this.suspend?.();
    });
  }

  private async execute(source: string, dialect: Dialect): Promise<RunResult> {
    const write = (text: string): void => {
      if (this.output.length < MAX_OUTPUT) this.output += text.slice(0, MAX_OUTPUT - this.output.length);
    };
    // Without a terminal, sshd carries stderr apart from stdout (`ssh host cmd 2>/dev/null` drops only it).
    const writeErr = this.separateStderr
      ? (text: string): void => {
          if (this.errOutput.length < MAX_OUTPUT) this.errOutput += text.slice(0, MAX_OUTPUT - this.errOutput.length);
        }
      : write;
    const io: Io = { stdin: '', out: write, err: writeErr, terminal: this.opts.mode === 'interactive' };
    // Output that reaches the client's terminal as it is (not a pipe, file or substitution): ls prints columns.
    if (this.tty !== null) this.terminalSinks.add(write);
    try {
      this.status = await this.runSource(source, io, dialect, 0, this.opts.mode === 'interactive' ? this.aliases : undefined);
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.status = e.status;
        return { output: '', exit: true, status: this.status };
      }
      throw e;
    } finally {
      reportWrites(this.fs, this.opts.session);
    }
    return { output: '', exit: false, status: this.status };
  }

  /** Runs shell input line by line as bash reads it; a syntax error stops it after the lines before ran. */
  private async runSource(text: string, io: Io, dialect: Dialect, depth: number, aliases?: ReadonlyMap<string, string>): Promise<number> {
    const parser = new ScriptParser(text, aliases && aliases.size > 0 ? { aliases } : {});
    let status = this.status;
    let warned = 0;
    for (;;) {
      let list: List | undefined;
      try {
        list = parser.next();
      } catch (e) {
        if (!(e instanceof ShellSyntaxError)) throw e;
        io.err(syntaxErrorText(dialect, e, text));
        this.status = 2;
        return 2;
      }
      for (; warned < parser.warnings.length; warned++) if (dialect.kind === 'bash-c' || dialect.kind === 'script') io.err(`${dialect.kind === 'script' ? dialect.name : 'bash'}: ${parser.warnings[warned]}\n`);
      if (!list) return status;
      try {
        status = await this.runList(list, io, dialect, depth);
      } catch (e) {
        if (e instanceof ExpansionError) {
          // bash abandons the input (a script, a -c string, the interactive line) on an expansion error.
          io.err(`${dialectPrefix(dialect)}${e.message}\n`);
          this.status = e.status;
          return e.status;
        }
        if (e instanceof StepLimit && depth === 0) return (this.status = 130);
        throw e;
      }
    }
  }

  // ---------- execution ----------

  private async runList(list: List, io: Io, dialect: Dialect, depth: number): Promise<number> {
    let status = this.status;
    for (const item of list.items) status = await this.runAndOr(item, io, dialect, depth);
    return status;
  }

  private step(): void {
    if (++this.steps > MAX_STEPS) throw new StepLimit();
  }

  private async runAndOr(item: AndOr, io: Io, dialect: Dialect, depth: number): Promise<number> {
    if (item.background) {
      this.lastBgPid = String(this.pid + 1 + (this.steps % 50));
      if (dialect.kind === 'login' || dialect.kind === 'ash') io.err(`[1] ${this.lastBgPid}\n`);
      // A background job is a subshell: it runs to the end here, and its changes stay in it.
      await this.inSubshell(() => this.runAndOr({ ...item, background: false }, { ...io, stdin: '', terminal: false }, dialect, depth));
      return (this.status = 0);
    }
    const last = item.rest.length;
    let ran = 0;
    if (last > 0) this.conditional++;
    let status: number;
    try {
      status = this.status = await this.runPipeline(item.first, io, dialect, depth);
      for (const [i, { op, pipeline }] of item.rest.entries()) {
        if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
        if (i === last - 1) this.conditional--;
        try {
          status = this.status = await this.runPipeline(pipeline, io, dialect, depth);
        } finally {
          if (i === last - 1) this.conditional++;
        }
        ran = i + 1;
      }
    } finally {
      if (last > 0) this.conditional--;
    }
    const lastNegated = (ran === 0 ? item.first : item.rest[ran - 1]!.pipeline).negated;
    if (status !== 0 && ran === last && !lastNegated && this.conditional === 0 && this.options.has('errexit')) throw new ExitSignal(status);
    return status;
  }

  private async runPipeline(p: Pipeline, io: Io, dialect: Dialect, depth: number): Promise<number> {
    if (p.negated) this.conditional++;
    let status = 0;
    try {
      if (p.commands.length === 1) status = await this.runCommand(p.commands[0]!, io, dialect, depth);
      else {
        let stdin = io.stdin;
        for (const [i, command] of p.commands.entries()) {
          const last = i === p.commands.length - 1;
          let captured = '';
          const out = last ? io.out : (t: string) => (captured.length < MAX_OUTPUT ? (captured += t) : undefined);
          const stageIo: Io = i === 0 ? { ...io, out } : { stdin, out, err: io.err };
          // Every stage of a pipeline is a subshell: `echo x | read v` leaves v unset, as in bash.
          status = await this.inSubshell(() => this.runCommand(command, stageIo, dialect, depth));
          this.status = status;
          stdin = captured;
        }
      }
      if (p.timed) io.err('\nreal\t0m0.001s\nuser\t0m0.000s\nsys\t0m0.000s\n');
    } finally {
      if (p.negated) this.conditional--;
    }
    return p.negated ? (status === 0 ? 1 : 0) : status;
  }

  private async runCommand(cmd: AstCommand, io: Io, dialect: Dialect, depth: number): Promise<number> {
    this.step();
    dialect.line = cmd.line;
    switch (cmd.kind) {
      case 'simple':
        return this.runSimple(cmd, io, dialect, depth);
      case 'group':
        return this.redirected(cmd.redirects, io, dialect, (rio) => this.runList(cmd.list, rio, dialect, depth));
      case 'subshell':
        return this.redirected(cmd.redirects, io, dialect, (rio) => this.inSubshell(() => this.runList(cmd.list, rio, dialect, depth)));
      case 'if':
        return this.redirected(cmd.redirects, io, dialect, (rio) => this.runIf(cmd, rio, dialect, depth));
      case 'while':
      case 'until':
        return this.redirected(cmd.redirects, io, dialect, (rio) => this.runLoop(cmd, rio, dialect, depth));
      case 'for':
        return this.redirected(cmd.redirects, io, dialect, (rio) => this.runFor(cmd, rio, dialect, depth));
      case 'arith-for':
        return this.redirected(cmd.redirects, io, dialect, (rio) => this.runArithFor(cmd, rio, dialect, depth));
      case 'case':
        return this.redirected(cmd.redirects, io, dialect, (rio) => this.runCase(cmd, rio, dialect, depth));
      case 'function':
        this.functions.set(cmd.name, cmd);
        return 0;
      case 'cond':
        return this.redirected(cmd.redirects, io, dialect, async (rio) => ((await this.evalCond(cmd.expr, rio, dialect, depth)) ? 0 : 1));
      case 'arith':
        return this.redirected(cmd.redirects, io, dialect, async (rio) => {
          const text = await expandString(cmd.expr, this.expandHost(rio, dialect, depth), false);
          try {
            return evalArith(text, this.arithVars()) === 0n ? 1 : 0;
          } catch (e) {
            if (!(e instanceof ArithError)) throw e;
            rio.err(`${dialectPrefix(dialect)}((: ${text.trimStart()}: ${e.message} (error token is "${e.token}")\n`);
            return 1;
          }
        });
    }
  }

  /** Redirections around a compound command or builtin; stdin that is not redirected keeps its read position. */
  private redirected(redirects: Redirect[], io: Io, dialect: Dialect, body: (io: Io) => number | Promise<number>): Promise<number> {
    if (redirects.length === 0) return Promise.resolve(body(io));
    const stdinMoved = redirects.some((r) => r.fd === 0);
    return this.withRedirects(redirects, io, dialect, (rio) => body(stdinMoved ? rio : { ...rio, cursor: (io.cursor ??= { pos: 0 }), ...(io.terminal ? { terminal: true } : {}) }));
  }

  private async runIf(cmd: IfCommand, io: Io, dialect: Dialect, depth: number): Promise<number> {
    for (const clause of cmd.clauses) {
      if ((await this.condition(clause.cond, io, dialect, depth)) === 0) return this.runList(clause.body, io, dialect, depth);
    }
    return cmd.elseBody ? this.runList(cmd.elseBody, io, dialect, depth) : 0;
  }

  private async condition(list: List, io: Io, dialect: Dialect, depth: number): Promise<number> {
    this.conditional++;
    try {
      return await this.runList(list, io, dialect, depth);
    } finally {
      this.conditional--;
    }
  }

  /** Runs a loop body; true when the loop must stop (break). */
  private async loopBody(body: List, io: Io, dialect: Dialect, depth: number): Promise<{ status: number; stop: boolean }> {
    try {
      return { status: await this.runList(body, io, dialect, depth), stop: false };
    } catch (e) {
      if (!(e instanceof LoopSignal)) throw e;
      if (e.levels > 1) {
        e.levels--;
        throw e;
      }
      return { status: 0, stop: e.kind === 'break' };
    }
  }

  private async runLoop(cmd: LoopCommand, io: Io, dialect: Dialect, depth: number): Promise<number> {
    let status = 0;
    this.loopDepth++;
    try {
      for (;;) {
        this.step();
        const c = await this.condition(cmd.cond, io, dialect, depth);
        if ((c === 0) !== (cmd.kind === 'while')) break;
        const r = await this.loopBody(cmd.body, io, dialect, depth);
        status = r.status;
        if (r.stop) break;
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private async runFor(cmd: ForCommand, io: Io, dialect: Dialect, depth: number): Promise<number> {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(cmd.name)) {
      io.err(`${dialectPrefix(dialect)}\`${cmd.name}': not a valid identifier\n`);
      return 1;
    }
    const items = cmd.words ? await expandFields(cmd.words, this.expandHost(io, dialect, depth)) : [...this.positional];
    let status = 0;
    this.loopDepth++;
    try {
      for (const item of items) {
        this.step();
        this.setVar(cmd.name, item);
        const r = await this.loopBody(cmd.body, io, dialect, depth);
        status = r.status;
        if (r.stop) break;
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private async runArithFor(cmd: ArithForCommand, io: Io, dialect: Dialect, depth: number): Promise<number> {
    const host = this.expandHost(io, dialect, depth);
    const arith = async (w: Word): Promise<bigint | undefined> => {
      const text = await expandString(w, host, false);
      if (text.trim() === '') return undefined;
      try {
        return evalArith(text, this.arithVars());
      } catch (e) {
        if (!(e instanceof ArithError)) throw e;
        throw new ExpansionError(`((: ${text.trimStart()}: ${e.message} (error token is "${e.token}")`);
      }
    };
    let status = 0;
    this.loopDepth++;
    try {
      await arith(cmd.init);
      for (;;) {
        this.step();
        const c = await arith(cmd.cond);
        if (c === 0n) break;
        const r = await this.loopBody(cmd.body, io, dialect, depth);
        status = r.status;
        if (r.stop) break;
        await arith(cmd.step);
      }
    } finally {
      this.loopDepth--;
    }
    return status;
  }

  private async runCase(cmd: CaseCommand, io: Io, dialect: Dialect, depth: number): Promise<number> {
    const host = this.expandHost(io, dialect, depth);
    const word = await expandString(cmd.word, host);
    let status = 0;
    let fallthrough = false;
    for (const item of cmd.items) {
      let hit = fallthrough;
      for (const p of item.patterns) {
        if (hit) break;
        hit = matchPattern(word, await expandPattern(p, host));
      }
      if (!hit) continue;
      status = await this.runList(item.body, io, dialect, depth);
      if (item.terminator === ';;') return status;
      fallthrough = item.terminator === ';&';
    }
    return status;
  }

  /** [[ ... ]]: no splitting or globbing; == and != match patterns, -eq and friends evaluate arithmetic. */
  private async evalCond(e: CondExpr, io: Io, dialect: Dialect, depth: number): Promise<boolean> {
    const host = this.expandHost(io, dialect, depth);
    switch (e.kind) {
      case 'and':
        return (await this.evalCond(e.left, io, dialect, depth)) && this.evalCond(e.right, io, dialect, depth);
      case 'or':
        return (await this.evalCond(e.left, io, dialect, depth)) || this.evalCond(e.right, io, dialect, depth);
      case 'not':
        return !(await this.evalCond(e.expr, io, dialect, depth));
      case 'word':
        return (await expandString(e.word, host)) !== '';
      case 'unary':
        return unaryTest(e.op, await expandString(e.arg, host), this.commandContext([], io, dialect, new Map()));
      case 'binary': {
        const left = await expandString(e.left, host);
        if (e.op === '==' || e.op === '=' || e.op === '!=') {
          const hit = matchPattern(left, await expandPattern(e.right, host));
          return e.op === '!=' ? !hit : hit;
        }
        if (e.op === '=~') {
          // Quoted parts of the operand match literally; the rest is an extended regular expression.
          let source = '';
          for (const part of e.right.parts) {
            const text = part.kind === 'text' ? part.value : await expandString({ parts: [part] }, host);
            source += part.quoted ? text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&') : text;
          }
          try {
            return userRegExp(source).test(left);
          } catch {
            return false;
          }
        }
        const right = await expandString(e.right, host);
        if (/^-(eq|ne|lt|le|gt|ge)$/.test(e.op)) {
          const num = (s: string): bigint => {
            try {
              return evalArith(s, this.arithVars());
            } catch (err) {
              if (!(err instanceof ArithError)) throw err;
              throw new ExpansionError(`${s}: ${err.message} (error token is "${err.token}")`);
            }
          };
          return binaryTest(e.op, num(left).toString(), num(right).toString(), this.commandContext([], io, dialect, new Map()));
        }
        try {
          return binaryTest(e.op, left, right, this.commandContext([], io, dialect, new Map()));
        } catch (err) {
          if (err instanceof TestError) return false;
          throw err;
        }
      }
    }
  }

  private async runSimple(cmd: SimpleCommand, io: Io, dialect: Dialect, depth: number): Promise<number> {
    const host = this.expandHost(io, dialect, depth);
    this.substStatus = 0;
    const words = await expandFields(cmd.words, host);
    const assigned: (readonly [string, string])[] = [];
    for (const { name, value, append } of cmd.assignments) {
      const v = await expandString(value, host);
      assigned.push([name, append ? (this.vars.get(name) ?? '') + v : v]);
    }
    if (this.options.has('xtrace')) {
      const ps4 = '+'.repeat(depth + 1) + ' ';
      for (const [k, v] of assigned) io.err(`${ps4}${k}=${shellQuote(v)}\n`);
      if (words.length > 0) io.err(`${ps4}${words.map(shellQuote).join(' ')}\n`);
    }
    if (words.length === 0) {
      for (const [k, v] of assigned) this.setVar(k, v);
      const status = this.substStatus;
      return this.redirected(cmd.redirects, io, dialect, () => status);
    }
    return this.redirected(cmd.redirects, io, dialect, (rio) => this.invoke(words, assigned, rio, dialect, depth));
  }

  private async invoke(words: string[], assigned: readonly (readonly [string, string])[], io: Io, dialect: Dialect, depth: number, skipFunctions = false): Promise<number> {
    const [name, ...args] = words as [string, ...string[]];
    switch (name) {
      case 'exit':
      case 'logout': {
        if (args[0] !== undefined && !/^-?\d+$/.test(args[0])) {
          io.err(`${dialectPrefix(dialect)}exit: ${args[0]}: numeric argument required\n`);
          throw new ExitSignal(2);
        }
        const code = Number.parseInt(args[0] ?? '', 10);
        throw new ExitSignal(Number.isFinite(code) ? code & 0xff : this.status);
      }
      case 'return': {
        if (this.frames.length === 0 && this.sourceDepth === 0) {
          io.err(`${dialectPrefix(dialect)}return: can only \`return' from a function or sourced script\n`);
          return 2;
        }
        const code = Number.parseInt(args[0] ?? '', 10);
        throw new ReturnSignal(Number.isFinite(code) ? code & 0xff : this.status);
      }
      case 'break':
      case 'continue': {
        if (this.loopDepth === 0) {
          io.err(`${dialectPrefix(dialect)}${name}: only meaningful in a \`for', \`while', or \`until' loop\n`);
          return 0;
        }
        const n = args[0] === undefined ? 1 : Number(args[0]);
        if (!Number.isInteger(n) || n < 1) {
          io.err(`${dialectPrefix(dialect)}${name}: ${args[0]}: loop count out of range\n`);
          return 1;
        }
        throw new LoopSignal(name, Math.min(n, this.loopDepth));
      }
      case 'cd': {
        const target = args[0] === undefined || args[0] === '~' ? this.opts.user.home : args[0] === '-' ? (this.vars.get('OLDPWD') ?? this.cwd) : args[0];
        const entered = enterDirectory(this.fs, this.resolve(target));
        if (!entered.ok) {
          io.err(`${dialectPrefix(dialect)}cd: ${target}: ${entered.error}\n`);
          return 1;
        }
        this.vars.set('OLDPWD', this.cwd);
        this.cwd = entered.value;
        this.vars.set('PWD', this.cwd);
        return 0;
      }
      case ':':
        return 0;
      case 'exec': {
        // exec replaces the shell: the command runs, then the shell is gone.
        if (args.length === 0) return 0;
        const status = await this.invoke(args, assigned, io, dialect, depth, skipFunctions);
        throw new ExitSignal(status);
      }
      case 'builtin':
        if (args.length === 0) return 0;
        return this.invoke(args, assigned, io, dialect, depth, true);
      case 'shopt':
        return 0;
      case 'sh':
      case 'bash':
      case 'dash':
      case '/bin/sh':
      case '/bin/bash':
      case '/bin/dash':
      case '/usr/bin/sh':
      case '/usr/bin/bash':
      case '/usr/bin/dash':
        return this.inChild(args, () => this.runSubShell(name, args, io, depth));
      case 'source':
      case '.': {
        if (args[0] === undefined) {
          io.err(`${dialectPrefix(dialect)}${name}: filename argument required\n${name}: usage: ${name} filename [arguments]\n`);
          return 2;
        }
        const saved = this.positional;
        const savedArgv0 = this.argv0;
        // A sourced file runs in this shell: $0 stays what it was.
        this.argv0 = this.param('0', dialect);
        if (args.length > 1) this.positional = args.slice(1);
        this.sourceDepth++;
        try {
          return await this.runScript(args[0], io, dialect, depth);
        } catch (e) {
          if (e instanceof ReturnSignal) return e.status;
          throw e;
        } finally {
          this.sourceDepth--;
          this.argv0 = savedArgv0;
          if (args.length > 1) this.positional = saved;
        }
      }
    }
    const fn = skipFunctions ? undefined : this.functions.get(name);
    if (fn) return this.withTemporaryVars(assigned, () => this.callFunction(fn, args, io, dialect, depth));
    const builtin = BUILTIN_TABLE.get(name);
    if (builtin) {
      const ctx = this.builtinContext(name, args, io, dialect, assigned);
      const saved = this.builtinFrame;
      this.builtinFrame = { io, dialect, depth };
      try {
        return await this.withTemporaryVars(assigned, async () => builtin.run(ctx));
      } finally {
        this.builtinFrame = saved;
      }
    }
    const command = this.table.get(name);
    if (!command && name.includes('/')) return this.inChild([name, ...args], () => this.runScript(name, io, dialect, depth, true));
    if (!command) {
      this.opts.onUnknown?.(words.join(' '));
      io.err(notFoundText(dialect, name));
      return 127;
    }
    return command.run(this.commandContext(args, io, dialect, new Map(assigned)));
  }

  /** `IFS=: read a b`: prefix assignments hold for a builtin or function call only. */
  private async withTemporaryVars(assigned: readonly (readonly [string, string])[], body: () => Promise<number>): Promise<number> {
    if (assigned.length === 0) return body();
    const saved = assigned.map(([k]) => [k, this.vars.get(k)] as const);
    for (const [k, v] of assigned) this.vars.set(k, v);
    try {
      return await body();
    } finally {
      for (const [k, v] of saved) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
      }
    }
  }

  /** What an emulated command sees: exported variables (plus NAME=value prefixes) and the streams. */
  private commandContext(args: string[], io: Io, dialect: Dialect, assigned: ReadonlyMap<string, string>): CommandContext {
    const env = new Map<string, string>();
    for (const [k, v] of this.vars) if (this.exported.has(k)) env.set(k, v);
    for (const [k, v] of assigned) env.set(k, v);
    const stdin = io.cursor ? io.stdin.slice(io.cursor.pos) : io.stdin;
    return {
      args,
      user: this.opts.user,
      hostname: this.opts.hostname,
      os: this.opts.os,
      cwd: this.cwd,
      env,
      stdin,
      stdout: io.out,
      stderr: io.err,
      fs: this.fs,
      builtinErrorPrefix: dialectPrefix(dialect),
      tty: this.tty,
      stdoutIsTerminal: this.terminalSinks.has(io.out),
      shellPid: this.pid,
      sessionStartMs: this.startedMs,
      lookup: (name) => this.table.get(name),
      ...(this.opts.session ? { remoteAddress: this.opts.session.remoteAddress } : {}),
      ...(io.terminal ? { readTerminalLine: () => this.readTerminalLine() } : {}),
      ...(this.opts.session ? { session: this.opts.session } : {}),
    };
  }

  private builtinContext(name: string, args: string[], io: Io, dialect: Dialect, assigned: readonly (readonly [string, string])[]): BuiltinContext {
    const base = this.commandContext(args, io, dialect, new Map(assigned));
    return {
      ...base,
      name,
      shell: this.access,
      prefix: dialectPrefix(dialect),
      stdinIsTerminal: io.terminal === true,
      readLine: async (delim) => {
        if (io.terminal) {
          const line = await this.readTerminalLine();
          return line === undefined || delim === '\n' ? line : line.split(delim)[0];
        }
        const cursor = (io.cursor ??= { pos: 0 });
        if (cursor.pos >= io.stdin.length) return undefined;
        const end = io.stdin.indexOf(delim, cursor.pos);
        const line = io.stdin.slice(cursor.pos, end === -1 ? io.stdin.length : end);
        cursor.pos = end === -1 ? io.stdin.length : end + 1;
        return line;
      },
    };
  }

  private async callFunction(fn: FunctionDef, args: string[], io: Io, dialect: Dialect, depth: number): Promise<number> {
    if (this.frames.length >= MAX_FUNCTION_DEPTH) {
      io.err(`${dialectPrefix(dialect)}${fn.name}: maximum function nesting level exceeded (${MAX_FUNCTION_DEPTH})\n`);
      return 1;
    }
    const saved = this.positional;
    const loops = this.loopDepth;
    this.positional = args;
    this.loopDepth = 0;
    const frame = new Map<string, string | undefined>();
    this.frames.push(frame);
    try {
      return await this.runCommand(fn.body, io, dialect, depth);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.status;
      throw e;
    } finally {
      this.frames.pop();
      for (const [k, v] of frame) {
        if (v === undefined) this.vars.delete(k);
        else this.vars.set(k, v);
      }
      this.positional = saved;
      this.loopDepth = loops;
    }
  }

  // ---------- state ----------

  private snapshot(): ShellState {
    return {
      cwd: this.cwd,
      vars: new Map(this.vars),
      exported: new Set(this.exported),
      functions: new Map(this.functions),
      aliases: new Map(this.aliases),
      positional: [...this.positional],
      argv0: this.argv0,
      options: new Set(this.options),
      umask: this.umaskValue,
      frames: this.frames.map((f) => new Map(f)),
    };
  }

  private restore(s: ShellState): void {
    this.cwd = s.cwd;
    this.vars = s.vars;
    this.exported = s.exported;
    this.functions = s.functions;
    this.aliases = s.aliases;
    this.positional = s.positional;
    this.argv0 = s.argv0;
    this.options = s.options;
    this.umaskValue = s.umask;
    this.frames = s.frames;
  }

  /** A subshell: a copy of the shell whose changes (cd, variables, exit) end with it. */
  private async inSubshell(body: () => Promise<number>): Promise<number> {
    const saved = this.snapshot();
    const loops = this.loopDepth;
    try {
      return await body();
    } catch (e) {
      if (e instanceof ExitSignal) return e.status;
      if (e instanceof ReturnSignal) return e.status;
      if (e instanceof LoopSignal) return 0;
      throw e;
    } finally {
      this.restore(saved);
      this.loopDepth = loops;
    }
  }

  /** A child shell process (sh -c, a script): only exported variables reach it; nothing comes back. */
  private async inChild(args: string[], body: () => Promise<number>): Promise<number> {
    return this.inSubshell(async () => {
      const env = new Map<string, string>();
      for (const [k, v] of this.vars) if (this.exported.has(k)) env.set(k, v);
      for (const [k, v] of bashVariables(this.opts)) if (!env.has(k)) env.set(k, v);
      this.vars = env;
      this.functions = new Map();
      this.aliases = new Map();
      this.frames = [];
      this.loopDepth = 0;
      const c = args.indexOf('-c');
      this.positional = c === -1 ? args.filter((a) => !a.startsWith('-')).slice(1) : args.slice(c + 3);
      this.argv0 = c === -1 ? undefined : args[c + 2];
      return body();
    });
  }

  private setVar(name: string, value: string): void {
    this.vars.set(name, value);
    if (this.options.has('allexport')) this.exported.add(name);
  }

  private arithVars(): { get(n: string): string | undefined; set(n: string, v: string): void } {
    return { get: (n) => this.param(n, { kind: 'login' }), set: (n, v) => this.setVar(n, v) };
  }

  /** What runs for a name: alias, keyword, function, builtin, or an emulated file. */
  private kindOf(name: string): 'alias' | 'keyword' | 'function' | 'builtin' | 'file' | undefined {
    if (this.aliases.has(name)) return 'alias';
    if (KEYWORDS.has(name)) return 'keyword';
    if (this.functions.has(name)) return 'function';
    if ((BUILTIN_TABLE.has(name) && !name.includes('/')) || SHELL_SPECIALS.includes(name)) return 'builtin';
    return this.pathOf(name) ? 'file' : undefined;
  }

  private pathOf(name: string): string | undefined {
    if (name.includes('/')) return this.table.has(name) ? name : undefined;
    const command = this.table.get(name);
    if (!command && !['sh', 'bash', 'dash'].includes(name)) return undefined;
    const paths = command ? command.paths.map((p) => p.replace(/^\/(bin|sbin)\//, '/usr/$1/')) : [`/usr/bin/${name}`];
    for (const dir of (this.vars.get('PATH') ?? '').split(':')) {
      const hit = paths.find((p) => p === `${dir}/${name}` || p === `/usr${dir}/${name}`);
      if (hit) return `${dir}/${name}`;
    }
    return paths[0];
  }

  private flags(): string {
    const f: string[] = [];
    const map: [string, string][] = [['allexport', 'a'], ['errexit', 'e'], ['noglob', 'f'], ['hashall', 'h'], ['monitor', 'm'], ['nounset', 'u'], ['xtrace', 'x'], ['braceexpand', 'B'], ['histexpand', 'H']];
    for (const [o, l] of map) if (this.options.has(o)) f.push(l);
    if (this.opts.mode === 'interactive') f.splice(f.indexOf('h') + 1, 0, 'i');
    return f.join('') + (this.opts.mode === 'interactive' ? 's' : 'c');
  }

  private makeAccess(): ShellAccess {
    const shell = this;
    const frame = (): { io: Io; dialect: Dialect; depth: number } => this.builtinFrame ?? { io: { stdin: '', out: () => {}, err: () => {} }, dialect: { kind: 'bash-c' }, depth: 0 };
    return {
      getVar: (n) => this.vars.get(n),
      setVar: (n, v) => this.setVar(n, v),
      unsetVar: (n) => {
        this.vars.delete(n);
        this.exported.delete(n);
      },
      exportVar: (n, on = true) => void (on ? this.exported.add(n) : this.exported.delete(n)),
      isExported: (n) => this.exported.has(n),
      varNames: () => [...this.vars.keys()].sort(),
      makeLocal: (n) => {
        const top = this.frames[this.frames.length - 1];
        if (!top) return false;
        if (!top.has(n)) {
          top.set(n, this.vars.get(n));
          this.vars.delete(n);
        }
        return true;
      },
      positional: () => this.positional,
      setPositional: (a) => {
        this.positional = [...a];
      },
      get options() {
        return shell.options;
      },
      get aliases() {
        return shell.aliases;
      },
      functionNames: () => [...this.functions.keys()].sort(),
      unsetFunction: (n) => this.functions.delete(n),
      kindOf: (n) => this.kindOf(n),
      pathOf: (n) => this.pathOf(n),
      evalText: (text) => {
        const f = frame();
        return this.runSource(text, f.io, f.dialect, f.depth + 1);
      },
      runCommand: (argv) => {
        const f = frame();
        return this.invoke(argv, [], f.io, f.dialect, f.depth, true);
      },
      get umask() {
        return shell.umaskValue;
      },
      set umask(v: number) {
        shell.umaskValue = v;
      },
      get interactive() {
        return shell.opts.mode === 'interactive';
      },
      flags: () => this.flags(),
    };
  }

  /** `sh -c "..."`, `bash -c '...'`, `sh script.sh`, or a shell reading commands from a pipe. */
  private async runSubShell(name: string, args: string[], io: Io, depth: number): Promise<number> {
    if (depth >= MAX_DEPTH) return 1;
    // A new shell process starts with $? = 0 (and an empty script or pipe exits with it).
    this.status = 0;
    const isBash = name.endsWith('bash');
    const c = args.indexOf('-c');
    if (c !== -1) {
      const text = args[c + 1];
      if (text === undefined) {
        io.err(`${isBash ? 'bash' : 'sh'}: ${isBash ? '-c: ' : '0: '}option requires an argument\n`);
        return 2;
      }
      const dialect: Dialect = isBash ? { kind: 'bash-c', line: 1 } : { kind: 'sh-c', line: 1 };
      return this.runSource(text, { ...io, cursor: { pos: 0 } }, dialect, depth + 1);
    }
    const script = args.find((a) => !a.startsWith('-'));
    if (script !== undefined) return this.runScript(script, io, { kind: 'script', name: script, ...(isBash ? {} : { dash: true }) }, depth);
    // `curl ... | sh`: the shell reads its commands from stdin.
    const text = io.cursor ? io.stdin.slice(io.cursor.pos) : io.stdin;
    return this.runSource(text, { ...io, stdin: '', terminal: false }, isBash ? { kind: 'bash-c', line: 1 } : { kind: 'sh-c', line: 1 }, depth + 1);
  }

  /** `sh x.sh`, `. x.sh`, or `./x.sh` (executed: needs the execute bit; a binary is "run" without effect). */
  private async runScript(path: string, io: Io, dialect: Dialect, depth: number, executed = false): Promise<number> {
    if (depth >= MAX_DEPTH) return 1;
    const script = loadScript(this.fs, this.resolve(path), executed);
    if (!script.ok) {
      io.err(`${dialectPrefix(dialect)}${path}: ${script.error}\n`);
      return script.status;
    }
    if (script.binary) return 0;
    return this.runText(script.text, io, { kind: 'script', name: path, ...(dialect.kind === 'script' && dialect.dash ? { dash: true } : {}) }, depth + 1);
  }

  private async runText(text: string, io: Io, dialect: Dialect, depth: number): Promise<number> {
    return this.runSource(text, { ...io, cursor: { pos: 0 } }, { ...dialect, line: 1 }, depth);
  }

  private async withRedirects(redirects: Redirect[], io: Io, dialect: Dialect, body: (io: Io) => number | Promise<number>): Promise<number> {
    let { stdin, out, err } = io;
    const writes: { path: string; append: boolean; buf: string[] }[] = [];
    for (const r of redirects) {
      if (r.heredoc) {
        // A here-document: its text (expanded unless the delimiter was quoted) is the command's stdin.
        stdin = await expandString(r.heredoc, this.expandHost(io, dialect, 0), false);
        continue;
      }
      const target = (await this.expand(r.target, io, dialect, 0)).join(' ');
      if (r.op === '>&' || r.op === '<&') {
        // 2>&1 and 1>&2: point one stream at the other's current destination.
        if (target === '1' && r.fd === 2) err = out;
        else if (target === '2' && r.fd === 1) out = err;
        continue;
      }
      if (r.op === '<' || r.op === '<<<') {
        if (r.op === '<<<') stdin = target + '\n';
        else {
          const content = readText(this.fs, this.resolve(target));
          if (!content.ok) {
            io.err(`${dialectPrefix(dialect)}${target}: ${content.error}\n`);
            return 1;
          }
          stdin = content.value;
        }
        continue;
      }
      // bash opens (creates, truncates) the target before the command runs; when it cannot, the command does not run.
      const opened = target === '/dev/null' ? undefined : openForWrite(this.fs, this.resolve(target), r.op === '>>');
      if (opened && !opened.ok) {
        io.err(`${dialect.kind === 'login' ? '-bash: ' : dialectPrefix(dialect)}${target}: ${opened.error}\n`);
        return 1;
      }
      const sink = target === '/dev/null' ? () => {} : this.fileSink(target, r.op === '>>', writes);
      if (r.fd === 1) out = sink;
      else if (r.fd === 2) err = sink;
      else if (r.fd === -1) {
        out = sink;
        err = sink;
      }
    }
    const status = await body({ stdin, out, err });
    for (const w of writes) {
      const failed = appendText(this.fs, w.path, w.buf.join(''));
      if (failed) io.err(`${dialectPrefix(dialect)}write error: ${failed}\n`);
    }
    return status;
  }

  private fileSink(target: string, append: boolean, writes: { path: string; append: boolean; buf: string[] }[]): (t: string) => void {
    const entry = { path: this.resolve(target), append, buf: [] as string[] };
    writes.push(entry);
    return (t) => entry.buf.push(t);
  }

  // ---------- expansion ----------

  /** A word's fields (split and globbed), or with split=false the single string bash uses for assignments. */
  private async expand(word: Word, io: Io, dialect: Dialect, depth: number, split = true): Promise<string[]> {
    const host = this.expandHost(io, dialect, depth);
    return split ? expandFields([word], host) : [await expandString(word, host)];
  }

  /** What expansion reads and runs: parameters, command substitution (a subshell), the file system for globs. */
  private expandHost(io: Io, dialect: Dialect, depth: number): ExpandHost {
    return {
      param: (name) => this.param(name, dialect),
      positional: () => this.positional,
      setVar: (name, value) => this.setVar(name, value),
      substitute: async (list) => {
        if (depth >= MAX_DEPTH) return '';
        let captured = '';
        const sub: Io = { stdin: '', out: (t) => void (captured.length < MAX_OUTPUT && (captured += t)), err: io.err };
        this.substStatus = await this.inSubshell(() => this.runList(list, sub, { ...dialect }, depth + 1));
        this.status = this.substStatus;
        return captured;
      },
      home: (user) => (user === this.opts.user.name ? this.opts.user.home : user === 'root' ? '/root' : undefined),
      cwd: () => this.cwd,
      readdir: (dir) => {
        try {
          return this.fs.readdir(dir);
        } catch {
          return undefined;
        }
      },
      noglob: () => this.options.has('noglob'),
      nounset: () => this.options.has('nounset'),
    };
  }

  /** A parameter's value; undefined when unset. */
  private param(name: string, dialect: Dialect): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '#':
        return String(this.positional.length);
      case '0':
        if (this.argv0 !== undefined) return this.argv0;
        return dialect.kind === 'login' ? '-bash' : dialect.kind === 'ash' ? '-sh' : dialect.kind === 'sh-c' ? 'sh' : dialect.kind === 'script' ? dialect.name : 'bash';
      case '!':
        return this.lastBgPid;
      case '-':
        return this.flags();
      case '@':
      case '*':
        return this.positional.join(' ');
      case 'LINENO':
        return String(dialect.line ?? 1);
      case 'RANDOM':
        return String(Math.floor(Math.random() * 32768));
      case 'SECONDS':
        return String(Math.floor((Date.now() - this.started) / 1000));
    }
    if (/^[1-9][0-9]*$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name);
  }

  private resolve(p: string): string {
    return p.startsWith('/') ? normalise(p) : normalise(`${this.cwd}/${p}`);
  }
}

function dialectPrefix(d: Dialect): string {
  switch (d.kind) {
    case 'login':
      return '-bash: ';
    case 'ash':
      return '-sh: ';
    case 'bash-c':
      return `bash: line ${d.line ?? 1}: `;
    case 'sh-c':
      return `sh: ${d.line ?? 1}: `;
    case 'script':
      return d.dash ? `${d.name}: ${d.line ?? 1}: ` : `${d.name}: line ${d.line ?? 1}: `;
  }
}

/** bash says "command not found"; dash (Debian's sh) and BusyBox ash say "not found". */
function notFoundText(d: Dialect, name: string): string {
  if (d.kind === 'sh-c') return `sh: ${d.line ?? 1}: ${name}: not found\n`;
  if (d.kind === 'script' && d.dash) return `${d.name}: ${d.line ?? 1}: ${name}: not found\n`;
  if (d.kind === 'ash') return `-sh: ${name}: not found\n`;
  return `${dialectPrefix(d)}${name}: command not found\n`;
}

/** bash quotes the offending line after "near unexpected token" errors when it is not interactive. */
function syntaxErrorText(d: Dialect, e: ShellSyntaxError, source: string): string {
  const lineText = source.split('\n')[e.line - 1] ?? '';
  const echo = e.kind === 'token';
  switch (d.kind) {
    case 'login':
      return `-bash: ${e.message}\n`;
    case 'ash':
      return `-sh: ${ashSyntaxText(e)}\n`;
    case 'bash-c':
      return `bash: -c: line ${e.line}: ${e.message}\n${echo ? `bash: -c: line ${e.line}: \`${lineText}'\n` : ''}`;
    case 'sh-c':
      // dash counts the end of input on the last line, bash one past it.
      return `sh: ${e.kind === 'eof' ? Math.max(1, e.line - 1) : e.line}: ${dashSyntaxText(e)}\n`;
    case 'script':
      return `${d.name}: line ${e.line}: ${e.message}\n${echo ? `${d.name}: line ${e.line}: \`${lineText}'\n` : ''}`;
  }
}

const DASH_KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);

/** dash words its errors differently: Syntax error: "fi" unexpected (expecting "then"). */
function dashSyntaxText(e: ShellSyntaxError): string {
  const expecting = e.expecting ? ` (expecting "${e.expecting}")` : '';
  if (e.kind === 'unterminated') {
    if (e.token === '"' || e.token === "'") return 'Syntax error: Unterminated quoted string';
    if (e.token === '`') return 'Syntax error: EOF in backquote substitution';
    if (e.token === '}') return "Syntax error: Missing '}'";
    return 'Syntax error: end of file unexpected (expecting ")")';
  }
  if (e.kind === 'eof') return `Syntax error: end of file unexpected${expecting}`;
  const tok = e.token === 'newline' ? 'newline' : DASH_KEYWORDS.has(e.token) || /^[;&|()<>]+$/.test(e.token) ? `"${e.token}"` : 'word';
  return `Syntax error: ${tok} unexpected${expecting}`;
}

/** BusyBox ash: syntax error: unexpected "fi" (expecting "then"). */
function ashSyntaxText(e: ShellSyntaxError): string {
  const expecting = e.expecting ? ` (expecting "${e.expecting}")` : '';
  if (e.kind === 'unterminated') return e.token === '"' || e.token === "'" ? 'syntax error: unterminated quoted string' : `syntax error: unexpected end of file${expecting}`;
  if (e.kind === 'eof') return `syntax error: unexpected end of file${expecting}`;
  return `syntax error: unexpected ${e.token === 'newline' ? 'newline' : `"${e.token}"`}${expecting}`;
}

/** The input ends inside a quote, compound command or here-document: an interactive bash asks for more. */
function isIncomplete(source: string, aliases: ReadonlyMap<string, string>): boolean {
  const parser = new ScriptParser(source, aliases.size > 0 ? { aliases } : {});
  try {
    while (parser.next());
  } catch (e) {
    if (e instanceof ShellSyntaxError) return e.incomplete;
    throw e;
  }
  return parser.heredocOpen;
}

/** Variables every bash sets for itself (not exported, so `env` does not list them; `set` does). */
function bashVariables(opts: ShellOptions): [string, string][] {
  const vars: [string, string][] = [
    ['BASH', '/usr/bin/bash'],
    ['BASHOPTS', 'checkwinsize:cmdhist:complete_fullquote:extquote:force_fignore:globasciiranges:globskipdots:hostcomplete:interactive_comments:patsub_replacement:progcomp:promptvars:sourcepath'],
    ['BASH_VERSION', '5.2.15(1)-release'],
    ['EUID', String(opts.user.uid)],
    ['HOSTTYPE', opts.os.machine],
    ['IFS', ' \t\n'],
    ['MACHTYPE', `${opts.os.machine}-pc-linux-gnu`],
    ['OPTERR', '1'],
    ['OPTIND', '1'],
    ['OSTYPE', 'linux-gnu'],
    ['PPID', String(900 + (opts.user.uid % 97))],
    ['PS4', '+ '],
    ['SHELLOPTS', 'braceexpand:hashall:interactive-comments'],
    ['SHLVL', '1'],
    ['UID', String(opts.user.uid)],
  ];
  if (opts.mode === 'interactive') {
    vars.push(['HISTFILE', `${opts.user.home}/.bash_history`], ['HISTFILESIZE', '500'], ['HISTSIZE', '500'], ['PS2', '> ']);
    vars.push(['PS1', opts.user.uid === 0 ? '${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\# ' : '${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ ']);
  }
  return vars;
}

