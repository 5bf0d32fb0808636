// A command whose real effect is metadata only (touch, mkdir, chmod, chown): silent success, coreutils' missing-operand text.
import type { Command } from '../command.js';

export function silentCommand(name: string, minOperands: number, paths: string[]): Command {
  return {
    name,
    paths,
    run(ctx) {
      const operands = ctx.args.filter((a) => !/^-[a-zA-Z]+$/.test(a) && !a.startsWith('--'));
      if (operands.length < minOperands) {
        const what = operands.length === 0 ? 'missing operand' : `missing operand after ‘${operands[operands.length - 1]}’`;
        ctx.stderr(`${name}: ${what}\nTry '${name} --help' for more information.\n`);
        return 1;
      }
      return 0;
    },
  };
}
