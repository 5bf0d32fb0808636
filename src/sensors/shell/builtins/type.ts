// type: what each name is to the shell (alias, keyword, function, builtin, or the file that runs), with -t, -a, -p.
import type { Builtin } from './types.js';

export const type: Builtin = {
  name: 'type',
  run(ctx) {
    let terse = false;
    let pathOnly = false;
    const names: string[] = [];
    for (const a of ctx.args) {
      if (/^-[aftpP]+$/.test(a)) {
        if (a.includes('t')) terse = true;
        if (a.includes('p') || a.includes('P')) pathOnly = true;
      } else names.push(a);
    }
    let status = 0;
    for (const n of names) {
      const kind = ctx.shell.kindOf(n);
      if (kind === undefined) {
        if (!terse && !pathOnly) ctx.stderr(`${ctx.prefix}type: ${n}: not found\n`);
        status = 1;
        continue;
      }
      if (pathOnly) {
        if (kind === 'file') ctx.stdout(`${ctx.shell.pathOf(n) ?? n}\n`);
        continue;
      }
      if (terse) {
        ctx.stdout(`${kind}\n`);
        continue;
      }
      switch (kind) {
        case 'alias':
          ctx.stdout(`${n} is aliased to \`${ctx.shell.aliases.get(n) ?? ''}'\n`);
          break;
        case 'keyword':
          ctx.stdout(`${n} is a shell keyword\n`);
          break;
        case 'function':
          ctx.stdout(`${n} is a function\n`);
          break;
        case 'builtin':
          ctx.stdout(`${n} is a shell builtin\n`);
          break;
        case 'file': {
          const path = ctx.shell.pathOf(n) ?? n;
          ctx.stdout(n.includes('/') ? `${n} is ${n}\n` : `${n} is ${path}\n`);
        }
      }
    }
    return status;
  },
};
