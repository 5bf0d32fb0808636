// The contract of one emulated command: a name, the absolute paths it answers to, and a run function.
import type { OsPersona } from '../../schema/persona.js';
import type { CommandSession } from './command-session.js';
import type { ShellFs } from './fs/types.js';

/** What a command sees of the emulated system and where it writes. */
export interface CommandContext {
  args: readonly string[];
  user: { name: string; uid: number; home: string };
  hostname: string;
  os: OsPersona;
  cwd: string;
  env: ReadonlyMap<string, string>;
  /** What a pipe or `<` redirection feeds the command; empty when nothing does. */
  stdin: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** The controlling terminal (e.g. "pts/0"); null for an SSH exec request; absent means a terminal. */
  tty?: string | null;
  /** stdout is the terminal itself (not a pipe or file): ls then prints columns. Absent means not a terminal. */
  stdoutIsTerminal?: boolean;
  /** Present when stdin is the terminal of an interactive session: the next line the client types (undefined: none). */
  readTerminalLine?: () => Promise<string | undefined>;
  /** How the running shell prefixes a builtin's error: "-bash: " at a login prompt, "bash: line 1: " under bash -c. */
  builtinErrorPrefix?: string;
  /** The argv of every stage of the pipeline this command runs in, itself included, so `ps | grep x` lists grep. */
  pipeline?: readonly (readonly string[])[];
  /** The shell's own pid ($$), so ps lists the same process the shell reports. */
  shellPid?: number;
  /** When the session started (ms since the epoch), for w's LOGIN@ column. */
  sessionStartMs?: number;
  /** The client's address, for w's FROM column. */
  remoteAddress?: string;
  /** The session's view of the emulated file system: the shared tree under its source's copy-on-write layer. */
  fs: ShellFs;
  /** Events, artifacts and downloads; absent in unit tests of pure text tools. */
  session?: CommandSession;
  /** The running shell's command table, for commands that start others (xargs, sudo, nohup, timeout). */
  lookup?: (name: string) => Command | undefined;
}

export interface Command {
  name: string;
  /** Absolute paths that run this command too (/bin/echo, /usr/bin/id, ...). */
  paths: readonly string[];
  /** Returns the exit status. Never executes anything: every effect is emulated. */
  run(ctx: CommandContext): number | Promise<number>;
}
