// jobs: background commands complete immediately here, so the job table is always empty.
import type { Builtin } from './types.js';

export const jobs: Builtin = {
  name: 'jobs',
  run(ctx) {
    for (const a of ctx.args) {
      if (/^%/.test(a)) {
        ctx.stderr(`${ctx.prefix}jobs: ${a}: no such job\n`);
        return 1;
      }
    }
    return 0;
  },
};
