// mv: accepted silently (copying session files needs the shell's file store, which commands cannot reach yet);
// coreutils' texts for missing operands.
import type { Command } from '../command.js';

export const mv: Command = {
  name: 'mv',
  paths: ['/usr/bin/mv', '/bin/mv'],
  run(ctx) {
    const operands = ctx.args.filter((a) => !a.startsWith('-'));
    if (operands.length < 2) {
      ctx.stderr(
        (operands.length === 0 ? 'mv: missing file operand\n' : `mv: missing destination file operand after '${operands[0]}'\n`) +
          "Try 'mv --help' for more information.\n",
      );
      return 1;
    }
    return 0;
  },
};
