// users (coreutils 9.1): the logged-in user names from utmp; an SSH exec request adds no entry.
import type { Command } from '../command.js';
import { ttyOf } from '../system/machine.js';

export const users: Command = {
  name: 'users',
  paths: ['/usr/bin/users', '/bin/users'],
  run(ctx) {
    const bad = ctx.args.find((a) => a.startsWith('-'));
    if (bad !== undefined && bad !== '--') {
      ctx.stderr(bad.startsWith('--') ? `users: unrecognized option '${bad}'\nTry 'users --help' for more information.\n` : `users: invalid option -- '${bad.charAt(1)}'\nTry 'users --help' for more information.\n`);
      return 1;
    }
    if (ttyOf(ctx)) ctx.stdout(`${ctx.user.name}\n`);
    return 0;
  },
};
