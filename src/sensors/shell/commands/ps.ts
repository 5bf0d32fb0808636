// ps: the emulated process table in procps' three common layouts: BSD `aux`, SysV `-ef`, and plain.
import type { Command, CommandContext } from '../command.js';
import { machineFor } from '../system/machine.js';
import { pipelineProcs, processTable, startColumn, type Proc } from '../system/processes.js';

export const ps: Command = {
  name: 'ps',
  paths: ['/usr/bin/ps', '/bin/ps'],
  run(ctx) {
    const joined = ctx.args.join(' ');
    const bsd = ctx.args.some((a) => /^[a-zA-Z]+$/.test(a) && /[aux]/.test(a));
    const full = ctx.args.some((a) => /^-[a-zA-Z]*[ef]/.test(a) || /^-[a-zA-Z]*A/.test(a));
    const bad = ctx.args.find((a) => !/^-?[a-zA-Z]+$/.test(a) && !/^--/.test(a));
    if (bad !== undefined && !joined.includes('-p') && !joined.includes('-o')) {
      ctx.stderr(`error: unsupported SysV option\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
      return 1;
    }
    const now = Date.now();
    const procs = [...processTable(ctx, now), ...pipelineProcs(ctx, 'ps', now)];
    if (bsd) ctx.stdout(aux(ctx, procs, now));
    else if (full) ctx.stdout(ef(procs, now));
    else ctx.stdout(plain(ctx, procs));
    return 0;
  },
};

function cpuTime(sec: number, long: boolean): string {
  const s = Math.floor(sec);
  if (long) return `${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function aux(ctx: CommandContext, procs: Proc[], now: number): string {
  const total = machineFor(ctx, now).memory.total;
  let out = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
  for (const p of procs) {
    const age = Math.max(1, (now - p.startMs) / 1000);
    const cpu = Math.min(99.9, (p.cpuSeconds / age) * 100);
    const user = p.user.length > 8 ? p.user.slice(0, 7) + '+' : p.user;
    out += `${user.padEnd(8)} ${String(p.pid).padStart(7)} ${cpu.toFixed(1).padStart(4)} ${((p.rss / total) * 100).toFixed(1).padStart(4)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${p.tty.padEnd(8)} ${p.stat.padEnd(4)} ${startColumn(p.startMs, now).padStart(5)} ${cpuTime(p.cpuSeconds, false).padStart(6)} ${p.cmd}\n`;
  }
  return out;
}

function ef(procs: Proc[], now: number): string {
  let out = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
  for (const p of procs) {
    const user = p.user.length > 8 ? p.user.slice(0, 7) + '+' : p.user;
    out += `${user.padEnd(8)} ${String(p.pid).padStart(7)} ${String(p.ppid).padStart(7)}  0 ${startColumn(p.startMs, now).padStart(5)} ${p.tty.padEnd(8)} ${cpuTime(p.cpuSeconds, true)} ${p.cmd}\n`;
  }
  return out;
}

/** Plain ps: this terminal's processes (the shell and the pipeline ps runs in). */
function plain(ctx: CommandContext, procs: Proc[]): string {
  const shell = procs.find((p) => p.comm === 'bash' && p.user === ctx.user.name);
  const mine = procs.filter((p) => p === shell || (shell !== undefined && p.ppid === shell.pid));
  return '    PID TTY          TIME CMD\n' + mine.map((p) => `${String(p.pid).padStart(7)} ${p.tty.padEnd(8)} ${cpuTime(p.cpuSeconds, true)} ${p.comm}\n`).join('');
}
