// sleep: returns at once (the session never blocks on attacker timing); coreutils' texts for bad operands.
import type { Command } from '../command.js';

export const sleep: Command = {
  name: 'sleep',
  paths: ['/usr/bin/sleep', '/bin/sleep'],
  run(ctx) {
    if (ctx.args.length === 0) {
      ctx.stderr("sleep: missing operand\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    const bad = ctx.args.find((a) => !/^\d*\.?\d+[smhd]?$/.test(a) && a !== 'infinity');
    if (bad !== undefined) {
      ctx.stderr(`sleep: invalid time interval ‘${bad}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    return 0;
  },
};
