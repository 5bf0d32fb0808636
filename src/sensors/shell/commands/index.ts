// The table of emulated commands, by bare name and by absolute path. Adding a command is one file plus one line here.
import type { Command } from '../command.js';
import { echo } from './echo.js';
import { falseCommand } from './false.js';
import { hostname } from './hostname.js';
import { id } from './id.js';
import { pwd } from './pwd.js';
import { trueCommand } from './true.js';
import { uname } from './uname.js';
import { whoami } from './whoami.js';

export const COMMANDS: readonly Command[] = [echo, falseCommand, hostname, id, pwd, trueCommand, uname, whoami];

/** Lookup table: `uname` and `/bin/uname` both find the uname command. */
export function commandTable(commands: readonly Command[] = COMMANDS): ReadonlyMap<string, Command> {
  const table = new Map<string, Command>();
  for (const c of commands) {
    table.set(c.name, c);
    for (const p of c.paths) table.set(p, c);
  }
  return table;
}
