// crontab: the user has none; -l says so as Debian's cron does, -r likewise; installing one is accepted silently.
import type { Command } from '../command.js';

export const crontab: Command = {
  name: 'crontab',
  paths: ['/usr/bin/crontab'],
  run(ctx) {
    const user = (() => {
      const i = ctx.args.indexOf('-u');
      return i >= 0 ? (ctx.args[i + 1] ?? ctx.user.name) : ctx.user.name;
    })();
    if (ctx.args.includes('-l') || ctx.args.includes('-r')) {
      ctx.stderr(`no crontab for ${user}\n`);
      return 1;
    }
    if (ctx.args.includes('-e')) {
      ctx.stderr(`no crontab for ${user} - using an empty one\ncrontab: no changes made to crontab\n`);
      return 0;
    }
    // `crontab file` or `... | crontab -` installs silently.
    return 0;
  },
};
