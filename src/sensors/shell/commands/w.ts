// w: procps' header line and one row per logged-in terminal; an SSH exec request has no terminal, hence no row.
import type { Command } from '../command.js';
import { clock, machineFor, ttyOf, uptimeLine } from '../system/machine.js';

export const w: Command = {
  name: 'w',
  paths: ['/usr/bin/w', '/bin/w'],
  run(ctx) {
    const m = machineFor(ctx);
    const tty = ttyOf(ctx);
    const short = ctx.args.some((a) => /^-[a-z]*s/.test(a));
    const noHeader = ctx.args.some((a) => /^-[a-z]*h/.test(a));
    let out = '';
    if (!noHeader) {
      out += uptimeLine(m, tty ? 1 : 0) + '\n';
      out += short ? 'USER     TTY      FROM              IDLE WHAT\n' : 'USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT\n';
    }
    if (tty) {
      const from = (ctx.remoteAddress ?? ctx.env.get('SSH_CLIENT')?.split(' ')[0] ?? '-').slice(0, 16).padEnd(16);
      const login = clock(ctx.sessionStartMs ?? m.nowMs).slice(0, 5);
      const what = ['w', ...ctx.args].join(' ');
      out += short
        ? `${ctx.user.name.slice(0, 8).padEnd(8)} ${tty.padEnd(8)} ${from}  0.00s ${what}\n`
        : `${ctx.user.name.slice(0, 8).padEnd(8)} ${tty.padEnd(8)} ${from} ${login}    0.00s  0.02s  0.00s ${what}\n`;
    }
    ctx.stdout(out);
    return 0;
  },
};
