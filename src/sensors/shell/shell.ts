// The emulated shell behind SSH and Telnet: parses bash syntax, expands words, runs pipelines and
// redirections against emulated commands, and reports every unknown command. Nothing is ever executed.
import type { OsPersona } from '../../schema/persona.js';
import type { Command, CommandContext } from './command.js';
import type { CommandSession } from './command-session.js';
import { commandTable } from './commands/index.js';
import type { AndOr, List, Pipeline, Redirect, SimpleCommand, Word } from './syntax/ast.js';
import { parseCommandLine, ShellSyntaxError } from './syntax/parse.js';
import { SessionFiles } from './session-files.js';
import { systemWriteError } from './system/proc-files.js';

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
  /** Called once per command not found (Cowrie's command.failed). */
  onUnknown?: (input: string) => void;
  commands?: ReadonlyMap<string, Command>;
  /** The login shell's flavour: bash on Debian hosts, BusyBox ash on IoT devices (its own error texts). */
  flavour?: 'bash' | 'ash';
  /** Events, artifact store and fetcher for commands that reach beyond text (wget, curl, ...). */
  session?: CommandSession;
}

export interface RunResult {
  output: string;
  /** The shell should end (exit or logout). */
  exit: boolean;
  status: number;
  /** The line ended inside a quote or substitution: show PS2 ("> ") and wait for more. */
  continuation?: boolean;
}

/** Most bytes a single command line may produce; the rest is cut, as a terminal would drop it. */
const MAX_OUTPUT = 1 << 20;
/** Most simple commands one input line may run (substitutions and scripts included). */
const MAX_STEPS = 10_000;
/** Deepest `sh -c` / script / substitution nesting. */
const MAX_DEPTH = 16;
/** Longest pending multi-line input kept while a quote is open. */
const MAX_PENDING = 64 * 1024;

class ExitSignal {
  constructor(readonly status: number) {}
}

interface Io {
  stdin: string;
  out: (t: string) => void;
  err: (t: string) => void;
}

/** How the running shell names itself in error messages. */
type Dialect = { kind: 'login' } | { kind: 'ash' } | { kind: 'bash-c' } | { kind: 'sh-c' } | { kind: 'script'; name: string };

export class Shell {
  private cwd: string;
  private status = 0;
  private steps = 0;
  private pending = '';
  private readonly table: ReadonlyMap<string, Command>;
  private readonly vars: Map<string, string>;
  private readonly files = new SessionFiles();
  private readonly pid = 1000 + Math.floor(Math.random() * 30000);

