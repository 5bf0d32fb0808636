// The bytes received and not yet consumed, with bounded command-line framing as Postfix's smtp_get does it.

export interface Line {
  /** The line without LF and without one CR before it; at most `limit` bytes. */
  bytes: Buffer;
  /** The line was longer than the limit; the rest of it up to LF was discarded. */
  overlong: boolean;
}

export class InputBuffer {
  private buf: Buffer = Buffer.alloc(0);
  /** Discarding the tail of an over-long line until its LF. */
  private skipping = false;
  private pendingOverlong: Buffer | undefined;

  push(chunk: Buffer): void {
    this.buf = this.buf.length === 0 ? chunk : Buffer.concat([this.buf, chunk]);
  }

  get length(): number {
    return this.buf.length;
  }

  /** The unconsumed bytes (for the DATA reader, which consumes them itself). */
  peek(): Buffer {
    return this.buf;
  }

  consume(n: number): void {
    this.buf = this.buf.subarray(n);
  }

  clear(): void {
    this.buf = Buffer.alloc(0);
    this.skipping = false;
    this.pendingOverlong = undefined;
  }

  /** The next complete line, or undefined until more bytes arrive. A line over `limit` is cut there. */
  readLine(limit: number): Line | undefined {
    for (;;) {
      const lf = this.buf.indexOf(0x0a);
      if (this.skipping) {
        if (lf < 0) {
          this.buf = Buffer.alloc(0);
          return undefined;
        }
        this.buf = this.buf.subarray(lf + 1);
        this.skipping = false;
        const bytes = this.pendingOverlong ?? Buffer.alloc(0);
        this.pendingOverlong = undefined;
        return { bytes, overlong: true };
      }
      if (lf >= 0) {
        const end = lf > 0 && this.buf[lf - 1] === 0x0d ? lf - 1 : lf;
        if (end <= limit) {
          const bytes = Buffer.from(this.buf.subarray(0, end));
          this.buf = this.buf.subarray(lf + 1);
          return { bytes, overlong: false };
        }
      } else if (this.buf.length <= limit + 1) {
        // The limit counts the line without its CRLF, so one more byte (a CR) may still belong to it.
        return undefined;
      }
      // Longer than the limit: keep the first `limit` bytes and drop the rest of the line.
      this.pendingOverlong = Buffer.from(this.buf.subarray(0, limit));
      this.buf = this.buf.subarray(limit);
      this.skipping = true;
    }
  }
}
