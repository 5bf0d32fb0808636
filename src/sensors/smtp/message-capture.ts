// A message's bytes as they arrive: the first ones kept, all of them counted and hashed, so any size costs bounded memory.
import { createHash, type Hash } from 'node:crypto';

export interface CapturedMessage {
  size: number;
  captured: Buffer;
  truncated: boolean;
  shasum: string;
}

export class MessageCapture {
  private readonly hash: Hash = createHash('sha256');
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private total = 0;

  constructor(private readonly captureBytes: number) {}

  get size(): number {
    return this.total;
  }

  add(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.total += chunk.length;
    if (this.keptBytes < this.captureBytes) {
      const part = chunk.subarray(0, this.captureBytes - this.keptBytes);
      this.kept.push(Buffer.from(part));
      this.keptBytes += part.length;
    }
  }

  finish(): CapturedMessage {
    return { size: this.total, captured: Buffer.concat(this.kept), truncated: this.total > this.keptBytes, shasum: this.hash.digest('hex') };
  }
}
