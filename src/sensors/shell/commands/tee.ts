// tee: copies stdin to stdout (writing files needs the shell's session files, which commands cannot reach yet).
import type { Command } from '../command.js';

export const tee: Command = {
  name: 'tee',
  paths: ['/usr/bin/tee', '/bin/tee'],
  run(ctx) {
    ctx.stdout(ctx.stdin);
    return 0;
  },
};
