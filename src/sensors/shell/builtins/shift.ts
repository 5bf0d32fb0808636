// shift: drops positional parameters; status 1 (silently) when there are fewer than asked.
import type { Builtin } from './types.js';

export const shift: Builtin = {
  name: 'shift',
  run(ctx) {
    const arg = ctx.args[0] ?? '1';
    if (!/^-?\d+$/.test(arg)) {
      ctx.stderr(`${ctx.prefix}shift: ${arg}: numeric argument required\n`);
      return 1;
    }
    const n = Number(arg);
    if (n < 0) {
      ctx.stderr(`${ctx.prefix}shift: ${arg}: shift count out of range\n`);
      return 1;
    }
    const params = ctx.shell.positional();
    if (n > params.length) return 1;
    ctx.shell.setPositional(params.slice(n));
    return 0;
  },
};
