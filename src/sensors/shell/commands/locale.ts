// locale (glibc 2.36): the categories from LANG/LC_ALL as a Debian server sets them (C.UTF-8), -a lists
// the locales a stock image has.
import type { Command } from '../command.js';

const CATEGORIES = ['LC_CTYPE', 'LC_NUMERIC', 'LC_TIME', 'LC_COLLATE', 'LC_MONETARY', 'LC_MESSAGES', 'LC_PAPER', 'LC_NAME', 'LC_ADDRESS', 'LC_TELEPHONE', 'LC_MEASUREMENT', 'LC_IDENTIFICATION'];

export const locale: Command = {
  name: 'locale',
  paths: ['/usr/bin/locale'],
  run(ctx) {
    if (ctx.args.includes('-a') || ctx.args.includes('--all-locales')) {
      ctx.stdout('C\nC.utf8\nPOSIX\n');
      return 0;
    }
    if (ctx.args.includes('-m') || ctx.args.includes('--charmaps')) {
      ctx.stdout('ANSI_X3.4-1968\nISO-8859-1\nUTF-8\n');
      return 0;
    }
    const lang = ctx.env.get('LANG') ?? 'C.UTF-8';
    const all = ctx.env.get('LC_ALL') ?? '';
    let out = `LANG=${lang}\nLANGUAGE=${ctx.env.get('LANGUAGE') ?? ''}\n`;
    for (const c of CATEGORIES) out += ctx.env.get(c) ? `${c}=${ctx.env.get(c)}\n` : `${c}="${all || lang || 'POSIX'}"\n`;
    ctx.stdout(`${out}LC_ALL=${all}\n`);
    return 0;
  },
};
