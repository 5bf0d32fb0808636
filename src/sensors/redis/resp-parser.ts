// Incremental parser for what clients send Redis: RESP2 multibulk and inline commands, with Redis 7's
// limits and protocol error texts (networking.c), plus our own caps on argument count and size.

/** Redis's PROTO_INLINE_MAX_SIZE: longest inline line or length header it buffers. */
export const INLINE_MAX = 64 * 1024;

export interface ParserLimits {
  maxArgs: number;
  maxBulkBytes: number;
}

export type Parsed =
  | { kind: 'command'; argv: Buffer[] }
  /** `silent`: Redis drops such a client without a reply (its query buffer limit). */
  | { kind: 'error'; message: string; data: Buffer; silent?: boolean };

/** Redis's string2ll: an optional minus sign and decimal digits, no leading zeros, no plus, no spaces. */
function parseLength(b: Buffer, start: number, end: number): number | undefined {
  const s = b.toString('latin1', start, end);
  if (!/^(0|-?[1-9][0-9]{0,18})$/.test(s)) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

export class RespParser {
  private buf: Buffer = Buffer.alloc(0);
  /** Arguments still to read in the current multibulk; 0 when between commands. */
  private multibulkLeft = 0;
  /** Length of the bulk being read, -1 while its $ header is not read yet. */
  private bulkLen = -1;
  private argv: Buffer[] = [];
  private argvBytes = 0;
  private failed = false;

  constructor(private readonly limits: ParserLimits) {}

  /** Bytes buffered and not yet parsed (for memory accounting and tests). */
  get buffered(): number {
    return this.buf.length;
  }

  /** Add bytes and return every complete command; after an error nothing more is parsed. */
  push(chunk: Buffer): Parsed[] {
    if (this.failed) return [];
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
    const out: Parsed[] = [];
    for (;;) {
      const r = this.multibulkLeft > 0 || (this.buf.length > 0 && this.buf[0] === 0x2a) ? this.multibulk() : this.inline();
      if (r === undefined) break;
      if (r === null) continue;
      out.push(r);
      if (r.kind === 'error') {
        this.failed = true;
        this.buf = Buffer.alloc(0);
        break;
      }
    }
    return out;
  }

  private fail(message: string, at: number, silent = false): Parsed {
    return { kind: 'error', message, data: this.buf.subarray(at, at + 256), ...(silent ? { silent } : {}) };
  }

  /** One inline command; undefined when more bytes are needed, null for an empty line. */
  private inline(): Parsed | null | undefined {
    if (this.buf.length === 0) return undefined;
    const nl = this.buf.indexOf(0x0a);
    if (nl < 0) {
      return this.buf.length > INLINE_MAX ? this.fail('Protocol error: too big inline request', 0) : undefined;
    }
    let end = nl;
    if (end > 0 && this.buf[end - 1] === 0x0d) end--;
    const line = this.buf.subarray(0, end);
    const whole = this.buf.subarray(0, nl + 1);
    this.buf = this.buf.subarray(nl + 1);
    const argv = splitArgs(line);
    if (argv === undefined) return { kind: 'error', message: 'Protocol error: unbalanced quotes in request', data: Buffer.from(whole.subarray(0, 256)) };
    if (argv.length === 0) return null;
    return { kind: 'command', argv };
  }

  /** One multibulk command (or the part that arrived); undefined when more bytes are needed. */
  private multibulk(): Parsed | null | undefined {
    if (this.multibulkLeft === 0) {
      const cr = this.buf.indexOf(0x0d);
      if (cr < 0) return this.buf.length > INLINE_MAX ? this.fail('Protocol error: too big mbulk count string', 0) : undefined;
      if (cr > this.buf.length - 2) return undefined;
      const n = parseLength(this.buf, 1, cr);
      if (n === undefined || n > this.limits.maxArgs) return this.fail('Protocol error: invalid multibulk length', 0);
      this.buf = this.buf.subarray(cr + 2);
      if (n <= 0) return null;
      this.multibulkLeft = n;
      this.argv = [];
    }
    while (this.multibulkLeft > 0) {
      if (this.bulkLen < 0) {
        const cr = this.buf.indexOf(0x0d);
        if (cr < 0) return this.buf.length > INLINE_MAX ? this.fail('Protocol error: too big bulk count string', 0) : undefined;
        if (cr > this.buf.length - 2) return undefined;
        if (this.buf[0] !== 0x24) {
          return this.fail(`Protocol error: expected '$', got '${this.buf.toString('latin1', 0, 1)}'`, 0);
        }
        const n = parseLength(this.buf, 1, cr);
        if (n === undefined || n < 0 || n > this.limits.maxBulkBytes) return this.fail('Protocol error: invalid bulk length', 0);
        // One command may hold at most twice the largest bulk (a key and a value), whatever its count.
        if (this.argvBytes + n > 2 * this.limits.maxBulkBytes) {
          return this.fail('query buffer limit reached', 0, true);
        }
        this.buf = this.buf.subarray(cr + 2);
        this.bulkLen = n;
      }
      // Like Redis, the two bytes after the data are skipped unchecked.
      if (this.buf.length < this.bulkLen + 2) return undefined;
      this.argv.push(Buffer.from(this.buf.subarray(0, this.bulkLen)));
      this.argvBytes += this.bulkLen;
      this.buf = this.buf.subarray(this.bulkLen + 2);
      this.bulkLen = -1;
      this.multibulkLeft--;
    }
    const argv = this.argv;
    this.argv = [];
    this.argvBytes = 0;
    return { kind: 'command', argv };
  }
}

const HEX = /^[0-9a-fA-F]{2}$/;
const ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, a: 0x07 };

/** Redis's sdssplitargs: words split on whitespace, "double" quotes with escapes and 'single' quotes; undefined when unbalanced. */
export function splitArgs(line: Buffer): Buffer[] | undefined {
  const out: Buffer[] = [];
  const isSpace = (c: number | undefined) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0b || c === 0x0c;
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return out;
    const cur: number[] = [];
    let inDq = false;
    let inSq = false;
    for (;;) {
      const c = line[i];
      if (inDq) {
        if (c === undefined) return undefined;
        if (c === 0x5c && line[i + 1] === 0x78 && i + 3 < n && HEX.test(line.toString('latin1', i + 2, i + 4))) {
          cur.push(parseInt(line.toString('latin1', i + 2, i + 4), 16));
          i += 3;
        } else if (c === 0x5c && i + 1 < n) {
          i++;
          const e = String.fromCharCode(line[i]!);
          cur.push(ESCAPES[e] ?? line[i]!);
        } else if (c === 0x22) {
          // A closing quote must be followed by a space or the end.
          if (i + 1 < n && !isSpace(line[i + 1])) return undefined;
          i++;
          break;
        } else cur.push(c);
      } else if (inSq) {
        if (c === undefined) return undefined;
        if (c === 0x5c && line[i + 1] === 0x27) {
          i++;
          cur.push(0x27);
        } else if (c === 0x27) {
          if (i + 1 < n && !isSpace(line[i + 1])) return undefined;
          i++;
          break;
        } else cur.push(c);
      } else {
        if (c === undefined || isSpace(c)) break;
        if (c === 0x22) inDq = true;
        else if (c === 0x27) inSq = true;
        else cur.push(c);
      }
      i++;
    }
    out.push(Buffer.from(cur));
  }
}
