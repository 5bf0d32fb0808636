// alias and unalias: the interactive shell's aliases, listed and quoted as bash prints them.
import type { Builtin } from './types.js';

const quoteAlias = (v: string): string => `'${v.replace(/'/g, "'\\''")}'`;

export const alias: Builtin = {
  name: 'alias',
  run(ctx) {
    const aliases = ctx.shell.aliases;
    const args = ctx.args.filter((a) => a !== '-p');
    if (args.length === 0) {
      for (const n of [...aliases.keys()].sort()) ctx.stdout(`alias ${n}=${quoteAlias(aliases.get(n)!)}\n`);
      return 0;
    }
    let status = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      if (eq > 0) {
        const name = a.slice(0, eq);
        if (/[\s/$`=<>|&;()'"\\]/.test(name)) {
          ctx.stderr(`${ctx.prefix}alias: \`${name}': invalid alias name\n`);
          status = 1;
          continue;
        }
        aliases.set(name, a.slice(eq + 1));
      } else if (aliases.has(a)) ctx.stdout(`alias ${a}=${quoteAlias(aliases.get(a)!)}\n`);
      else {
        ctx.stderr(`${ctx.prefix}alias: ${a}: not found\n`);
        status = 1;
      }
    }
    return status;
  },
};

export const unalias: Builtin = {
  name: 'unalias',
  run(ctx) {
    if (ctx.args.length === 0) {
      ctx.stderr(`unalias: usage: unalias [-a] name [name ...]\n`);
      return 2;
    }
    if (ctx.args[0] === '-a') {
      ctx.shell.aliases.clear();
      return 0;
    }
    let status = 0;
    for (const a of ctx.args) {
      if (!ctx.shell.aliases.delete(a)) {
        ctx.stderr(`${ctx.prefix}unalias: ${a}: not found\n`);
        status = 1;
      }
    }
    return status;
  },
};


