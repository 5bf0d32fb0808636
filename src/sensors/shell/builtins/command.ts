// command: `command -v name` / `-V` say what a name runs (as bots probe for wget, curl, python); `command name`
// runs it, skipping shell functions.
import type { Builtin } from './types.js';

export const command: Builtin = {
    name: 'command',
    async run(ctx) {
      const args = [...ctx.args];
      let mode: '' | 'v' | 'V' = '';
      while (args[0]?.startsWith('-') && args[0] !== '-') {
        const a = args.shift()!;
        if (a === '--') break;
        for (const f of a.slice(1)) {
          if (f === 'v') mode = 'v';
          else if (f === 'V') mode = 'V';
          else if (f !== 'p') {
            ctx.stderr(`${ctx.prefix}command: -${f}: invalid option\ncommand: usage: command [-pVv] command [arg ...]\n`);
            return 2;
          }
        }
      }
      if (args.length === 0) return 0;
      if (mode === '') return ctx.shell.runCommand(args, ctx);
      let found = false;
      for (const name of args) {
        const kind = ctx.shell.kindOf(name);
        if (kind === undefined) {
          if (mode === 'V') ctx.stderr(`${ctx.prefix}command: ${name}: not found\n`);
          continue;
        }
        found = true;
        {
        }
        if (mode === 'v') {
          if (kind === 'alias') ctx.stdout(`alias ${name}='${(ctx.shell.aliases.get(name) ?? '').replace(/'/g, "'\\''")}'\n`);
          else if (kind === 'file') ctx.stdout(`${ctx.shell.pathOf(name) ?? name}\n`);
          else ctx.stdout(`${name}\n`);
        } else {
          const text = { alias: `${name} is aliased to \`${ctx.shell.aliases.get(name) ?? ''}'`, keyword: `${name} is a shell keyword`, function: `${name} is a function`, builtin: `${name} is a shell builtin`, file: `${name} is ${ctx.shell.pathOf(name) ?? name}` }[kind];
          ctx.stdout(`${text}\n`);
        }
      }
      // bash answers 0 when any name was found.
      return found ? 0 : 1;
    },
};
