// One HTTP(S) GET to an address already checked by the guard: no lookup happens here (the socket goes to
// that address; the name only travels in Host and SNI), no cookies, no agent reuse, and the body is capped.
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';

export interface HttpGetOptions {
  url: URL;
  /** The checked address to connect to. */
  address: string;
  port: number;
  headers: readonly (readonly [string, string])[];
  insecure: boolean;
  maxBytes: number;
  /** A redirect that will be followed: its body is not read (only Location matters). */
  skipRedirectBody: boolean;
  signal: AbortSignal;
}

export type HttpGetResult =
  | { kind: 'response'; status: number; statusText: string; headers: http.IncomingHttpHeaders; body: Buffer; truncated: boolean }
  | { kind: 'error'; code: string; connected: boolean };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECTS.has(status);
}

export function httpGet(o: HttpGetOptions): Promise<HttpGetResult> {
  return new Promise((resolve) => {
    let connected = false;
    let settled = false;
    const done = (r: HttpGetResult): void => {
      if (settled) return;
      settled = true;
      resolve(r);
      // One request per connection: nothing lingers for a keep-alive the server may offer.
      setImmediate(() => req.destroy());
    };
    const fail = (e: unknown): void => {
      const code = o.signal.aborted ? 'ETIMEDOUT' : e instanceof Error && 'code' in e && typeof e.code === 'string' ? e.code : 'EIO';
      done({ kind: 'error', code, connected });
    };
    const hostHeader = o.url.host;
    const headers: Record<string, string> = { Host: hostHeader };
    for (const [k, v] of o.headers) headers[k] = v;
    const tls = o.url.protocol === 'https:';
    const name = o.url.hostname.replace(/^\[|\]$/g, '');
    const options: https.RequestOptions = {
      host: o.address,
      port: o.port,
      path: `${o.url.pathname}${o.url.search}`,
      method: 'GET',
      headers,
      setHost: false,
      agent: false,
      signal: o.signal,
      ...(tls ? { rejectUnauthorized: !o.insecure, ...(isIP(name) ? {} : { servername: name }) } : {}),
    };
    const req = (tls ? https : http).request(options, (res) => {
      connected = true;
      const status = res.statusCode ?? 0;
      const head = { status, statusText: res.statusMessage ?? '', headers: res.headers };
      if (o.skipRedirectBody && isRedirect(status)) {
        done({ kind: 'response', ...head, body: Buffer.alloc(0), truncated: false });
        res.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        const room = o.maxBytes - size;
        if (chunk.length > room) {
          // Exactly max bytes is a whole file; one byte more is a cut one.
          if (room > 0) chunks.push(chunk.subarray(0, room));
          done({ kind: 'response', ...head, body: Buffer.concat(chunks), truncated: true });
          res.destroy();
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => done({ kind: 'response', ...head, body: Buffer.concat(chunks), truncated: false }));
      res.on('error', fail);
      res.on('aborted', () => fail(new Error('aborted')));
    });
    req.on('socket', (socket) => socket.once(tls ? 'secureConnect' : 'connect', () => (connected = true)));
    req.on('error', fail);
    req.end();
  });
}
