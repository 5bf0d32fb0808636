// clear: ncurses' xterm clear sequence (home, erase screen, erase scrollback).
import type { Command } from '../command.js';

export const clear: Command = {
  name: 'clear',
  paths: ['/usr/bin/clear', '/bin/clear'],
  run(ctx) {
    const term = ctx.env.get('TERM');
    if (!term && ctx.tty === null) {
      ctx.stderr('TERM environment variable not set.\n');
      return 1;
    }
    ctx.stdout('\x1b[H\x1b[2J\x1b[3J');
    return 0;
  },
};
