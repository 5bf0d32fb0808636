// unset: removes variables (or, with -f, functions).
import { type Builtin, isName } from './types.js';

export const unset: Builtin = {
  name: 'unset',
  run(ctx) {
    let functions = false;
    let status = 0;
    for (const a of ctx.args) {
      if (a === '-f') functions = true;
      else if (a === '-v' || a === '-n') functions = false;
      else if (functions) ctx.shell.unsetFunction(a);
      else if (!isName(a)) {
        ctx.stderr(`${ctx.prefix}unset: \`${a}': not a valid identifier\n`);
        status = 1;
      } else if (ctx.shell.getVar(a) === undefined) ctx.shell.unsetFunction(a);
      else ctx.shell.unsetVar(a);
    }
    return status;
  },
};
