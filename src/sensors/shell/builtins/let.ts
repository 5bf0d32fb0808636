// let: evaluates arithmetic expressions; status 1 when the last one is 0.
import { ArithError, evalArith } from '../syntax/arith.js';
import type { Builtin } from './types.js';

export const letBuiltin: Builtin = {
  name: 'let',
  run(ctx) {
    if (ctx.args.length === 0) {
      ctx.stderr(`${ctx.prefix}let: expression expected\n`);
      return 1;
    }
    let last = 0n;
    for (const e of ctx.args) {
      try {
        last = evalArith(e, { get: (n) => ctx.shell.getVar(n), set: (n, v) => ctx.shell.setVar(n, v) });
      } catch (err) {
        if (!(err instanceof ArithError)) throw err;
        ctx.stderr(`${ctx.prefix}let: ${e}: ${err.message} (error token is "${err.token}")\n`);
        return 1;
      }
    }
    return last === 0n ? 1 : 0;
  },
};
