// Where a session's recording lives: <data_dir>/casts/<yyyy>/<mm>/<dd>/<session>.cast (UTC date of the start),
// so the replay command finds a cast from the session id alone, without the store.
import { existsSync, readdirSync } from 'node:fs';
import { join, posix } from 'node:path';

export const CASTS_DIR = 'casts';

/** Session ids as SessionScope makes them (12 hex characters, as Cowrie's). */
export const SESSION_ID = /^[0-9a-f]{12}$/;

const p2 = (n: number): string => String(n).padStart(2, '0');

/** The cast's path relative to the data directory, with forward slashes (the `ttylog` of log.closed). */
export function castRelativePath(sessionId: string, startedAtMs: number): string {
  const d = new Date(startedAtMs);
  return posix.join(CASTS_DIR, String(d.getUTCFullYear()), p2(d.getUTCMonth() + 1), p2(d.getUTCDate()), `${sessionId}.cast`);
}

const digits = (n: number) => (name: string): boolean => name.length === n && /^\d+$/.test(name);

function subdirs(dir: string, keep: (name: string) => boolean): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && keep(e.name))
      .map((e) => e.name)
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

/** The absolute path of a session's cast, newest day first; undefined when there is none (or the id is malformed). */
export function findCast(dataDir: string, sessionId: string): string | undefined {
  if (!SESSION_ID.test(sessionId)) return undefined;
  const root = join(dataDir, CASTS_DIR);
  for (const y of subdirs(root, digits(4))) {
    for (const m of subdirs(join(root, y), digits(2))) {
      for (const d of subdirs(join(root, y, m), digits(2))) {
        const path = join(root, y, m, d, `${sessionId}.cast`);
        if (existsSync(path)) return path;
      }
    }
  }
  return undefined;
}