  constructor(private readonly opts: ShellOptions) {
    this.cwd = opts.user.home;
    this.table = opts.commands ?? commandTable();
    this.vars = new Map([
      ['HOME', opts.user.home],
      ['USER', opts.user.name],
      ['LOGNAME', opts.user.name],
      ['SHELL', '/bin/bash'],
      ['PWD', opts.user.home],
      ['HOSTNAME', opts.hostname],
      ['PATH', opts.user.uid === 0 ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/usr/local/bin:/usr/bin:/bin:/usr/games'],
    ]);
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
    let output = '';
    const write = (text: string): void => {
      if (output.length < MAX_OUTPUT) output += text.slice(0, MAX_OUTPUT - output.length);
    };
    const source = this.pending ? `${this.pending}\n${line}` : line;
    this.pending = '';
    this.steps = 0;
    const dialect: Dialect = this.opts.mode === 'exec' ? { kind: 'bash-c' } : this.opts.flavour === 'ash' ? { kind: 'ash' } : { kind: 'login' };
    let list: List;
    try {
      list = parseCommandLine(source);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      if (e.incomplete && this.opts.mode === 'interactive' && source.length < MAX_PENDING) {
        this.pending = source;
        return { output: '', exit: false, status: this.status, continuation: true };
      }
      write(syntaxErrorText(dialect, e, source));
      this.status = 2;
      return { output, exit: false, status: this.status };
    }
    try {
      this.status = await this.runList(list, { stdin: '', out: write, err: write }, dialect, 0);
    } catch (e) {
      if (e instanceof ExitSignal) {
        this.status = e.status;
        return { output, exit: true, status: this.status };
      }
      throw e;
    }
    return { output, exit: false, status: this.status };
  }

  // ---------- execution ----------

  private async runList(list: List, io: Io, dialect: Dialect, depth: number): Promise<number> {
    let status = this.status;
    for (const item of list.items) status = await this.runAndOr(item, io, dialect, depth);
    return status;
  }

  private async runAndOr(item: AndOr, io: Io, dialect: Dialect, depth: number): Promise<number> {
    let status = (this.status = await this.runPipeline(item.first, io, dialect, depth));
    for (const { op, pipeline } of item.rest) {
      if ((op === '&&' && status !== 0) || (op === '||' && status === 0)) continue;
      status = this.status = await this.runPipeline(pipeline, io, dialect, depth);
    }
    if (item.background && (dialect.kind === 'login' || dialect.kind === 'ash')) {
      // bash prints the job number and a pid for `cmd &`; the job "finishes" at once.
      io.err(`[1] ${this.pid + 1}\n`);
    }
    return status;
  }

  private async runPipeline(p: Pipeline, io: Io, dialect: Dialect, depth: number): Promise<number> {
    let stdin = io.stdin;
    let status = 0;
    for (const [i, command] of p.commands.entries()) {
      const last = i === p.commands.length - 1;
      let captured = '';
      const out = last ? io.out : (t: string) => (captured.length < MAX_OUTPUT ? (captured += t) : undefined);
      const stageIo: Io = { stdin, out, err: io.err };
      status = command.kind === 'simple' ? await this.runSimple(command, stageIo, dialect, depth) : await this.withRedirects(command.redirects, stageIo, dialect, (rio) => this.runList(command.list, rio, dialect, depth));
      this.status = status;
      stdin = captured;
    }
    return p.negated ? (status === 0 ? 1 : 0) : status;
  }

  private async runSimple(cmd: SimpleCommand, io: Io, dialect: Dialect, depth: number): Promise<number> {
    if (++this.steps > MAX_STEPS) return 1;
    const words: string[] = [];
    for (const w of cmd.words) words.push(...(await this.expand(w, io, dialect, depth)));
    const assigned: (readonly [string, string])[] = [];
    for (const { name, value } of cmd.assignments) assigned.push([name, (await this.expand(value, io, dialect, depth, false)).join(' ')]);
    if (words.length === 0) {
      for (const [k, v] of assigned) this.vars.set(k, v);
      return this.withRedirects(cmd.redirects, io, dialect, () => 0);
    }
    return this.withRedirects(cmd.redirects, io, dialect, (rio) => this.invoke(words, assigned, rio, dialect, depth));
  }

  private async invoke(words: string[], assigned: readonly (readonly [string, string])[], io: Io, dialect: Dialect, depth: number): Promise<number> {
    const [name, ...args] = words as [string, ...string[]];
    switch (name) {
      case 'exit':
      case 'logout': {
        const code = Number.parseInt(args[0] ?? '', 10);
        throw new ExitSignal(Number.isFinite(code) ? code & 0xff : this.status);
      }
      case 'cd': {
        const target = args[0] === undefined || args[0] === '~' ? this.opts.user.home : args[0] === '-' ? (this.vars.get('OLDPWD') ?? this.cwd) : args[0];
        this.vars.set('OLDPWD', this.cwd);
        this.cwd = target.startsWith('/') ? normalisePath(target) : normalisePath(`${this.cwd}/${target}`);
        this.vars.set('PWD', this.cwd);
        return 0;
      }
      case 'export':
      case 'readonly':
      case 'local': {
        for (const a of args) {
          const eq = a.indexOf('=');
          if (eq > 0) this.vars.set(a.slice(0, eq), a.slice(eq + 1));
        }
        return 0;
      }
      case 'unset':
        for (const a of args) this.vars.delete(a);
        return 0;
      case ':':
        return 0;
      case 'sh':
      case 'bash':
      case '/bin/sh':
      case '/bin/bash':
      case '/usr/bin/bash':
        return this.runSubShell(name, args, io, depth);
      case 'source':
      case '.':
        return this.runScript(args[0] ?? '', io, dialect, depth);
    }
    if (name.includes('/') && this.files.has(this.resolve(name))) {
      return this.runScript(name, io, dialect, depth);
    }
    const command = this.table.get(name);
    if (!command) {
      this.opts.onUnknown?.(words.join(' '));
      io.err(notFoundText(dialect, name));
      return 127;
    }
    const env = new Map(this.vars);
    for (const [k, v] of assigned) env.set(k, v);
    const ctx: CommandContext = {
      args,
      user: this.opts.user,
      hostname: this.opts.hostname,
      os: this.opts.os,
      cwd: this.cwd,
      env,
      stdin: io.stdin,
      stdout: io.out,
      stderr: io.err,
      files: this.files,
      builtinErrorPrefix: dialectPrefix(dialect),
      ...(this.opts.session ? { session: this.opts.session } : {}),
    };
    return command.run(ctx);
  }

  /** `sh -c "..."`, `bash -c '...'`, `sh script.sh`, or a shell reading commands from a pipe. */
  private async runSubShell(name: string, args: string[], io: Io, depth: number): Promise<number> {
    if (depth >= MAX_DEPTH) return 1;
    const isBash = name.endsWith('bash');
    const c = args.indexOf('-c');
    if (c !== -1) {
      const text = args[c + 1];
      if (text === undefined) {
        io.err(`${isBash ? 'bash' : 'sh'}: ${isBash ? '-c: ' : '0: '}option requires an argument\n`);
        return 2;
      }
      return this.runText(text, io, isBash ? { kind: 'bash-c' } : { kind: 'sh-c' }, depth + 1);
    }
    const script = args.find((a) => !a.startsWith('-'));
    if (script !== undefined) return this.runScript(script, io, { kind: 'script', name: script }, depth);
    // `curl ... | sh`: the shell reads its commands from stdin.
    return this.runText(io.stdin, { ...io, stdin: '' }, isBash ? { kind: 'bash-c' } : { kind: 'sh-c' }, depth + 1);
  }

  private async runScript(path: string, io: Io, dialect: Dialect, depth: number): Promise<number> {
    if (depth >= MAX_DEPTH) return 1;
    const content = this.files.read(this.resolve(path));
    if (content === undefined) {
      io.err(`${dialectPrefix(dialect)}${path}: No such file or directory\n`);
      return 127;
    }
    return this.runText(content, io, { kind: 'script', name: path }, depth + 1);
  }

  private async runText(text: string, io: Io, dialect: Dialect, depth: number): Promise<number> {
    let list: List;
    try {
      list = parseCommandLine(text);
    } catch (e) {
      if (!(e instanceof ShellSyntaxError)) throw e;
      io.err(syntaxErrorText(dialect, e, text));
      return 2;
    }
    return this.runList(list, io, dialect, depth);
  }

  private async withRedirects(redirects: Redirect[], io: Io, dialect: Dialect, body: (io: Io) => number | Promise<number>): Promise<number> {
    let { stdin, out, err } = io;
    const writes: { path: string; append: boolean; buf: string[] }[] = [];
    for (const r of redirects) {
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
          const content = this.files.read(this.resolve(target));
          if (content === undefined && target !== '/dev/null') {
            io.err(`${dialectPrefix(dialect)}${target}: No such file or directory\n`);
            return 1;
          }
          stdin = content ?? '';
        }
        continue;
      }
      // procfs and sysfs refuse writes as the kernel does: the command does not run.
      const refused = target === '/dev/null' ? undefined : systemWriteError(this.resolve(target));
      if (refused !== undefined) {
        io.err(`${dialect.kind === 'login' ? '-bash: ' : dialectPrefix(dialect)}${target}: ${refused}\n`);
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
    for (const w of writes) this.files.write(w.path, w.buf.join(''), w.append);
    return status;
  }

  private fileSink(target: string, append: boolean, writes: { path: string; append: boolean; buf: string[] }[]): (t: string) => void {
    const entry = { path: this.resolve(target), append, buf: [] as string[] };
    writes.push(entry);
    return (t) => entry.buf.push(t);
  }

  // ---------- expansion ----------

  /** A word's fields: unquoted expansions are split on blanks, quoted text stays whole. */
  private async expand(word: Word, io: Io, dialect: Dialect, depth: number, split = true): Promise<string[]> {
    const fields: string[] = [];
    let current = '';
    let hasQuoted = false;
    for (const part of word.parts) {
      let value: string;
      if (part.kind === 'text') value = part.value;
      else if (part.kind === 'param') value = this.param(part.name, dialect);
      else {
        if (depth >= MAX_DEPTH) continue;
        let captured = '';
        await this.runList(part.list, { stdin: '', out: (t) => (captured.length < MAX_OUTPUT ? (captured += t) : undefined), err: io.err }, dialect, depth + 1);
        value = captured.replace(/\n+$/, '');
      }
      if (part.quoted || !split || part.kind === 'text') {
        current += value;
        if (part.quoted) hasQuoted = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) {
          if (current !== '' || hasQuoted) fields.push(current);
          current = '';
          hasQuoted = false;
        }
        current += piece;
      });
    }
    if (current !== '' || hasQuoted) fields.push(current);
    if (word.parts.length > 0 && word.parts[0]?.kind === 'text' && !word.parts[0].quoted && fields[0]?.startsWith('~')) {
      fields[0] = fields[0].replace(/^~(?=\/|$)/, this.opts.user.home);
    }
    return fields;
  }

  private param(name: string, dialect: Dialect): string {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return String(this.pid);
      case '#':
        return '0';
      case '0':
        return dialect.kind === 'login' ? '-bash' : dialect.kind === 'ash' ? '-sh' : dialect.kind === 'sh-c' ? 'sh' : dialect.kind === 'script' ? dialect.name : 'bash';
      case '!':
        return '';
      default:
        return this.vars.get(name) ?? '';
    }
  }

  private resolve(p: string): string {
    return p.startsWith('/') ? normalisePath(p) : normalisePath(`${this.cwd}/${p}`);
  }
}

