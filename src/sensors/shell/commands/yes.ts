// yes: repeats its text; capped here (a pipe reader like head would have stopped it anyway).
import type { Command } from '../command.js';

const MAX_LINES = 10_000;

export const yes: Command = {
  name: 'yes',
  paths: ['/usr/bin/yes', '/bin/yes'],
  run(ctx) {
    const line = (ctx.args.length ? ctx.args.join(' ') : 'y') + '\n';
    ctx.stdout(line.repeat(Math.max(1, Math.min(MAX_LINES, Math.floor((1 << 19) / line.length)))));
    return 0;
  },
};
