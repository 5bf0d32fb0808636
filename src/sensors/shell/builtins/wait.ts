// wait: background jobs in this shell finish at once, so there is never anything to wait for.
import type { Builtin } from './types.js';

export const wait: Builtin = {
  name: 'wait',
  run(ctx) {
    let status = 0;
    for (const a of ctx.args.filter((x) => !x.startsWith('-'))) {
      if (/^%/.test(a)) {
        ctx.stderr(`${ctx.prefix}wait: ${a}: no such job\n`);
        status = 127;
      } else if (/^\d+$/.test(a)) {
        ctx.stderr(`${ctx.prefix}wait: pid ${a} is not a child of this shell\n`);
        status = 127;
      } else {
        ctx.stderr(`${ctx.prefix}wait: \`${a}': not a pid or valid job spec\n`);
        status = 1;
      }
    }
    return status;
  },
};
