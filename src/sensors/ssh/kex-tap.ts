// Passive reader of a client's first bytes: its identification line and its first KEXINIT,
// from which the HASSH fingerprint is computed. It only reads; ssh2 still drives the protocol.
import { createHash } from 'node:crypto';

export interface ClientKexInit {
  kexAlgs: string[];
  keyAlgs: string[];
  encCS: string[];
  macCS: string[];
  compCS: string[];
  langCS: string[];
  hassh: string;
  hasshAlgorithms: string;
}

export type TapResult =
  | { kind: 'pending' }
  | { kind: 'kexinit'; ident: string; kex: ClientKexInit }
  | { kind: 'malformed'; reason: string; sample: Buffer };

/** RFC 4253 caps a packet at 35000 bytes; an identification line at 255. */
const MAX_TAP_BYTES = 36_000;
const MAX_IDENT_LINE = 255;
const SSH_MSG_KEXINIT = 20;

export function hassh(kex: Pick<ClientKexInit, 'kexAlgs' | 'encCS' | 'macCS' | 'compCS'>): { hassh: string; hasshAlgorithms: string } {
  const hasshAlgorithms = [kex.kexAlgs, kex.encCS, kex.macCS, kex.compCS].map((l) => l.join(',')).join(';');
  return { hassh: createHash('md5').update(hasshAlgorithms).digest('hex'), hasshAlgorithms };
}

/** Accumulates the client's bytes until the first KEXINIT is whole, then reports it once. */
export class KexTap {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;

  feed(chunk: Buffer): TapResult {
    if (this.done) return { kind: 'pending' };
    // Usually the identification line and KEXINIT arrive in one chunk: no copy then.
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const result = this.parse();
    if (result.kind !== 'pending') {
      this.done = true;
      this.buf = Buffer.alloc(0);
    } else if (this.buf.length > MAX_TAP_BYTES) {
      this.done = true;
      return { kind: 'malformed', reason: 'no complete KEXINIT within 36000 bytes', sample: this.buf.subarray(0, 256) };
    }
    return result;
  }

  get finished(): boolean {
    return this.done;
  }

  private parse(): TapResult {
    // Lines before the identification string are allowed by RFC 4253 4.2 (servers send them; clients may too).
    let offset = 0;
    let ident: string | undefined;
    while (ident === undefined) {
      const nl = this.buf.indexOf(0x0a, offset);
      if (nl === -1) {
        if (this.buf.length - offset > MAX_IDENT_LINE) {
          return { kind: 'malformed', reason: 'identification line too long or missing', sample: this.buf.subarray(offset, offset + 256) };
        }
        return { kind: 'pending' };
      }
      const line = this.buf.subarray(offset, nl).toString('latin1').replace(/\r$/, '');
      offset = nl + 1;
      if (line.startsWith('SSH-')) ident = line;
      else if (offset > 8192) {
        return { kind: 'malformed', reason: 'no SSH identification line', sample: this.buf.subarray(0, 256) };
      }
    }
    if (!ident.startsWith('SSH-2.0-') && !ident.startsWith('SSH-1.99-')) {
      return { kind: 'malformed', reason: `unsupported protocol version in ${JSON.stringify(ident.slice(0, 64))}`, sample: this.buf.subarray(0, 256) };
    }
    if (this.buf.length < offset + 5) return { kind: 'pending' };
    const packetLength = this.buf.readUInt32BE(offset);
    if (packetLength < 5 || packetLength > 35_000) {
      return { kind: 'malformed', reason: `bad packet length ${packetLength}`, sample: this.buf.subarray(offset, offset + 256) };
    }
    if (this.buf.length < offset + 4 + packetLength) return { kind: 'pending' };
    const padding = this.buf[offset + 4]!;
    const payload = this.buf.subarray(offset + 5, offset + 4 + packetLength - padding);
    if (payload[0] !== SSH_MSG_KEXINIT) {
      return { kind: 'malformed', reason: `first packet is type ${payload[0] ?? 'none'}, not KEXINIT`, sample: payload.subarray(0, 256) };
    }
    const lists: string[][] = [];
    let p = 1 + 16;
    for (let i = 0; i < 10; i++) {
      if (p + 4 > payload.length) return { kind: 'malformed', reason: 'truncated KEXINIT', sample: payload.subarray(0, 256) };
      const len = payload.readUInt32BE(p);
      p += 4;
      if (p + len > payload.length) return { kind: 'malformed', reason: 'truncated KEXINIT name-list', sample: payload.subarray(0, 256) };
      const text = payload.subarray(p, p + len).toString('latin1');
      lists.push(text === '' ? [] : text.split(','));
      p += len;
    }
    const [kexAlgs, keyAlgs, encCS, , macCS, , compCS, , langCS] = lists as [string[], string[], string[], string[], string[], string[], string[], string[], string[], string[]];
    return {
      kind: 'kexinit',
      ident,
      kex: { kexAlgs, keyAlgs, encCS, macCS, compCS, langCS, ...hassh({ kexAlgs, encCS, macCS, compCS }) },
    };
  }
}
