// lastlog (shadow 4.13): every account of /etc/passwd with its last login; only the session user has one.
import type { Command } from '../command.js';
import { machineFor, ttyOf } from '../system/machine.js';
import { readSystemFile } from '../system/proc-files.js';

export const lastlog: Command = {
  name: 'lastlog',
  paths: ['/usr/bin/lastlog'],
  run(ctx) {
    const m = machineFor(ctx);
    const names = (readSystemFile('/etc/passwd', ctx) ?? '').split('\n').filter(Boolean).map((l) => l.split(':')[0]!);
    const u = ctx.args.indexOf('-u');
    const only = u >= 0 ? ctx.args[u + 1] : undefined;
    if (only !== undefined && !names.includes(only)) {
      ctx.stderr(`lastlog: Unknown user or range: ${only}\n`);
      return 1;
    }
    const d = new Date(ctx.sessionStartMs ?? m.nowMs);
    const stamp = `${d.toLocaleString('en-US', { weekday: 'short', timeZone: 'UTC' })} ${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })} ${String(d.getUTCDate()).padStart(2)} ${d.toISOString().slice(11, 19)} +0000 ${d.getUTCFullYear()}`;
    const from = ctx.remoteAddress ?? '';
    let out = 'Username         Port     From                                       Latest\n';
    for (const n of only === undefined ? names : [only]) {
      const tty = ttyOf(ctx);
      if (n === ctx.user.name && tty) out += `${n.padEnd(16)} ${tty.padEnd(8)} ${from.padEnd(42)} ${stamp}\n`;
      else out += `${n.padEnd(16)} ${''.padEnd(51)}**Never logged in**\n`;
    }
    ctx.stdout(out);
    return 0;
  },
};
