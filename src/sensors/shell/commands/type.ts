// type: bash's builtin; names the shell's builtins, keywords and the path of emulated commands.
import type { Command } from '../command.js';

const BUILTINS = new Set(['cd', 'echo', 'export', 'exit', 'unset', 'source', '.', ':', 'printf', 'pwd', 'kill', 'history', 'type', 'true', 'false', 'read', 'set', 'alias', 'ulimit', 'umask', 'wait', 'eval', 'exec', 'test', '[', 'local', 'readonly', 'logout']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'for', 'while', 'until', 'do', 'done', 'case', 'esac', 'function', '{', '}', '!', '[[', ']]', 'in', 'time']);

export function makeType(binaries: () => ReadonlySet<string>): Command {
  return {
    name: 'type',
    paths: [],
    run(ctx) {
      let status = 0;
      const dirs = (ctx.env.get('PATH') ?? '/usr/bin:/bin').split(':');
      for (const n of ctx.args.filter((a) => !a.startsWith('-'))) {
        if (KEYWORDS.has(n)) ctx.stdout(`${n} is a shell keyword\n`);
        else if (BUILTINS.has(n)) ctx.stdout(`${n} is a shell builtin\n`);
        else {
          const hit = dirs.map((d) => `${d}/${n}`).find((p) => binaries().has(p.replace(/^\/(bin|sbin)\//, '/usr/$1/')));
          if (hit) ctx.stdout(`${n} is ${hit}\n`);
          else {
            ctx.stderr(`${ctx.builtinErrorPrefix ?? 'bash: line 1: '}type: ${n}: not found\n`);
            status = 1;
          }
        }
      }
      return status;
    },
  };
}
