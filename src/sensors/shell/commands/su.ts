// su (util-linux 2.38): root switches to any account with a login shell (system accounts answer
// "This account is currently not available."); others are asked for a password that never matches.
import type { Command } from '../command.js';
import { readSystemFile } from '../system/proc-files.js';
import { runEmulated } from './command-lookup.js';

export const su: Command = {
  name: 'su',
  paths: ['/usr/bin/su', '/bin/su'],
  async run(ctx) {
    let command: string | undefined;
    let target = 'root';
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c' || a === '--command') command = args[++i];
      else if (a.startsWith('--command=')) command = a.slice(10);
      else if (a === '-' || a === '-l' || a === '--login' || a === '-m' || a === '-p') continue;
      else if (a === '-s' || a === '--shell' || a === '-g' || a === '-G') i++;
      else if (a.startsWith('-')) {
        ctx.stderr(`su: invalid option -- '${a.charAt(1)}'\nTry 'su --help' for more information.\n`);
        return 1;
      } else target = a;
    }
    const entry = (readSystemFile('/etc/passwd', ctx) ?? '').split('\n').find((l) => l.split(':')[0] === target);
    if (!entry && target !== ctx.user.name) {
      ctx.stderr(`su: user ${target} does not exist or the user entry does not contain all the required fields\n`);
      return 1;
    }
    if (ctx.user.uid !== 0) {
      if (ctx.tty === null) {
        ctx.stderr('su: must be run from a terminal\n');
        return 1;
      }
      ctx.stderr('Password: \nsu: Authentication failure\n');
      return 1;
    }
    if (entry?.endsWith('/nologin') || entry?.endsWith('/bin/false')) {
      ctx.stdout('This account is currently not available.\n');
      return 1;
    }
    if (command === undefined) return 0;
    // The command string is shell syntax; without the shell here, only a plain `name args` line is run.
    const argv = command.trim().split(/\s+/).filter(Boolean);
    if (/[;&|<>$`(]/.test(command) || argv.length === 0) return 0;
    const r = await runEmulated(ctx, argv);
    if ('missing' in r) {
      ctx.stderr(`bash: line 1: ${argv[0]}: command not found\n`);
      return 127;
    }
    return r.status;
  },
};
