// FTP data connections: a passive listener (PASV/EPSV) that accepts exactly one connection, from the client's
// own address only, or an active connect back to that address (PORT/EPRT); both time out and close on demand.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { normaliseIp } from '../../core/session-scope.js';
import type { PortTarget } from './port-address.js';

export type DataOpen = { ok: true; socket: Socket } | { ok: false; reason: 'timeout' | 'failed' | 'bad_ip' };

export interface DataChannel {
  /** The data socket, once the peer is there (waits up to the timeout). Call once. */
  open(): Promise<DataOpen>;
  /** Release the listener and any socket not handed out. */
  close(): void;
}

export class PassiveChannel implements DataChannel {
  private accepted: Socket | undefined;
  private strangerSeen = false;
  private waiter: ((r: DataOpen) => void) | undefined;
  private closed = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
    private readonly clientIp: string,
    private readonly timeoutMs: number,
  ) {
    server.on('connection', (s) => this.onConnection(s));
  }

  /** Listen on `host` (the control connection's local address), on a random port of [min, max] or any free port when min is 0. */
  static async listen(host: string, range: { min: number; max: number }, clientIp: string, timeoutMs: number): Promise<PassiveChannel | undefined> {
    // Like vsftpd: a few random picks in the range, the next pick when one is taken.
    for (let attempt = 0; attempt < 10; attempt++) {
      const port = range.min > 0 && range.max >= range.min ? range.min + Math.floor(Math.random() * (range.max - range.min + 1)) : 0;
      const channel = await PassiveChannel.tryListen(host, port, clientIp, timeoutMs);
      if (channel || port === 0) return channel;
    }
    return undefined;
  }

  private static tryListen(host: string, port: number, clientIp: string, timeoutMs: number): Promise<PassiveChannel | undefined> {
    return new Promise((resolve) => {
      const server = createServer({ noDelay: true, pauseOnConnect: true });
      server.once('error', () => resolve(undefined));
      server.listen({ host, port, backlog: 1 }, () => {
        const addr = server.address();
        if (addr === null || typeof addr === 'string') {
          server.close();
          resolve(undefined);
          return;
        }
        resolve(new PassiveChannel(server, addr.port, clientIp, timeoutMs));
      });
    });
  }

  private onConnection(s: Socket): void {
    s.on('error', () => {});
    if (this.closed || this.accepted || normaliseIp(s.remoteAddress) !== this.clientIp) {
      // vsftpd's pasv_promiscuous=NO: a data connection from anyone else fails the transfer.
      if (!this.accepted && !this.closed) this.strangerSeen = true;
      s.destroy();
      this.settle();
      return;
    }
    this.accepted = s;
    this.server.close();
    this.settle();
  }

  private settle(): void {
    const w = this.waiter;
    if (!w) return;
    if (this.accepted) {
      this.waiter = undefined;
      const s = this.accepted;
      this.accepted = undefined;
      w({ ok: true, socket: s });
    } else if (this.strangerSeen) {
      this.waiter = undefined;
      w({ ok: false, reason: 'bad_ip' });
    }
  }

  open(): Promise<DataOpen> {
    return new Promise((resolve) => {
      if (this.closed) return resolve({ ok: false, reason: 'failed' });
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ ok: false, reason: 'timeout' });
      }, this.timeoutMs);
      this.waiter = (r) => {
        clearTimeout(timer);
        resolve(r);
      };
      this.settle();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.server.close();
    this.accepted?.destroy();
    this.accepted = undefined;
    const w = this.waiter;
    this.waiter = undefined;
    w?.({ ok: false, reason: 'failed' });
  }
}

export class ActiveChannel implements DataChannel {
  private socket: Socket | undefined;
  private closed = false;

  constructor(
    private readonly target: PortTarget,
    private readonly localAddress: string,
    private readonly timeoutMs: number,
  ) {}

  open(): Promise<DataOpen> {
    return new Promise((resolve) => {
      if (this.closed) return resolve({ ok: false, reason: 'failed' });
      const s = connect({ host: this.target.host, port: this.target.port, localAddress: this.localAddress, noDelay: true });
      this.socket = s;
      let done = false;
      const finish = (r: DataOpen): void => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        if (!r.ok) s.destroy();
        this.socket = undefined;
        resolve(r);
      };
      const timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), this.timeoutMs);
      s.on('error', () => finish({ ok: false, reason: 'failed' }));
      s.once('close', () => finish({ ok: false, reason: 'failed' }));
      s.once('connect', () => finish({ ok: true, socket: s }));
    });
  }

  close(): void {
    this.closed = true;
    this.socket?.destroy();
  }
}
