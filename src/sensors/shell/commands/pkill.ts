// pkill: matches the emulated process table by name (or full command line with -f); status 1 when nothing matched.
import type { Command } from '../command.js';
import { processTable } from '../system/processes.js';
import { toJsRegex, userRegExp } from './regex.js';

export const pkill: Command = {
  name: 'pkill',
  paths: ['/usr/bin/pkill', '/bin/pkill'],
  run(ctx) {
    let full = false;
    let pattern: string | undefined;
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-f' || a === '--full') full = true;
      else if (/^-(\d+|[A-Z]+|SIG[A-Z]+)$/.test(a) || a === '-e' || a === '-x') continue;
      else if (a === '-u' || a === '-U' || a === '-s' || a === '-P' || a === '--signal') i++;
      else if (pattern === undefined) pattern = a;
    }
    if (pattern === undefined) {
      ctx.stderr("pkill: no matching criteria specified\nTry `pkill --help' for more information.\n");
      return 2;
    }
    let re: RegExp;
    try {
      re = userRegExp(toJsRegex(pattern, 'extended'));
    } catch {
      ctx.stderr(`pkill: cannot compile regular expression '${pattern}'\n`);
      return 2;
    }
    // Any process the user may signal counts as matched; nothing is really signalled.
    const hit = processTable(ctx).some((p) => !p.cmd.startsWith('[') && (ctx.user.uid === 0 || p.user === ctx.user.name) && re.test(full ? p.cmd : p.comm));
    return hit ? 0 : 1;
  },
};
