// Time-ordered identifiers (UUIDv7): unique, sortable, and cheap to append to a B-tree index.
import { randomFillSync } from 'node:crypto';

const pool = Buffer.alloc(16 * 512);
let poolOffset = pool.length;
let lastMs = 0;
let seq = 0;

/** A UUIDv7 string; ids made in the same millisecond still sort in creation order. */
export function newId(nowMs: number = Date.now()): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  if (nowMs <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    seq = 0;
  }
  const hex = nowMs.toString(16).padStart(12, '0');
  const rand = b.toString('hex');
  const seqHex = (0x7000 | seq).toString(16);
  const variant = ((b[0]! & 0x3f) | 0x80).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${seqHex}-${variant}${rand.slice(2, 4)}-${rand.slice(4, 16)}`;
}

/** A short random session id (Cowrie uses 12 hex characters). */
export function newSessionId(): string {
  if (poolOffset >= pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const b = pool.subarray(poolOffset, poolOffset + 6);
  poolOffset += 16;
  return b.toString('hex');
}
