// MySQL packet framing (3-byte length, 1-byte sequence id) and the encoders of the basic server packets.
// The reader never buffers more than one capped packet, whatever the client claims.

export interface Frame {
  seq: number;
  payload: Buffer;
}

export type ReadResult = { kind: 'frame'; frame: Frame } | { kind: 'too_big'; seq: number; length: number; head: Buffer } | { kind: 'need_more' };

/** Splits a byte stream into packets; a packet longer than `maxPayload` is reported as soon as its header arrives. */
export class PacketReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxPayload: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  /** Bytes received and not yet consumed (for the evidence of a truncated packet). */
  pending(): Buffer {
    return this.flatten();
  }

  next(): ReadResult {
    if (this.buffered < 4) return { kind: 'need_more' };
    // Only the header is joined here: a body trickled in tiny chunks is joined once, when complete.
    const header = this.peekHeader();
    const length = header.readUIntLE(0, 3);
    const seq = header[3]!;
    // 0xffffff means "continued in the next packet": always above our cap, which is below 16 MiB.
    if (length > this.maxPayload) return { kind: 'too_big', seq, length, head: this.flatten().subarray(0, 256) };
    if (this.buffered < 4 + length) return { kind: 'need_more' };
    const buf = this.flatten();
    const payload = Buffer.from(buf.subarray(4, 4 + length));
    const rest = buf.subarray(4 + length);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return { kind: 'frame', frame: { seq, payload } };
  }

  private peekHeader(): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= 4) return first;
    const head = Buffer.alloc(4);
    let filled = 0;
    for (const c of this.chunks) {
      filled += c.copy(head, filled, 0, Math.min(c.length, 4 - filled));
      if (filled === 4) break;
    }
    return head;
  }

  private flatten(): Buffer {
    if (this.chunks.length !== 1) this.chunks = [Buffer.concat(this.chunks, this.buffered)];
    return this.chunks[0] ?? Buffer.alloc(0);
  }
}

export function frame(seq: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUIntLE(payload.length, 0, 3);
  head[3] = seq & 0xff;
  return Buffer.concat([head, payload]);
}

export function lenencInt(n: number): Buffer {
  if (n < 0xfb) return Buffer.from([n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = 0xfc;
    b.writeUInt16LE(n, 1);
    return b;
  }
  if (n < 0x1000000) {
    const b = Buffer.alloc(4);
    b[0] = 0xfd;
    b.writeUIntLE(n, 1, 3);
    return b;
  }
  const b = Buffer.alloc(9);
  b[0] = 0xfe;
  b.writeBigUInt64LE(BigInt(n), 1);
  return b;
}

export function lenencString(s: string | Buffer): Buffer {
  const data = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  return Buffer.concat([lenencInt(data.length), data]);
}

/** Reads a length-encoded integer at `pos`; undefined when truncated or the 0xfb/0xff markers. */
export function readLenenc(buf: Buffer, pos: number): { value: number; next: number } | undefined {
  const first = buf[pos];
  if (first === undefined) return undefined;
  if (first < 0xfb) return { value: first, next: pos + 1 };
  const width = first === 0xfc ? 2 : first === 0xfd ? 3 : first === 0xfe ? 8 : 0;
  if (width === 0 || pos + 1 + width > buf.length) return undefined;
  const value = width === 8 ? Number(buf.readBigUInt64LE(pos + 1)) : buf.readUIntLE(pos + 1, width);
  return { value, next: pos + 1 + width };
}

/** OK packet: the 7-byte form the server sends when there is no info text and no session state change. */
export function okPacket(status: number, affectedRows = 0, header = 0x00): Buffer {
  const tail = Buffer.alloc(4);
  tail.writeUInt16LE(status, 0);
  tail.writeUInt16LE(0, 2);
  return Buffer.concat([Buffer.from([header]), lenencInt(affectedRows), lenencInt(0), tail]);
}

export function eofPacket(status: number): Buffer {
  const b = Buffer.alloc(5);
  b[0] = 0xfe;
  b.writeUInt16LE(0, 1);
  b.writeUInt16LE(status, 3);
  return b;
}

/** ERR packet; the "#SQLSTATE" marker only goes to clients that negotiated CLIENT_PROTOCOL_41, as mysqld does. */
export function errPacket(code: number, sqlState: string, message: string, protocol41: boolean): Buffer {
  const head = Buffer.alloc(3);
  head[0] = 0xff;
  head.writeUInt16LE(code, 1);
  const state = protocol41 ? Buffer.from(`#${sqlState}`, 'latin1') : Buffer.alloc(0);
  return Buffer.concat([head, state, Buffer.from(message, 'utf8')]);
}
