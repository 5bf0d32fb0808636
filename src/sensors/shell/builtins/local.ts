// local: variables that live until the running function returns (bash's dynamic scoping).
import { type Builtin, isName } from './types.js';

export const local: Builtin = {
  name: 'local',
  run(ctx) {
    let status = 0;
    for (const a of ctx.args) {
      if (a.startsWith('-')) continue;
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq);
      if (!isName(name)) {
        ctx.stderr(`${ctx.prefix}local: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (!ctx.shell.makeLocal(name)) {
        ctx.stderr(`${ctx.prefix}local: can only be used in a function\n`);
        return 1;
      }
      if (eq !== -1) ctx.shell.setVar(name, a.slice(eq + 1));
    }
    return status;
  },
};
