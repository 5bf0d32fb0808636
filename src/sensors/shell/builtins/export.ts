// export: marks variables for the environment of commands; without names lists them as `declare -x`.
import { type Builtin, isName } from './types.js';

/** declare -x NAME="value", bash's double-quoted form. */
export function declareLine(flags: string, name: string, value: string | undefined): string {
  return value === undefined ? `declare ${flags} ${name}\n` : `declare ${flags} ${name}="${value.replace(/[\\"$`]/g, '\\$&')}"\n`;
}

export const exportBuiltin: Builtin = {
  name: 'export',
  run(ctx) {
    const sh = ctx.shell;
    let unexport = false;
    const names: string[] = [];
    for (const a of ctx.args) {
      if (a === '-n') unexport = true;
      else if (a === '-p' || a === '-f' || a === '--') continue;
      else names.push(a);
    }
    if (names.length === 0) {
      for (const n of sh.varNames()) if (sh.isExported(n)) ctx.stdout(declareLine('-x', n, sh.getVar(n)));
      return 0;
    }
    let status = 0;
    for (const a of names) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a : a.slice(0, eq).replace(/\+$/, '');
      if (!isName(name)) {
        ctx.stderr(`${ctx.prefix}export: \`${a}': not a valid identifier\n`);
        status = 1;
        continue;
      }
      if (eq !== -1) sh.setVar(name, a.endsWith('+', eq) ? (sh.getVar(name) ?? '') + a.slice(eq + 1) : a.slice(eq + 1));
      sh.exportVar(name, !unexport);
    }
    return status;
  },
};
