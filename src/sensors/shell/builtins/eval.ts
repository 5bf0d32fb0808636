// eval: joins its arguments and runs them as shell input in the current shell.
import type { Builtin } from './types.js';

export const evalBuiltin: Builtin = {
  name: 'eval',
  run(ctx) {
    const text = ctx.args.join(' ');
    if (text.trim() === '') return 0;
    return ctx.shell.evalText(text, ctx);
  },
};
