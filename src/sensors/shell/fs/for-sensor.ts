// Builds a sensor's file system registry (or a private one for a shell without a sensor, as in unit tests),
// listing the binaries of the command table the sensor's shells run.
import type { Logger } from '../../../core/logger.js';
import type { OsPersona } from '../../../schema/persona.js';
import type { Command } from '../command.js';
import { FsRegistry, type FsLimits } from './registry.js';
import type { FsUser, ShellFs } from './types.js';

export interface SensorFsOptions {
  /** Absent: layers live in memory only. */
  dataDir?: string;
  /** The sensor's name: its layers go to <dataDir>/fs/<name>/. */
  sensorName: string;
  os: OsPersona;
  hostname: string;
  /** The command table the sensor's shells run: each command's binary appears in the tree. */
  commands: ReadonlyMap<string, Command>;
  limits: FsLimits;
  logger?: Logger;
}

/** The /usr paths of every command in a table, as Debian 12's merged /usr has them. */
export function binariesOf(table: ReadonlyMap<string, Command>): Set<string> {
  const out = new Set<string>();
  for (const c of new Set(table.values())) for (const p of c.paths) out.add(p.replace(/^\/(bin|sbin)\//, '/usr/$1/'));
  return out;
}

export function sensorFs(o: SensorFsOptions): FsRegistry {
  return new FsRegistry({
    ...(o.dataDir !== undefined ? { dataDir: o.dataDir } : {}),
    subdir: o.sensorName,
    os: o.os,
    hostname: o.hostname,
    limits: o.limits,
    binaries: () => binariesOf(o.commands),
    ...(o.logger ? { logger: o.logger } : {}),
  });
}

/** The configuration defaults, for shells built without a sensor. */
export const DEFAULT_FS_LIMITS: FsLimits = { max_bytes_per_source: 16 * 1024 * 1024, max_entries_per_source: 4096, max_sources_in_memory: 512 };

/** A private, memory-only file system for a shell built outside a sensor (unit tests, tools). */
export function scratchFs(os: OsPersona, hostname: string, user: FsUser, commands: ReadonlyMap<string, Command> = new Map()): ShellFs {
  const reg = sensorFs({ sensorName: 'scratch', os, hostname, limits: DEFAULT_FS_LIMITS, commands });
  return reg.session('127.0.0.1', { uid: user.uid, gid: user.uid === 0 ? 0 : user.uid }, user);
}
