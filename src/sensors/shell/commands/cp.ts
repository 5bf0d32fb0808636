// cp: accepted silently (copying session files needs the shell's file store, which commands cannot reach yet);
// coreutils' texts for missing operands.
import type { Command } from '../command.js';

export const cp: Command = {
  name: 'cp',
  paths: ['/usr/bin/cp', '/bin/cp'],
  run(ctx) {
    const operands = ctx.args.filter((a) => !a.startsWith('-'));
    if (operands.length < 2) {
      ctx.stderr(
        (operands.length === 0 ? 'cp: missing file operand\n' : `cp: missing destination file operand after '${operands[0]}'\n`) +
          "Try 'cp --help' for more information.\n",
      );
      return 1;
    }
    return 0;
  },
};
