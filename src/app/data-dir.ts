// The data directory: created on first start, owner-only (0700), since it holds host keys and attacker data.
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PhantomError } from '../core/errors.js';

/** Create `dir` (and logs/, keys/) if missing and make sure no one but the owner can read it. */
export function prepareDataDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const mode = statSync(dir).mode & 0o777;
    // Tighten a directory created by hand with a loose umask: host keys must not be world-readable.
    if ((mode & 0o077) !== 0) chmodSync(dir, 0o700);
    for (const sub of ['logs', 'keys']) mkdirSync(join(dir, sub), { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new PhantomError('PN_ERR_DATA_DIR', `data directory ${dir}: ${(e as Error).message}`, { cause: e });
  }
}
