// hash: the shell's table of remembered command paths, per shell, as bash lists it.
import type { Builtin } from './types.js';

const tables = new WeakMap<object, Map<string, { path: string; hits: number }>>();

export const hash: Builtin = {
  name: 'hash',
  run(ctx) {
    const table = tables.get(ctx.shell) ?? new Map<string, { path: string; hits: number }>();
    tables.set(ctx.shell, table);
    const args = ctx.args.filter((a) => a !== '-l' && a !== '-t');
    if (args[0] === '-r') {
      table.clear();
      return 0;
    }
    if (args.length === 0) {
      if (table.size === 0) {
        ctx.stdout('hash: hash table empty\n');
        return 0;
      }
      ctx.stdout('hits\tcommand\n');
      for (const e of table.values()) ctx.stdout(`${String(e.hits).padStart(4)}\t${e.path}\n`);
      return 0;
    }
    let status = 0;
    for (const name of args) {
      const path = ctx.shell.kindOf(name) === 'file' ? ctx.shell.pathOf(name) : undefined;
      if (ctx.shell.kindOf(name) === 'builtin' || ctx.shell.kindOf(name) === 'function') continue;
      if (path === undefined) {
        ctx.stderr(`${ctx.prefix}hash: ${name}: not found\n`);
        status = 1;
        continue;
      }
      table.set(name, { path, hits: 0 });
    }
    return status;
  },
};
