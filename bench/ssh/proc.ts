// Reads a server's CPU time and memory from /proc, for one process or a whole process tree (sshd forks per
// connection), so CPU per session and memory per held session come from the kernel, not from the server itself.
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg, cpus } from 'node:os';

/** USER_HZ is 100 on every Linux this bench runs on (sysconf(_SC_CLK_TCK)). */
const TICK_MS = 10;

interface Stat {
  ppid: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
}

function readStat(pid: number): Stat | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // The command name (field 2) may hold spaces and parentheses: split after its last ')'.
  const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const n = (i: number): number => Number(f[i - 3]);
  return { ppid: n(4), utime: n(14), stime: n(15), cutime: n(16), cstime: n(17) };
}

/** CPU milliseconds a process has used (utime+stime, all its threads). */
export function cpuMs(pid: number): number {
  const s = readStat(pid);
  return s ? (s.utime + s.stime) * TICK_MS : 0;
}

/** CPU milliseconds of a process's main thread alone (its JavaScript); the rest is worker and pool threads. */
export function mainThreadCpuMs(pid: number): number {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** The kernel's share (stime) of a process's CPU milliseconds: syscalls, and on loopback much of TCP itself. */
export function sysMs(pid: number): number {
  const s = readStat(pid);
  return s ? s.stime * TICK_MS : 0;
}

/** Every live process whose ancestry reaches `root`, root included. */
export function processTree(root: number): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const s = readStat(pid);
    if (s) parent.set(pid, s.ppid);
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    for (let p: number | undefined = pid, hops = 0; p !== undefined && p > 1 && hops < 64; p = parent.get(p), hops++) {
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

/**
 * CPU milliseconds a process tree has used: the live processes' own time plus, through the root's cutime/cstime,
 * that of every descendant already reaped (sshd's per-connection processes are waited for by their parents).
 */
export function treeCpuMs(root: number, only: 'all' | 'sys' = 'all'): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    const s = readStat(pid);
    if (!s) continue;
    ticks += only === 'sys' ? s.stime : s.utime + s.stime;
    if (pid === root) ticks += only === 'sys' ? s.cstime : s.cutime + s.cstime;
  }
  return ticks * TICK_MS;
}

function statusKiB(pid: number, field: string): number {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** Resident set size of one process, in KiB. */
export function rssKiB(pid: number): number {
  return statusKiB(pid, 'VmRSS');
}

/** Memory of a process tree in KiB: RSS summed (counts shared pages once per process) and PSS (shares them out). */
export function treeMemKiB(root: number): { rss: number; pss: number; processes: number } {
  let rss = 0;
  let pss = 0;
  const pids = processTree(root);
  for (const pid of pids) {
    rss += rssKiB(pid);
    try {
      const m = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      pss += m ? Number(m[1]) : 0;
    } catch {
      // Gone between listing and reading.
    }
  }
  return { rss, pss, processes: pids.length };
}

export function loadAverage(): string {
  return `${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${cpus().length} CPUs`;
}
