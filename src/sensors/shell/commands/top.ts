// top: one batch frame (-b, or any top on a terminal: the frame a real top would paint first). Without a
// terminal and without -b, procps top fails to read the tty settings and says so, as it does over `ssh host top`.
import type { Command } from '../command.js';
import { machineFor, ttyOf, uptimeLine } from '../system/machine.js';
import { pipelineProcs, processTable } from '../system/processes.js';

export const top: Command = {
  name: 'top',
  paths: ['/usr/bin/top', '/bin/top'],
  run(ctx) {
    const batch = ctx.args.some((a) => /^-[a-zA-Z]*b/.test(a));
    const tty = ttyOf(ctx);
    if (!batch && !tty) {
      ctx.stderr('top: failed tty get\n');
      return 1;
    }
    const now = Date.now();
    const m = machineFor(ctx, now);
    const procs = [...processTable(ctx, now), ...pipelineProcs(ctx, 'top', now)];
    const mem = m.memory;
    const mib = (kb: number): string => (kb / 1024).toFixed(1).padStart(8);
    const buffCache = mem.buffers + mem.cached + mem.sReclaimable;
    const used = mem.total - mem.free - buffCache;
    let out = uptimeLine(m, tty ? 1 : 0).replace(/^ /, 'top - ') + '\n';
    out += `Tasks: ${String(procs.length).padStart(3)} total,   1 running, ${String(procs.length - 1).padStart(3)} sleeping,   0 stopped,   0 zombie\n`;
    out += '%Cpu(s):  0.0 us,  1.6 sy,  0.0 ni, 98.4 id,  0.0 wa,  0.0 hi,  0.0 si,  0.0 st \n';
    out += `MiB Mem : ${mib(mem.total)} total, ${mib(mem.free)} free, ${mib(used)} used, ${mib(buffCache)} buff/cache     \n`;
    out += `MiB Swap: ${mib(mem.swapTotal)} total, ${mib(mem.swapFree)} free, ${mib(mem.swapTotal - mem.swapFree)} used. ${mib(mem.available)} avail Mem \n\n`;
    out += '    PID USER      PR  NI    VIRT    RES    SHR S  %CPU  %MEM     TIME+ COMMAND\n';
    const sorted = [...procs].sort((a, b) => (a.comm === 'top' ? -1 : b.comm === 'top' ? 1 : a.pid - b.pid));
    for (const p of sorted) {
      const t = p.cpuSeconds;
      const time = `${Math.floor(t / 60)}:${(t % 60).toFixed(2).padStart(5, '0')}`;
      const user = p.user.length > 8 ? p.user.slice(0, 7) + '+' : p.user;
      const kernel = p.cmd.startsWith('[');
      out += `${String(p.pid).padStart(7)} ${user.padEnd(8)}  ${kernel && p.stat.includes('<') ? '  0' : ' 20'} ${kernel && p.stat.includes('<') ? '-20' : '  0'} ${String(p.vsz).padStart(7)} ${String(p.rss).padStart(6)} ${String(Math.floor(p.rss * 0.7)).padStart(6)} ${p.stat.charAt(0)} ${(p.comm === 'top' ? 6.2 : 0).toFixed(1).padStart(5)} ${((p.rss / mem.total) * 100).toFixed(1).padStart(5)} ${time.padStart(9)} ${p.comm}\n`;
    }
    ctx.stdout(out);
    return 0;
  },
};
