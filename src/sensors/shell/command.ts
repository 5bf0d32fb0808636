// The contract of one emulated command: a name, the absolute paths it answers to, and a run function.
import type { OsPersona } from '../../schema/persona.js';

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
}

export interface Command {
  name: string;
  /** Absolute paths that run this command too (/bin/echo, /usr/bin/id, ...). */
  paths: readonly string[];
  /** Returns the exit status. Never executes anything: every effect is emulated. */
  run(ctx: CommandContext): number;
}
