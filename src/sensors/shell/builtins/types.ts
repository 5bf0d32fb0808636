// The contract of a shell builtin: a command that reads or changes the shell's own state (variables, options,
// aliases, positional parameters), which an ordinary emulated command cannot reach.
import type { CommandContext } from '../command.js';

/** What of the running shell a builtin may see and change. */
export interface ShellAccess {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  unsetVar(name: string): void;
  /** Marks a variable for the environment of commands (export). */
  exportVar(name: string, on?: boolean): void;
  isExported(name: string): boolean;
  /** Every variable name, sorted as bash lists them. */
  varNames(): string[];
  /** Makes a variable local to the running function; false outside one. */
  makeLocal(name: string): boolean;
  positional(): readonly string[];
  setPositional(args: readonly string[]): void;
  /** set -o names in effect: errexit, xtrace, noglob, nounset, ... */
  readonly options: Set<string>;
  readonly aliases: Map<string, string>;
  functionNames(): string[];
  unsetFunction(name: string): boolean;
  /** What a name would run: bash's `type -t` word, or undefined when nothing. */
  kindOf(name: string): 'alias' | 'keyword' | 'function' | 'builtin' | 'file' | undefined;
  /** The path `command -v` / `hash` name for an external command. */
  pathOf(name: string): string | undefined;
  /** Parses and runs text in this shell (eval). */
  evalText(text: string, ctx: BuiltinContext): Promise<number>;
  /** Runs a command line already split into words, skipping shell functions (`command name ...`). */
  runCommand(argv: string[], ctx: BuiltinContext): Promise<number>;
  umask: number;
  readonly interactive: boolean;
  /** The shell's flags as $- shows them. */
  flags(): string;
}

export interface BuiltinContext extends CommandContext {
  /** The name the builtin was invoked as (`[` or `test`, `alias` or `unalias`). */
  name: string;
  shell: ShellAccess;
  /** How the shell prefixes a builtin's error: "-bash: " or "bash: line 3: ". */
  prefix: string;
  /** The next line of standard input, consumed (undefined at its end); `delim` ends it instead of \n. */
  readLine(delim: string): Promise<string | undefined>;
  /** Standard input is the terminal (read's -p prompt shows). */
  stdinIsTerminal: boolean;
}

export interface Builtin {
  name: string;
  /** Builtins that are real binaries too (test, [) keep their /usr/bin paths. */
  paths?: readonly string[];
  run(ctx: BuiltinContext): number | Promise<number>;
}

/** bash's rule for variable names. */
export const isName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);

/** A value quoted the way bash's `set`, `alias` and `export -p` print it. */
export function shellQuote(v: string): string {
  if (v === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(v)) return v;
  if (/[\x00-\x1f\x7f]/.test(v)) {
    return `$'${v.replace(/[\\']/g, '\\$&').replace(/[\x00-\x1f\x7f]/g, (c) => ({ '\n': '\\n', '\t': '\\t', '\r': '\\r', '\x1b': '\\E' })[c] ?? `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`)}'`;
  }
  return `'${v.replace(/'/g, "'\\''")}'`;
}
