// Deterministic draws from an instance seed: each named draw hashes (seed, label), so adding a new field later
// never shifts the values earlier fields got, and the same seed always rebuilds the same machine.
import { createHash } from 'node:crypto';

export class Draw {
  constructor(private readonly seed: string) {}

  /** `n` bytes for `label`, the same for the same seed and label. */
  bytes(label: string, n: number): Buffer {
    const out: Buffer[] = [];
    for (let i = 0, got = 0; got < n; i++) {
      const block = createHash('sha256').update(`${this.seed}\0${label}\0${i}`).digest();
      out.push(block);
      got += block.length;
    }
    return Buffer.concat(out).subarray(0, n);
  }

  /** A float in [0, 1). */
  unit(label: string): number {
    return this.bytes(label, 6).readUIntBE(0, 6) / 2 ** 48;
  }

  /** An integer in [min, max]. */
  int(label: string, min: number, max: number): number {
    return min + Math.floor(this.unit(label) * (max - min + 1));
  }

  pick<T>(label: string, list: readonly T[]): T {
    if (list.length === 0) throw new Error(`nothing to pick for ${label}`);
    return list[Math.floor(this.unit(label) * list.length)]!;
  }

  /** One of `list`, each with its weight. */
  weighted<T>(label: string, list: readonly (readonly [T, number])[]): T {
    const total = list.reduce((s, [, w]) => s + w, 0);
    let x = this.unit(label) * total;
    for (const [v, w] of list) {
      if (x < w) return v;
      x -= w;
    }
    return list[list.length - 1]![0];
  }

  hex(label: string, nBytes: number): string {
    return this.bytes(label, nBytes).toString('hex');
  }

  /** A random (version 4) UUID, as systemd and the kernel print them. */
  uuid(label: string): string {
    return formatUuid(uuidBytes(this.bytes(label, 16)));
  }
}

/** Sets the version 4 and RFC 4122 variant bits. */
export function uuidBytes(b: Buffer): Buffer {
  const c = Buffer.from(b);
  c[6] = (c[6]! & 0x0f) | 0x40;
  c[8] = (c[8]! & 0x3f) | 0x80;
  return c;
}

export function formatUuid(b: Buffer): string {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
