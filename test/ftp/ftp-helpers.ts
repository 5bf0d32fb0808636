// Shared by the FTP end-to-end tests: reading a finished session's events from the store, and a raw
// control connection that reads complete (multi-line) FTP replies, for byte-exact checks.
import { connect, type Socket } from 'node:net';
import { createHash } from 'node:crypto';
import type { PhantomEvent } from '../../src/schema/events.js';
import type { TestApp } from '../helpers/test-app.js';

export const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** Every finished session (ends with session.closed) matching `pred`, waiting up to 10 s for one. */
export async function finishedSessions(t: TestApp, pred: (events: PhantomEvent[]) => boolean): Promise<PhantomEvent[][]> {
  for (let i = 0; i < 100; i++) {
    await t.app.settle();
    const by = new Map<string, PhantomEvent[]>();
    for (const e of await t.app.store.events({ limit: 100_000 })) {
      if (e.protocol !== 'ftp') continue;
      by.set(e.session, [...(by.get(e.session) ?? []), e]);
    }
    const done = [...by.values()].filter((ev) => ev.at(-1)?.eventid === 'session.closed' && pred(ev));
    if (done.length > 0) return done;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no matching finished FTP session in the store');
}

export async function findSession(t: TestApp, pred: (events: PhantomEvent[]) => boolean): Promise<PhantomEvent[]> {
  const all = await finishedSessions(t, pred);
  return all[0]!;
}

/** The (command, argument) pairs of a session's ftp.command events, in order. */
export function commandsOf(events: PhantomEvent[]): string[] {
  return events.flatMap((e) => (e.eventid === 'ftp.command' ? [`${e.command} ${e.argument}`.trimEnd()] : []));
}

/** A raw FTP control connection. */
export class Control {
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

  static open(port: number, localAddress?: string): Promise<Control> {
    return new Promise((resolve, reject) => {
      const s = connect({ port, host: '127.0.0.1', ...(localAddress ? { localAddress } : {}) }, () => resolve(new Control(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next complete reply, raw (all its lines, CRLFs included); '' when the server closed first. */
  async reply(): Promise<string> {
    for (;;) {
      const m = /^(\d{3})[ -]/.exec(this.buf);
      if (m) {
        const end = this.buf.search(new RegExp(`(^|\\r\\n)${m[1]} [^\\r\\n]*\\r\\n`));
        if (end >= 0) {
          const last = this.buf.slice(end).indexOf('\r\n', end === 0 ? 0 : 2);
          const upto = end + last + 2;
          const r = this.buf.slice(0, upto);
          this.buf = this.buf.slice(upto);
          return r;
        }
      }
      if (this.closed) return '';
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  async send(line: string | Buffer): Promise<string> {
    this.socket.write(typeof line === 'string' ? `${line}\r\n` : line);
    return this.reply();
  }

  close(): void {
    this.socket.destroy();
  }
}
