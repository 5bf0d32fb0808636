// SFTP v3 wire format (draft-ietf-secsh-filexfer-02): a bounded packet framer, a reader that refuses
// truncated fields, and the reply packets OpenSSH's sftp-server sends.

/** OpenSSH's SFTP_MAX_MSG_LENGTH: a longer packet makes sftp-server exit. */
export const MAX_PACKET = 256 * 1024;
/** OpenSSH's SFTP_MAX_READ_LENGTH: the most one READ returns. */
export const MAX_READ = MAX_PACKET - 1024;

export const FXP = {
  INIT: 1,
  VERSION: 2,
  OPEN: 3,
  CLOSE: 4,
  READ: 5,
  WRITE: 6,
  LSTAT: 7,
  FSTAT: 8,
  SETSTAT: 9,
  FSETSTAT: 10,
  OPENDIR: 11,
  READDIR: 12,
  REMOVE: 13,
  MKDIR: 14,
  RMDIR: 15,
  REALPATH: 16,
  STAT: 17,
  RENAME: 18,
  READLINK: 19,
  SYMLINK: 20,
  STATUS: 101,
  HANDLE: 102,
  DATA: 103,
  NAME: 104,
  ATTRS: 105,
  EXTENDED: 200,
  EXTENDED_REPLY: 201,
} as const;

/** A packet whose fields run past its end: sftp-server treats it as fatal ("parse: incomplete message"). */
export class MalformedPacket extends Error {}

export class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.pos;
  }

  u8(): number {
    this.need(1);
    return this.buf[this.pos++] as number;
  }

  u32(): number {
    this.need(4);
    const v = this.buf.readUInt32BE(this.pos);
    this.pos += 4;
    return v;
  }

  u64(): number {
    this.need(8);
    const v = this.buf.readBigUInt64BE(this.pos);
    this.pos += 8;
    // Offsets past 2^53 cannot address anything we hold; clamp rather than lose precision silently.
    return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
  }

  bytes(): Buffer {
    const n = this.u32();
    this.need(n);
    const out = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /** Paths as UTF-8, the way the shell decodes what a terminal sends, so both name a file alike. */
  string(): string {
    return this.bytes().toString('utf8');
  }

  private need(n: number): void {
    if (this.pos + n > this.buf.length) throw new MalformedPacket('incomplete message');
  }
}

/** Builds one packet: the 4-byte length is added by finish(). */
export class Writer {
  private readonly parts: Buffer[] = [];

  u8(v: number): this {
    this.parts.push(Buffer.from([v & 0xff]));
    return this;
  }

  u32(v: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(v >>> 0);
    this.parts.push(b);
    return this;
  }

  u64(v: number): this {
    const b = Buffer.alloc(8);
    b.writeBigUInt64BE(BigInt(Math.max(0, Math.trunc(v))));
    this.parts.push(b);
    return this;
  }

  bytes(v: Buffer): this {
    this.u32(v.length);
    this.parts.push(v);
    return this;
  }

  string(v: string): this {
    return this.bytes(Buffer.from(v, 'utf8'));
  }

  raw(v: Buffer): this {
    this.parts.push(v);
    return this;
  }

  finish(): Buffer {
    const body = Buffer.concat(this.parts);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(body.length);
    return Buffer.concat([len, body]);
  }
}

export type FramerResult = { kind: 'packet'; body: Buffer } | { kind: 'fatal'; reason: string };

/** Splits the channel's byte stream into packets; a length of 0 or over MAX_PACKET is fatal, as in sftp-server. */
export class Framer {
  private pending: Buffer[] = [];
  private pendingBytes = 0;

  *push(chunk: Buffer): Generator<FramerResult> {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    while (this.pendingBytes >= 4) {
      const head = this.take(4, false);
      const len = head.readUInt32BE(0);
      if (len === 0 || len > MAX_PACKET) {
        yield { kind: 'fatal', reason: `bad message length ${len}` };
        return;
      }
      if (this.pendingBytes < 4 + len) return;
      this.take(4, true);
      yield { kind: 'packet', body: this.take(len, true) };
    }
  }

  private take(n: number, consume: boolean): Buffer {
    const all = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending);
    const out = Buffer.from(all.subarray(0, n));
    if (consume) {
      const rest = all.subarray(n);
      this.pending = rest.length ? [rest] : [];
      this.pendingBytes = rest.length;
    } else {
      this.pending = [all];
    }
    return out;
  }
}
