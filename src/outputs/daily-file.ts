// An append-only log file that optionally rolls over at UTC midnight, named as Cowrie's DailyLogFile
// names it (<path>.YYYY-MM-DD), so existing log shippers and globs keep working.
import { mkdir, open, rename, stat, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { systemClock, type Clock } from '../core/clock.js';
import { PhantomError } from '../core/errors.js';

export type Rotation = 'daily' | 'none';

export interface DailyFileOptions {
  path: string;
  rotate: Rotation;
  clock?: Clock;
  /** Told the name a finished day's file was given. */
  onRotate?: (rotatedTo: string) => void;
}

/** The UTC calendar day of an epoch-ms instant, as YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

const isMissing = (e: unknown): boolean => (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';

export class DailyFile {
  readonly path: string;
  private readonly rotate: Rotation;
  private readonly clock: Clock;
  private readonly onRotate: ((rotatedTo: string) => void) | undefined;
  private handle: FileHandle | null = null;
  /** The UTC day the current file's contents belong to; it names the file when it is rolled over. */
  private day: string | null = null;
  /** Appends run strictly one after another, so a rotation never interleaves with a write. */
  private tail: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(opts: DailyFileOptions) {
    this.path = opts.path;
    this.rotate = opts.rotate;
    this.clock = opts.clock ?? systemClock;
    this.onRotate = opts.onRotate;
  }

  /** Append `data` with one write. A failure rejects with PN_ERR_OUTPUT and the next append reopens the file. */
  append(data: string): Promise<void> {
    if (this.closed) return Promise.reject(new PhantomError('PN_ERR_OUTPUT', `${this.path}: written after close`));
    const run = this.tail.then(() => this.appendNow(data));
    this.tail = run.catch(() => {});
    return run;
  }

  /** Waits for every pending append, then closes the file; later appends reject. */
  async close(): Promise<void> {
    this.closed = true;
    await this.tail;
    // Best effort: a clean shutdown should leave the last lines on disk, but a failing disk must not block it.
    await this.handle?.datasync().catch(() => {});
    await this.release();
  }

  private async appendNow(data: string): Promise<void> {
    try {
      const today = utcDay(this.clock.now());
      let handle = this.handle ?? (await this.openFile(today));
      if (this.rotate === 'daily' && this.day !== today) {
        await this.rollOver();
        handle = await this.openFile(today);
      }
      await handle.appendFile(data, 'utf8');
    } catch (e) {
      // Drop the handle so the next batch starts from a fresh open instead of a broken descriptor.
      await this.release();
      if (e instanceof PhantomError) throw e;
      throw new PhantomError('PN_ERR_OUTPUT', `${this.path}: ${(e as Error).message}`, { cause: e });
    }
  }

  private async openFile(today: string): Promise<FileHandle> {
    // Credentials and attacker input are in here: only the honeypot's user may read them.
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    const handle = await open(this.path, 'a', 0o600);
    try {
      const st = await handle.stat();
      if ((st.mode & 0o077) !== 0) await handle.chmod(0o600);
      // As Twisted's DailyLogFile does, a file left by an earlier run belongs to the day it was last written,
      // so a restart after midnight still rolls yesterday's lines into yesterday's file.
      if (this.day === null) this.day = st.size > 0 ? utcDay(st.mtimeMs) : today;
    } catch (e) {
      await handle.close().catch(() => {});
      throw e;
    }
    this.handle = handle;
    return handle;
  }

  private async rollOver(): Promise<void> {
    await this.release();
    let size = 0;
    try {
      size = (await stat(this.path)).size;
    } catch (e) {
      if (!isMissing(e)) throw e;
    }
    if (size > 0 && this.day !== null) {
      const target = await this.freeName(`${this.path}.${this.day}`);
      await rename(this.path, target);
      this.onRotate?.(target);
    }
    // Only now: if the rename failed, the day is kept and the next append tries the rollover again.
    this.day = null;
  }

  /** Never overwrite an earlier rotation (clock stepped back, or a restart): add .1, .2, ... instead. */
  private async freeName(base: string): Promise<string> {
    for (let n = 0; ; n++) {
      const candidate = n === 0 ? base : `${base}.${n}`;
      try {
        await stat(candidate);
      } catch (e) {
        if (isMissing(e)) return candidate;
        throw e;
      }
    }
  }

  private async release(): Promise<void> {
    const h = this.handle;
    this.handle = null;
    if (h) await h.close().catch(() => {});
  }
}
