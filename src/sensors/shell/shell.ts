// The emulated shell behind SSH and Telnet: runs command lines against the command table,
// answers unknown commands with bash's exact error text, and reports every command to the sensor.
import type { OsPersona } from '../../schema/persona.js';
import type { Command, CommandContext } from './command.js';
import { commandTable } from './commands/index.js';
import { splitCommandLine } from './simple-parser.js';

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
}

export interface RunResult {
  output: string;
  /** The shell should end (exit or logout). */
  exit: boolean;
  status: number;
}

/** Most bytes a single command line may produce; the rest is cut, as a terminal would drop it. */
const MAX_OUTPUT = 1 << 20;

export class Shell {
  private cwd: string;
  private status = 0;
  private readonly table: ReadonlyMap<string, Command>;
  private readonly env: Map<string, string>;

  constructor(private readonly opts: ShellOptions) {
    this.cwd = opts.user.home;
    this.table = opts.commands ?? commandTable();
    this.env = new Map([
      ['HOME', opts.user.home],
      ['USER', opts.user.name],
      ['SHELL', '/bin/bash'],
      ['PATH', opts.user.uid === 0 ? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' : '/usr/local/bin:/usr/bin:/bin:/usr/games'],
    ]);
  }

  /** bash's default Debian prompt: user@host:dir# for root, $ otherwise. */
  prompt(): string {
    const home = this.opts.user.home;
    const dir = this.cwd === home ? '~' : this.cwd.startsWith(home + '/') ? '~' + this.cwd.slice(home.length) : this.cwd;
    return `${this.opts.user.name}@${this.opts.hostname}:${dir}${this.opts.user.uid === 0 ? '#' : '$'} `;
  }

  get lastStatus(): number {
    return this.status;
  }

  run(line: string): RunResult {
    let output = '';
    const write = (text: string): void => {
      if (output.length < MAX_OUTPUT) output += text.slice(0, MAX_OUTPUT - output.length);
    };
    let skip = false;
    for (const cmd of splitCommandLine(line)) {
      if (!skip) {
        const r = this.runOne(cmd.words, write);
        if (r === 'exit') return { output, exit: true, status: this.status };
        this.status = r;
      }
      // `a && b` runs b only on success, `a || b` only on failure; `;` and `|` always go on.
      skip = (cmd.next === '&&' && this.status !== 0) || (cmd.next === '||' && this.status === 0);
    }
    return { output, exit: false, status: this.status };
  }

  private runOne(words: string[], write: (t: string) => void): number | 'exit' {
    const [name, ...args] = words;
    if (name === undefined) return this.status;
    if (name === 'exit' || name === 'logout') {
      const code = Number.parseInt(args[0] ?? '', 10);
      this.status = Number.isFinite(code) ? code & 0xff : this.status;
      return 'exit';
    }
    if (name === 'cd') {
      const target = args[0] === undefined || args[0] === '~' ? this.opts.user.home : args[0];
      this.cwd = target.startsWith('/') ? normalisePath(target) : normalisePath(`${this.cwd}/${target}`);
      return 0;
    }
    const command = this.table.get(name);
    if (!command) {
      this.opts.onUnknown?.(words.join(' '));
      write(
        this.opts.mode === 'interactive'
          ? `-bash: ${name}: command not found\n`
          : `bash: line 1: ${name}: command not found\n`,
      );
      return 127;
    }
    const ctx: CommandContext = {
      args,
      user: this.opts.user,
      hostname: this.opts.hostname,
      os: this.opts.os,
      cwd: this.cwd,
      env: this.env,
      stdout: write,
      stderr: write,
    };
    return command.run(ctx);
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
