// which (debianutils): the first PATH directory holding the command; nothing and status 1 when none does.
import type { Command } from '../command.js';

export function makeWhich(binaries: () => ReadonlySet<string>): Command {
  return {
    name: 'which',
    paths: ['/usr/bin/which', '/bin/which'],
    run(ctx) {
      const all = ctx.args.includes('-a');
      const names = ctx.args.filter((a) => !a.startsWith('-'));
      const dirs = (ctx.env.get('PATH') ?? '/usr/local/bin:/usr/bin:/bin').split(':').filter(Boolean);
      const known = binaries();
      let status = names.length ? 0 : 1;
      for (const n of names) {
        const hits = n.includes('/') ? (known.has(n) ? [n] : []) : dirs.map((d) => `${d}/${n}`).filter((p) => known.has(p.replace(/^\/(bin|sbin)\//, '/usr/$1/')));
        if (hits.length === 0) status = 1;
        for (const h of all ? hits : hits.slice(0, 1)) ctx.stdout(h + '\n');
      }
      return status;
    },
  };
}
