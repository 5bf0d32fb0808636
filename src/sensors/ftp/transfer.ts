// Moving bytes over an open data socket: sending with backpressure, receiving up to a cap (the rest is cut),
// and a stall timeout on both, so one data connection can hold neither memory nor a socket forever.
import type { Socket } from 'node:net';
import type { UploadBudget } from './upload-budget.js';

function drainedOrClosed(s: Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      s.off('drain', done);
      s.off('close', done);
      resolve();
    };
    s.on('drain', done);
    s.on('close', done);
  });
}

/** Stall limit: a data socket with no progress this long is destroyed. */
function guard(s: Socket, stallMs: number, onActivity: () => void): void {
  s.setTimeout(stallMs, () => s.destroy());
  s.on('data', onActivity);
  s.on('drain', onActivity);
}

/** Send every chunk, then close our side; true when all of it reached the socket. */
export async function sendAll(s: Socket, chunks: AsyncIterable<Buffer> | Iterable<Buffer>, stallMs: number, onActivity: () => void): Promise<boolean> {
  guard(s, stallMs, onActivity);
  // Whatever the client sends on a download connection is read and dropped.
  s.resume();
  try {
    for await (const chunk of chunks) {
      if (s.destroyed) return false;
      if (!s.write(chunk)) await drainedOrClosed(s);
      onActivity();
    }
  } catch {
    s.destroy();
    return false;
  }
  if (s.destroyed) return false;
  const finished = new Promise<boolean>((resolve) => {
    s.once('finish', () => resolve(true));
    s.once('close', () => resolve(false));
  });
  s.end();
  const ok = await finished;
  s.destroySoon();
  return ok;
}

export interface Received {
  data: Buffer;
  /** More arrived than the cap allowed; the connection was cut there. */
  truncated: boolean;
  /** The peer reset or the stall limit hit before a clean end. */
  failed: boolean;
}

/** What has arrived so far, readable while the transfer runs (the session may end before it does). */
export interface ReceiveProgress {
  parts: Buffer[];
  kept: number;
}

/** Read until the peer ends, keeping at most `cap` bytes and no more than `budget` grants; the caller gives back `data.length`. */
export function receiveAll(s: Socket, cap: number, budget: UploadBudget, stallMs: number, onActivity: () => void, progress: ReceiveProgress = { parts: [], kept: 0 }): Promise<Received> {
  return new Promise((resolve) => {
    const parts = progress.parts;
    let kept = 0;
    let settled = false;
    const finish = (truncated: boolean, failed: boolean): void => {
      if (settled) return;
      settled = true;
      resolve({ data: Buffer.concat(parts, kept), truncated, failed });
    };
    guard(s, stallMs, onActivity);
    s.on('data', (chunk: Buffer) => {
      if (settled) return;
      const room = budget.take(Math.min(cap - kept, chunk.length));
      if (chunk.length > room) {
        parts.push(chunk.subarray(0, room));
        kept += room;
        progress.kept = kept;
        finish(true, false);
        s.destroy();
        return;
      }
      parts.push(chunk);
      kept += chunk.length;
      progress.kept = kept;
    });
    s.once('end', () => {
      finish(false, false);
      s.end();
    });
    s.once('close', () => finish(false, true));
    s.resume();
  });
}