function dialectPrefix(d: Dialect): string {
  switch (d.kind) {
    case 'login':
      return '-bash: ';
    case 'ash':
      return '-sh: ';
    case 'bash-c':
      return 'bash: line 1: ';
    case 'sh-c':
      return 'sh: 1: ';
    case 'script':
      return `${d.name}: line 1: `;
  }
}

/** bash says "command not found"; dash (Debian's sh) and BusyBox ash say "not found". */
function notFoundText(d: Dialect, name: string): string {
  if (d.kind === 'sh-c') return `sh: 1: ${name}: not found\n`;
  if (d.kind === 'ash') return `-sh: ${name}: not found\n`;
  return `${dialectPrefix(d)}${name}: command not found\n`;
}

function syntaxErrorText(d: Dialect, e: ShellSyntaxError, source: string): string {
  const firstLine = source.split('\n')[0] ?? '';
  switch (d.kind) {
    case 'login':
      return `-bash: ${e.message}\n`;
    case 'ash':
      return `-sh: ${e.message.replace(/^syntax error near unexpected token `(.*)'$/, 'syntax error: unexpected "$1"')}\n`;
    case 'bash-c':
      return `bash: -c: line 1: ${e.message}\nbash: -c: line 1: \`${firstLine}'\n`;
    case 'sh-c':
      return `sh: 1: ${e.message.replace(/^syntax error near unexpected token `(.*)'$/, 'Syntax error: "$1" unexpected')}\n`;
    case 'script':
      return `${d.name}: line 1: ${e.message}\n`;
  }
}

function normalisePath(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}
