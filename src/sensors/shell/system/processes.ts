// The emulated process table (ps, top, pkill): a Debian 12 VM's daemons and kernel threads plus this
// session's sshd and shell, all derived from the machine model so pids, users and start times agree.
import type { CommandContext } from '../command.js';
import { machineFor, ttyOf, type Machine } from './machine.js';

export interface Proc {
  pid: number;
  ppid: number;
  user: string;
  /** KiB */
  vsz: number;
  rss: number;
  tty: string;
  stat: string;
  startMs: number;
  /** CPU seconds used so far. */
  cpuSeconds: number;
  /** The full command line, as ps aux's COMMAND shows it; kernel threads in brackets. */
  cmd: string;
  /** The short name (comm), as plain ps and top show it. */
  comm: string;
}

type Ctx = Pick<CommandContext, 'os' | 'hostname' | 'user' | 'tty' | 'shellPid' | 'sessionStartMs' | 'args'>;

const DAEMONS: [number, string, number, number, string, string, number][] = [
  // pid, user, vsz, rss, stat, cmd, cpu seconds per day of uptime
  [1, 'root', 167744, 11716, 'Ss', '/sbin/init', 2.1],
  [241, 'root', 48280, 15872, 'Ss', '/lib/systemd/systemd-journald', 1.3],
  [268, 'root', 26056, 6568, 'Ss', '/lib/systemd/systemd-udevd', 0.4],
  [402, 'systemd-timesync', 90084, 6708, 'Ssl', '/lib/systemd/systemd-timesyncd', 0.3],
  [431, 'root', 6608, 2684, 'Ss', '/usr/sbin/cron -f', 0.5],
  [432, 'messagebus', 9120, 4688, 'Ss', '/usr/bin/dbus-daemon --system --address=systemd: --nofork --nopidfile --systemd-activation --syslog-only', 0.2],
  [435, 'root', 25432, 7964, 'Ss', '/lib/systemd/systemd-logind', 0.3],
  [440, 'root', 222220, 5764, 'Ssl', '/usr/sbin/rsyslogd -n -iNONE', 0.6],
  [455, 'root', 5872, 1844, 'Ss+', '/sbin/agetty -o -p -- \\u --noclear - linux', 0],
  [460, 'root', 15432, 9216, 'Ss', 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', 1.8],
  [512, 'root', 11180, 3856, 'Ss', 'dhclient -4 -v -i -pf /run/dhclient.ens3.pid -lf /var/lib/dhcp/dhclient.ens3.leases -I -df /var/lib/dhcp/dhclient6.ens3.leases ens3', 0.1],
];

const KERNEL_THREADS = ['kthreadd', 'rcu_gp', 'rcu_par_gp', 'slub_flushwq', 'netns', 'mm_percpu_wq', 'rcu_tasks_kthread', 'rcu_tasks_rude_kthread', 'rcu_tasks_trace_kthread', 'rcu_preempt'];
const PER_CPU_THREADS = ['ksoftirqd', 'migration', 'cpuhp', 'kworker'];

export function processTable(ctx: Ctx, nowMs = Date.now()): Proc[] {
  const m = machineFor(ctx, nowMs);
  const days = m.uptimeSeconds / 86400;
  const boot = m.bootTimeMs;
  const procs: Proc[] = [];
  const kernel = (pid: number, name: string, stat = 'S'): void => {
    procs.push({ pid, ppid: pid === 2 ? 0 : 2, user: 'root', vsz: 0, rss: 0, tty: '?', stat, startMs: boot, cpuSeconds: 0, cmd: `[${name}]`, comm: name });
  };
  kernel(2, 'kthreadd');
  KERNEL_THREADS.slice(1).forEach((n, i) => kernel(3 + i, n, n === 'rcu_preempt' ? 'I' : 'I<'));
  let pid = 3 + KERNEL_THREADS.length;
  for (let cpu = 0; cpu < m.hw.cpu.cores; cpu++) {
    for (const t of PER_CPU_THREADS) kernel(pid++, t === 'kworker' ? `kworker/${cpu}:0H-events_highpri` : `${t}/${cpu}`, t === 'kworker' ? 'I<' : 'S');
  }
  // Daemons start after the kernel threads, so their pids sit above them; init is always 1.
  for (const [dpid, user, vsz, rss, stat, cmd, perDay] of DAEMONS) {
    const realPid = dpid === 1 ? 1 : dpid + pid;
    const bootDelay = dpid === 1 ? 0 : 1000 + dpid * 7;
    procs.push({ pid: realPid, ppid: dpid === 1 ? 0 : 1, user, vsz, rss, tty: cmd.includes('agetty') ? 'tty1' : '?', stat, startMs: boot + bootDelay, cpuSeconds: perDay * days, cmd, comm: commOf(cmd) });
  }
  const sshdListener = procs.find((p) => p.cmd.startsWith('sshd: /usr/sbin/sshd'))!;
  procs.push(...sessionProcs(ctx, m, sshdListener.pid));
  return procs.sort((a, b) => a.pid - b.pid);
}

function sessionProcs(ctx: Ctx, m: Machine, listenerPid: number): Proc[] {
  const tty = ttyOf(ctx);
  const shellPid = shellPidOf(ctx);
  const start = ctx.sessionStartMs ?? m.nowMs;
  const user = ctx.user.name;
  const sessionTty = tty ?? '?';
  const sshd: Proc = {
    pid: shellPid - 6,
    ppid: listenerPid,
    user: 'root',
    vsz: 17976,
    rss: 11136,
    tty: '?',
    stat: 'Ss',
    startMs: start,
    cpuSeconds: 0,
    cmd: `sshd: ${user}@${tty ?? 'notty'}`,
    comm: 'sshd',
  };
  const shell: Proc = {
    pid: shellPid,
    ppid: sshd.pid,
    user,
    vsz: 7996,
    rss: 4764,
    tty: sessionTty,
    stat: 'Ss',
    startMs: start,
    cpuSeconds: 0,
    cmd: tty ? '-bash' : 'bash',
    comm: 'bash',
  };
  return [sshd, shell];
}

/**
 * The processes of the running pipeline (ps itself, and e.g. the grep it feeds), listed last as on a real
 * system; without pipeline information, just the command itself.
 */
export function pipelineProcs(ctx: Ctx & Pick<CommandContext, 'pipeline'>, name: string, nowMs = Date.now()): Proc[] {
  const tty = ttyOf(ctx) ?? '?';
  const shellPid = shellPidOf(ctx);
  const stages = ctx.pipeline ?? [[name, ...ctx.args]];
  return stages.map((argv, i) => ({
    pid: shellPid + 3 + i,
    ppid: shellPid,
    user: ctx.user.name,
    vsz: 11084 - i * 2100,
    rss: 4412 - i * 1500,
    tty,
    stat: argv[0] === name ? (tty === '?' ? 'R' : 'R+') : tty === '?' ? 'S' : 'S+',
    startMs: nowMs,
    cpuSeconds: 0,
    cmd: argv.join(' '),
    comm: (argv[0] ?? name).slice((argv[0] ?? name).lastIndexOf('/') + 1).slice(0, 15),
  }));
}

/** Without the shell's own pid, one stable stand-in for the whole process, so ps agrees with itself. */
const FALLBACK_SHELL_PID = 2000 + Math.floor(Math.random() * 28000);

function shellPidOf(ctx: Pick<CommandContext, 'shellPid'>): number {
  return ctx.shellPid ?? FALLBACK_SHELL_PID;
}

function commOf(cmd: string): string {
  if (cmd.startsWith('sshd:')) return 'sshd';
  if (cmd === '/sbin/init') return 'systemd';
  const first = cmd.split(' ')[0] ?? cmd;
  return first.slice(first.lastIndexOf('/') + 1).slice(0, 15);
}

/** START / STIME column: HH:MM today, MonDD before. */
export function startColumn(startMs: number, nowMs: number): string {
  const d = new Date(startMs);
  if (nowMs - startMs < 86400_000) return d.toISOString().slice(11, 16);
  return `${d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' })}${String(d.getUTCDate()).padStart(2, '0')}`;
}
