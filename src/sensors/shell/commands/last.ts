// last (util-linux 2.38): wtmp since the boot: this session (still logged in) and the boot record.
import type { Command } from '../command.js';
import { machineFor, ttyOf } from '../system/machine.js';

function wtmpDate(ms: number, seconds = false): string {
  const d = new Date(ms);
  const wd = d.toLocaleString('en-US', { weekday: 'short', timeZone: 'UTC' });
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const time = d.toISOString().slice(11, seconds ? 19 : 16);
  return `${wd} ${mon} ${String(d.getUTCDate()).padStart(2)} ${time}${seconds ? ' ' + d.getUTCFullYear() : ''}`;
}

export const last: Command = {
  name: 'last',
  paths: ['/usr/bin/last', '/bin/last'],
  run(ctx) {
    const m = machineFor(ctx);
    const tty = ttyOf(ctx);
    const who = ctx.args.filter((a, i) => !a.startsWith('-') && !/^-n$/.test(ctx.args[i - 1] ?? '') && !/^\d+$/.test(a));
    let out = '';
    const from = ctx.remoteAddress ?? ctx.env.get('SSH_CLIENT')?.split(' ')[0] ?? '';
    if (tty && (who.length === 0 || who.includes(ctx.user.name))) out += `${ctx.user.name.padEnd(8)} ${tty.padEnd(12)} ${from.padEnd(16)} ${wtmpDate(ctx.sessionStartMs ?? m.nowMs)}   still logged in\n`;
    if (who.length === 0 || who.includes('reboot')) out += `reboot   system boot  ${m.os.kernel_release.padEnd(16)} ${wtmpDate(m.bootTimeMs)}   still running\n`;
    ctx.stdout(`${out}\nwtmp begins ${wtmpDate(m.bootTimeMs, true)}\n`);
    return 0;
  },
};
