// One model of the emulated machine, built from the persona, from which every command and /proc file
// derives its figures: nproc, cpuinfo, lscpu, free, meminfo, top, ps, w and uptime always agree.
import type { HardwarePersona, OsPersona } from '../../../schema/persona.js';
import type { CommandContext } from '../command.js';
import { DEFAULT_HARDWARE } from './defaults.js';

/** When this process started: the machine "booted" uptime_base_seconds before it, for every session alike. */
const PROCESS_START_MS = Date.now();

export interface Memory {
  /** All figures in KiB, as /proc/meminfo gives them. */
  total: number;
  free: number;
  available: number;
  buffers: number;
  cached: number;
  sReclaimable: number;
  shmem: number;
  swapTotal: number;
  swapFree: number;
}

export interface Machine {
  hw: HardwarePersona;
  os: OsPersona;
  hostname: string;
  memory: Memory;
  /** Milliseconds since the epoch. */
  bootTimeMs: number;
  nowMs: number;
  uptimeSeconds: number;
  load: readonly [number, number, number];
}

export function machineFor(ctx: Pick<CommandContext, 'os' | 'hostname'>, nowMs = Date.now()): Machine {
  const hw = ctx.os.hardware ?? DEFAULT_HARDWARE;
  const bootTimeMs = PROCESS_START_MS - hw.uptime_base_seconds * 1000;
  return {
    hw,
    os: ctx.os,
    hostname: ctx.hostname,
    memory: memoryOf(hw),
    bootTimeMs,
    nowMs,
    uptimeSeconds: Math.max(0, (nowMs - bootTimeMs) / 1000),
    load: hw.load_average,
  };
}

/** Splits the total so that used = total - available, as procps-ng 4 computes it. */
function memoryOf(hw: HardwarePersona): Memory {
  const total = hw.memory_kb;
  const used = Math.round(total * hw.memory_used_ratio);
  const buffers = Math.round(total * 0.0118);
  const cached = Math.round(total * 0.0712);
  const sReclaimable = Math.round(total * 0.0071);
  const available = total - used;
  return {
    total,
    free: Math.max(0, available - buffers - cached - sReclaimable),
    available,
    buffers,
    cached,
    sReclaimable,
    shmem: Math.round(total * 0.0009),
    swapTotal: hw.swap_kb,
    swapFree: hw.swap_kb,
  };
}

/** procps' "up 21 days,  8:02" / "up 5 min" text. */
export function uptimeText(seconds: number): string {
  const days = Math.floor(seconds / 86400);
  const hours = Math.floor((seconds % 86400) / 3600);
  const mins = Math.floor((seconds % 3600) / 60);
  let s = 'up ';
  if (days > 0) s += `${days} day${days === 1 ? '' : 's'}, `;
  if (hours > 0) s += `${String(hours).padStart(2, ' ')}:${String(mins).padStart(2, '0')}`;
  else s += `${mins} min`;
  return s;
}

/** The first line of w, uptime and top: " 19:20:01 up 21 days,  8:02,  1 user,  load average: 0.08, 0.03, 0.01". */
export function uptimeLine(m: Machine, users: number): string {
  const load = m.load.map((l) => l.toFixed(2)).join(', ');
  return ` ${clock(m.nowMs)} ${uptimeText(m.uptimeSeconds)},  ${users} user${users === 1 ? '' : 's'},  load average: ${load}`;
}

/** HH:MM:SS in the machine's zone; a Debian server image keeps UTC. */
export function clock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 19);
}

/** The controlling terminal a command sees; `null` means none (an SSH exec request). */
export function ttyOf(ctx: Pick<CommandContext, 'tty'>): string | null {
  return ctx.tty === undefined ? 'pts/0' : ctx.tty;
}
