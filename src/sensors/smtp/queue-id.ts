// Postfix short queue ids: 5 hex digits of the microseconds, then the queue file's inode number in hex.
import { randomInt } from 'node:crypto';

export class QueueIds {
  // A queue directory's files get nearby inode numbers; start somewhere plausible and walk forward.
  private inode = randomInt(0x100000, 0x7fffff);

  next(nowMs: number = Date.now()): string {
    const usec = Math.floor((nowMs % 1000) * 1000) + randomInt(0, 1000);
    this.inode += randomInt(1, 64);
    if (this.inode > 0xffffff) this.inode = randomInt(0x100000, 0x7fffff);
    return (usec % 1_000_000).toString(16).toUpperCase().padStart(5, '0') + this.inode.toString(16).toUpperCase();
  }
}
