// A minimal line-level SMTP client over a raw socket for exact-reply tests: send bytes, read whole replies.
import { connect, type Socket } from 'node:net';

export class RawSmtp {
  private buf = '';
  private waiters: (() => void)[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => {
      this.buf += d;
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<RawSmtp> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RawSmtp(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next complete reply (all its lines, CRLF-joined, without the final CRLF). */
  async reply(): Promise<string> {
    for (;;) {
      const m = /^(?:\d{3}-[^\n]*\r\n)*\d{3}(?: [^\n]*)?\r\n/.exec(this.buf);
      if (m) {
        this.buf = this.buf.slice(m[0].length);
        return m[0].slice(0, -2);
      }
      if (this.closed) throw new Error(`connection closed; unread: ${JSON.stringify(this.buf)}`);
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Send one command line and return the reply. */
  async cmd(line: string): Promise<string> {
    this.write(line + '\r\n');
    return this.reply();
  }

  async waitClosed(): Promise<string> {
    while (!this.closed) await new Promise<void>((r) => this.waiters.push(r));
    return this.buf;
  }
}
