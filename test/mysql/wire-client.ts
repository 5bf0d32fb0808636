// A minimal MySQL protocol client for the tests that need exact bytes (greeting layout, bad packets,
// sequence ids), plus the scramble formulas used to prove captured auth_data is crackable.
import { connect, type Socket } from 'node:net';
import { createHash } from 'node:crypto';

const sha1 = (...parts: Buffer[]): Buffer => createHash('sha1').update(Buffer.concat(parts)).digest();
const sha256 = (...parts: Buffer[]): Buffer => createHash('sha256').update(Buffer.concat(parts)).digest();
const xor = (a: Buffer, b: Buffer): Buffer => Buffer.from(a.map((v, i) => v ^ b[i]!));

/** mysql_native_password: SHA1(pw) XOR SHA1(salt + SHA1(SHA1(pw))). */
export function nativeScramble(password: string, salt: Buffer): Buffer {
  const h1 = sha1(Buffer.from(password));
  return xor(h1, sha1(salt, sha1(h1)));
}

/** caching_sha2_password: SHA256(pw) XOR SHA256(SHA256(SHA256(pw)) + salt). */
export function sha2Scramble(password: string, salt: Buffer): Buffer {
  const h1 = sha256(Buffer.from(password));
  return xor(h1, sha256(sha256(h1), salt));
}

export interface Packet {
  seq: number;
  payload: Buffer;
}

export class WireClient {
  private buf = Buffer.alloc(0);
  private waiters: (() => void)[] = [];
  closed = false;
  /** Our source port, kept because a closed socket forgets it. */
  readonly localPort: number;

  private constructor(readonly socket: Socket) {
    this.localPort = socket.localPort ?? 0;
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<WireClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new WireClient(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next packet, or undefined once the server closed without sending one. */
  async read(): Promise<Packet | undefined> {
    for (;;) {
      if (this.buf.length >= 4) {
        const len = this.buf.readUIntLE(0, 3);
        if (this.buf.length >= 4 + len) {
          const p = { seq: this.buf[3]!, payload: this.buf.subarray(4, 4 + len) };
          this.buf = this.buf.subarray(4 + len);
          return p;
        }
      }
      if (this.closed) return undefined;
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  send(seq: number, payload: Buffer): void {
    const head = Buffer.alloc(4);
    head.writeUIntLE(payload.length, 0, 3);
    head[3] = seq;
    this.socket.write(Buffer.concat([head, payload]));
  }

  raw(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  /** Resolves once the server has closed the connection. */
  async untilClosed(): Promise<void> {
    while (!this.closed) await new Promise<void>((r) => this.waiters.push(r));
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface Greeting {
  protocol: number;
  version: string;
  connectionId: number;
  salt: Buffer;
  capabilities: number;
  charset: number;
  status: number;
  plugin: string;
}

export function parseGreeting(p: Buffer): Greeting {
  const vEnd = p.indexOf(0, 1);
  let o = vEnd + 1;
  const connectionId = p.readUInt32LE(o);
  o += 4;
  const salt1 = p.subarray(o, o + 8);
  o += 9;
  const capLow = p.readUInt16LE(o);
  const charset = p[o + 2]!;
  const status = p.readUInt16LE(o + 3);
  const capHigh = p.readUInt16LE(o + 5);
  const saltLen = p[o + 7]!;
  o += 8 + 10;
  const salt2 = p.subarray(o, o + saltLen - 9);
  o += saltLen - 8;
  const plugin = p.subarray(o, p.indexOf(0, o)).toString('latin1');
  return {
    protocol: p[0]!,
    version: p.subarray(1, vEnd).toString('latin1'),
    connectionId,
    salt: Buffer.concat([salt1, salt2]),
    capabilities: (capHigh * 0x10000 + capLow) >>> 0,
    charset,
    status,
    plugin,
  };
}

/** A HandshakeResponse41 with CLIENT_PROTOCOL_41 | SECURE_CONNECTION | PLUGIN_AUTH (| DEPRECATE_EOF). */
export function handshakeResponse(user: string, auth: Buffer, plugin: string, opts: { deprecateEof?: boolean; database?: string } = {}): Buffer {
  let caps = 0x200 | 0x8000 | 0x80000 | 0x1;
  if (opts.deprecateEof) caps |= 0x1000000;
  if (opts.database) caps |= 0x8;
  const fixed = Buffer.alloc(32);
  fixed.writeUInt32LE(caps >>> 0, 0);
  fixed.writeUInt32LE(16 * 1024 * 1024, 4);
  fixed[8] = 45;
  return Buffer.concat([
    fixed,
    Buffer.from(`${user}\0`),
    Buffer.from([auth.length]),
    auth,
    opts.database ? Buffer.from(`${opts.database}\0`) : Buffer.alloc(0),
    Buffer.from(`${plugin}\0`),
  ]);
}

/** Decodes an ERR packet payload (with the #SQLSTATE marker when present). */
export function parseErr(p: Buffer): { code: number; state: string | undefined; message: string } {
  const code = p.readUInt16LE(1);
  if (p[3] === 0x23) return { code, state: p.subarray(4, 9).toString('latin1'), message: p.subarray(9).toString('utf8') };
  return { code, state: undefined, message: p.subarray(3).toString('utf8') };
}
