// `phantomnet replay <session-id>`: play a session's asciinema cast on this terminal with its original timing
// (or faster, or with long pauses cut), or print the cast file itself for asciinema or another tool.
import { readFileSync } from 'node:fs';
import { loadConfigOrThrow, resolvedDataDir } from '../core/config-loader.js';
import { PhantomError } from '../core/errors.js';
import { findCast } from '../sensors/shell/recording/cast-path.js';
import { parseCast, type Cast } from '../sensors/shell/recording/cast-reader.js';

export interface ReplayOptions {
  config?: string;
  dataDir?: string;
  speed?: string;
  maxIdle?: string;
  raw?: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new PhantomError('PN_ERR_CONFIG_INVALID', `${name} must be a positive number (got ${value})`);
  return n;
}

function loadCast(sessionId: string, opts: ReplayOptions): { path: string; text: string } {
  const dataDir = opts.dataDir ?? resolvedDataDir(loadConfigOrThrow({ ...(opts.config ? { file: opts.config } : {}), env: process.env, cwd: process.cwd() }));
  const path = findCast(dataDir, sessionId);
  if (!path) throw new PhantomError('PN_ERR_REPLAY_NOT_FOUND', `no recording of session ${JSON.stringify(sessionId)} under ${dataDir}/casts (unknown session id, or a session without an interactive shell)`);
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (e) {
    throw new PhantomError('PN_ERR_REPLAY_NOT_FOUND', `cannot read ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Writes each output frame when its time comes; `speed` divides the pauses, `maxIdleS` caps each one. */
export async function play(cast: Cast, out: NodeJS.WritableStream, speed: number, maxIdleS: number): Promise<void> {
  let previous = 0;
  for (const frame of cast.frames) {
    if (frame.code !== 'o') continue;
    const pause = Math.min(Math.max(0, frame.time - previous), maxIdleS) / speed;
    previous = frame.time;
    if (pause > 0.001) await sleep(pause * 1000);
    if (!out.write(frame.data)) await new Promise((resolve) => out.once('drain', resolve));
  }
}

export async function replayCommand(sessionId: string, opts: ReplayOptions): Promise<number> {
  try {
    const speed = positive(opts.speed, '--speed', 1);
    const maxIdle = positive(opts.maxIdle, '--max-idle', Number.POSITIVE_INFINITY);
    const { path, text } = loadCast(sessionId, opts);
    if (opts.raw) {
      process.stdout.write(text);
      return 0;
    }
    let cast: Cast;
    try {
      cast = parseCast(text);
    } catch (e) {
      throw new PhantomError('PN_ERR_REPLAY_NOT_FOUND', `${path}: not a readable asciinema v2 cast: ${(e as Error).message}`, { cause: e });
    }
    await play(cast, process.stdout, speed, maxIdle);
    return 0;
  } catch (e) {
    if (e instanceof PhantomError) {
      process.stderr.write(`phantomnet: ${e.code}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
