// uptime: procps' one line (time, up, users, load average), or -p "up 3 weeks, ..." and -s the boot time.
import type { Command } from '../command.js';
import { machineFor, ttyOf, uptimeLine } from '../system/machine.js';

export const uptime: Command = {
  name: 'uptime',
  paths: ['/usr/bin/uptime', '/bin/uptime'],
  run(ctx) {
    const m = machineFor(ctx);
    const a = ctx.args[0];
    if (a === '-s' || a === '--since') {
      ctx.stdout(new Date(Math.floor(m.bootTimeMs / 1000) * 1000).toISOString().replace('T', ' ').slice(0, 19) + '\n');
      return 0;
    }
    if (a === '-p' || a === '--pretty') {
      ctx.stdout(prettyUptime(m.uptimeSeconds) + '\n');
      return 0;
    }
    if (a !== undefined) {
      ctx.stderr(`uptime: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'\n\nUsage:\n uptime [options]\n`);
      return 1;
    }
    ctx.stdout(uptimeLine(m, ttyOf(ctx) ? 1 : 0) + '\n');
    return 0;
  },
};

function prettyUptime(sec: number): string {
  const parts: string[] = [];
  const weeks = Math.floor(sec / 604800);
  const days = Math.floor((sec % 604800) / 86400);
  const hours = Math.floor((sec % 86400) / 3600);
  const mins = Math.floor((sec % 3600) / 60);
  const add = (n: number, unit: string): void => {
    if (n) parts.push(`${n} ${unit}${n === 1 ? '' : 's'}`);
  };
  add(weeks, 'week');
  add(days, 'day');
  add(hours, 'hour');
  add(mins, 'minute');
  return 'up ' + (parts.join(', ') || '0 minutes');
}
