// declare / typeset / readonly: set variables with attributes (-x exports) and print them as `declare -p` does.
import { declareLine } from './export.js';
import { type Builtin, isName } from './types.js';

export function makeDeclare(name: 'declare' | 'typeset' | 'readonly'): Builtin {
  return {
    name,
    run(ctx) {
      const sh = ctx.shell;
      const flags = new Set<string>(name === 'readonly' ? ['r'] : []);
      let print = false;
      const names: string[] = [];
      for (const a of ctx.args) {
        if (/^[-+][a-zA-Z]+$/.test(a)) {
          for (const f of a.slice(1)) if (f === 'p') print = true;
          else if (a[0] === '-') flags.add(f);
        } else names.push(a);
      }
      if (flags.has('f') || flags.has('F')) {
        for (const f of names.length ? names : sh.functionNames()) if (sh.kindOf(f) === 'function' && flags.has('F')) ctx.stdout(`declare -f ${f}\n`);
        return names.every((f) => sh.kindOf(f) === 'function') ? 0 : 1;
      }
      if (names.length === 0 || print) {
        let status = 0;
        const list = names.length ? names : sh.varNames();
        for (const n of list) {
          const v = sh.getVar(n);
          if (v === undefined) {
            ctx.stderr(`${ctx.prefix}${name}: ${n}: not found\n`);
            status = 1;
            continue;
          }
          if (names.length === 0 && flags.has('x') && !sh.isExported(n)) continue;
          ctx.stdout(declareLine(sh.isExported(n) ? '-x' : '--', n, v));
        }
        return status;
      }
      let status = 0;
      for (const a of names) {
        const eq = a.indexOf('=');
        const n = eq === -1 ? a : a.slice(0, eq);
        if (!isName(n)) {
          ctx.stderr(`${ctx.prefix}${name}: \`${a}': not a valid identifier\n`);
          status = 1;
          continue;
        }
        // Inside a function declare makes the name local, as bash does.
        if (name !== 'readonly' && !flags.has('g')) sh.makeLocal(n);
        if (eq !== -1) sh.setVar(n, a.slice(eq + 1));
        else if (sh.getVar(n) === undefined && flags.size > 0 && name !== 'readonly') sh.setVar(n, '');
        if (flags.has('x')) sh.exportVar(n, true);
      }
      return status;
    },
  };
}
