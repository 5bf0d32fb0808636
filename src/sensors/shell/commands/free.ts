// free: procps-ng 4 (Debian 12) columns, from the machine model so it agrees with /proc/meminfo and top.
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';
import { procpsHuman } from '../system/format.js';

export const free: Command = {
  name: 'free',
  paths: ['/usr/bin/free', '/bin/free'],
  run(ctx) {
    let scale: (kib: number) => string = (k) => String(k);
    let total = false;
    let wide = false;
    for (const a of ctx.args) {
      if (a === '-b' || a === '--bytes') scale = (k) => String(k * 1024);
      else if (a === '-k' || a === '--kibi') scale = (k) => String(k);
      else if (a === '-m' || a === '--mebi') scale = (k) => String(Math.floor(k / 1024));
      else if (a === '-g' || a === '--gibi') scale = (k) => String(Math.floor(k / 1048576));
      else if (a === '-h' || a === '--human') scale = procpsHuman;
      else if (a === '-t' || a === '--total') total = true;
      else if (a === '-w' || a === '--wide') wide = true;
      else if (a === '-l' || a === '--lohi' || a === '-v') continue;
      else {
        ctx.stderr(`free: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'\n\nUsage:\n free [options]\n`);
        return 1;
      }
    }
    const mem = machineFor(ctx).memory;
    const buffCache = mem.buffers + mem.cached + mem.sReclaimable;
    const used = mem.total - mem.available;
    const col = (v: number): string => scale(v).padStart(11);
    const head = wide
      ? '               total        used        free      shared     buffers       cache   available\n'
      : '               total        used        free      shared  buff/cache   available\n';
    let out = head;
    const memCols = wide ? [mem.total, used, mem.free, mem.shmem, mem.buffers, mem.cached + mem.sReclaimable, mem.available] : [mem.total, used, mem.free, mem.shmem, buffCache, mem.available];
    out += 'Mem:    ' + memCols.map((v) => ' ' + col(v)).join('') + '\n';
    const swapUsed = mem.swapTotal - mem.swapFree;
    out += 'Swap:   ' + [mem.swapTotal, swapUsed, mem.swapFree].map((v) => ' ' + col(v)).join('') + '\n';
    if (total) out += 'Total:  ' + [mem.total + mem.swapTotal, used + swapUsed, mem.free + mem.swapFree].map((v) => ' ' + col(v)).join('') + '\n';
    ctx.stdout(out);
    return 0;
  },
};
