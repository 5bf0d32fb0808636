// One HTTP exchange: what node:http parsed (request, parser error, CONNECT) becomes events in the
// connection's SessionScope and the persona's answer, with body caps and keep-alive as the server does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { normaliseIp, type SessionScope } from '../../core/session-scope.js';
import type { ArtifactStore } from '../artifact-store.js';
import type { LoginPolicy } from '../auth/login-policy.js';
import type { Connection } from '../tcp-listener.js';
import type { ServerFraming, SiteResponse } from './response.js';
import type { Site, SiteEffects, SiteRequest } from './site.js';

export interface ConnState {
  conn: Connection;
  /** Requests answered on this connection so far (for the keep-alive max). */
  requests: number;
}

export type ParserError = Error & { code?: string; rawPacket?: Buffer };

export interface ExchangeDeps {
  framing: ServerFraming;
  site: Site;
  policy: LoginPolicy;
  artifacts: ArtifactStore;
  bodyCap: number;
  uploadCap: number;
  maxHeaders: number;
  tls: boolean;
  /** Port named in pages when the Host header has none: 80 or 443, what the attacker believes. */
  defaultPort: string;
  stateOf(socket: Duplex): ConnState | undefined;
  onFault(e: Error): void;
}

/** Most bytes of a parser error's input kept in protocol.error. */
const ERROR_BYTES = 256;

export class HttpExchange {
  constructor(private readonly deps: ExchangeDeps) {}

  onRequest(req: IncomingMessage, res: ServerResponse): void {
    const state = this.deps.stateOf(req.socket);
    if (!state) {
      res.destroy();
      return;
    }
    state.conn.touch();
    state.requests++;
    const scope = state.conn.scope;
    const cap = req.method === 'POST' && /^multipart\/form-data/i.test(req.headers['content-type'] ?? '') ? Math.max(this.deps.bodyCap, this.deps.uploadCap) : this.deps.bodyCap;
    const chunks: Buffer[] = [];
    let kept = 0;
    let total = 0;
    let done = false;
    const record = (status: number): void => {
      if (done) return;
      done = true;
      const body = Buffer.concat(chunks);
      scope.emit('http.request', {
        method: req.method ?? '',
        uri: req.url ?? '',
        http_version: req.httpVersion,
        headers: headerPairs(req),
        body: body.subarray(0, this.deps.bodyCap).toString('utf8'),
        body_length: total,
        body_truncated: total > this.deps.bodyCap,
        status,
        tls: this.deps.tls,
      });
    };
    const respond = (): void => {
      try {
        this.answer(req, res, state, scope, Buffer.concat(chunks), total, cap);
        record(res.statusCode);
      } catch (e) {
        // A bug answering one request costs that connection, never the sensor.
        this.deps.onFault(e as Error);
        record(0);
        state.conn.terminate('error');
      }
    };
    // A request without a body is answered at once (no stream listeners: they cost a third of the
    // throughput); one with a body when the body has ended.
    if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
      respond();
      return;
    }
    req.on('data', (chunk: Buffer) => {
      total += chunk.length;
      state.conn.touch();
      if (kept < cap) {
        const take = chunk.subarray(0, cap - kept);
        chunks.push(take);
        kept += take.length;
      }
    });
    // A client gone before its body ended still made a request; status 0 says nothing was answered.
    req.on('close', () => record(0));
    req.on('end', respond);
  }

  onClientError(err: ParserError, socket: Duplex): void {
    const state = this.deps.stateOf(socket);
    if (!state || err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    state.conn.touch();
    const raw = err.rawPacket ?? Buffer.alloc(0);
    state.conn.scope.emit('protocol.error', { message: `${err.code ?? 'HPE_ERROR'}: ${err.message}`, data_hex: raw.subarray(0, ERROR_BYTES).toString('hex') });
    const local = (socket as Partial<Socket>).localAddress;
    const page = this.deps.framing.errorPage(400, { host: normaliseIp(local), port: this.deps.defaultPort, method: '' });
    socket.end(this.serialize(page));
  }

  /** Plain HTTP sent to the TLS port: recorded, answered with the server's page for it, closed. */
  onPlainHttpOnTls(conn: Connection, data: Buffer): void {
    conn.scope.emit('protocol.error', { message: 'plain HTTP request sent to the TLS port', data_hex: data.subarray(0, ERROR_BYTES).toString('hex') });
    const page = this.deps.framing.plainHttpOnTlsPage({ host: normaliseIp(conn.socket.localAddress), port: this.deps.defaultPort, method: '' });
    conn.socket.end(this.serialize(page));
  }

  // CONNECT is a proxy probe: recorded like any request, refused as a server without mod_proxy does.
  onConnect(req: IncomingMessage, socket: Duplex): void {
    const state = this.deps.stateOf(socket);
    if (!state) {
      socket.destroy();
      return;
    }
    state.conn.touch();
    const page = this.deps.framing.errorPage(405, { ...requestTarget(req, this.deps.defaultPort), method: req.method ?? '' }, [['Allow', 'GET,POST,OPTIONS,HEAD']]);
    state.conn.scope.emit('http.request', {
      method: req.method ?? '',
      uri: req.url ?? '',
      http_version: req.httpVersion,
      headers: headerPairs(req),
      body: '',
      body_length: 0,
      body_truncated: false,
      status: 405,
      tls: this.deps.tls,
    });
    socket.end(this.serialize(page));
  }

  /** A complete response for a socket node:http no longer drives (parser errors, CONNECT, plain HTTP on TLS). */
  private serialize(res: SiteResponse): Buffer {
    const flat = this.deps.framing.headers(res, new Date(), false, 0);
    let head = `HTTP/1.1 ${res.status} ${this.deps.framing.reason(res.status)}\r\n`;
    for (let i = 0; i + 1 < flat.length; i += 2) head += `${flat[i]}: ${flat[i + 1]}\r\n`;
    return Buffer.concat([Buffer.from(head + '\r\n', 'latin1'), res.body]);
  }

  private answer(req: IncomingMessage, res: ServerResponse, state: ConnState, scope: SessionScope, body: Buffer, total: number, cap: number): void {
    const target = requestTarget(req, this.deps.defaultPort);
    let response: SiteResponse;
    // Apache refuses too many fields, and an HTTP/1.1 request without Host, with its 400 page.
    if (req.rawHeaders.length / 2 > this.deps.maxHeaders || (req.httpVersion === '1.1' && req.headers.host === undefined)) {
      response = this.deps.framing.errorPage(400, { ...target, method: req.method ?? '' });
    } else {
      const fx: SiteEffects = {
        // Which app was attacked is in the http.request that carried the credential.
        login: (username, password, method) => {
          const ok = this.deps.policy.accepts(username, password);
          if (ok) scope.emit('login.success', { username, password, method });
          else scope.emit('login.failed', { username, password, method });
          return ok;
        },
        upload: (filename, data, truncated) => {
          const saved = this.deps.artifacts.save(data);
          scope.emit('session.file_upload', { filename, shasum: saved.shasum, size: data.length, duplicate: saved.duplicate, truncated: truncated || total > cap });
        },
      };
      response = this.deps.site.handle({ ...target, method: req.method ?? '', body, headers: req.headers }, fx);
    }
    const keepAlive = wantsKeepAlive(req) && state.requests < this.deps.framing.keepAliveMax && total <= cap;
    res.sendDate = false;
    res.writeHead(response.status, this.deps.framing.reason(response.status), this.deps.framing.headers(response, new Date(), keepAlive, this.deps.framing.keepAliveMax - state.requests + 1));
    // As a latin1 string the body goes out in one write with the head (a Buffer costs a second one).
    res.end(this.deps.framing.bodyText(response), 'latin1');
  }
}

function headerPairs(req: IncomingMessage): [string, string][] {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) pairs.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
  return pairs;
}

/** Host and port as the request names them (Apache with UseCanonicalName Off puts them in its pages). */
function requestTarget(req: IncomingMessage, defaultPort: string): Omit<SiteRequest, 'method' | 'body' | 'headers'> {
  let path = '/';
  let query = NO_QUERY;
  const raw = req.url ?? '/';
  // Nothing to decode or resolve in a plain path: the URL parser would return it unchanged.
  if (PLAIN_PATH.test(raw)) path = raw;
  else {
    try {
      const url = new URL(raw, 'http://localhost');
      query = url.searchParams;
      path = url.pathname;
      try {
        path = decodeURIComponent(path);
      } catch {
        // Apache answers a bad escape with 400; as a path it simply matches nothing.
      }
    } catch {
      path = raw;
    }
  }
  const hostHeader = req.headers.host ?? '';
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(hostHeader);
  const host = m?.[1] || normaliseIp(req.socket.localAddress);
  const port = m?.[2] ?? defaultPort;
  const scheme = defaultPort === '443' ? 'https' : 'http';
  return { path, query, host, port, origin: `${scheme}://${hostHeader || host}` };
}

/** A path with no query, escape, dot segment or doubled slash; anything else goes through the URL parser. */
const PLAIN_PATH = /^\/(?:[A-Za-z0-9_~-][A-Za-z0-9_.~-]*\/?)*$/;
const NO_QUERY: URLSearchParams = new URLSearchParams();

function wantsKeepAlive(req: IncomingMessage): boolean {
  const c = (req.headers.connection ?? '').toLowerCase();
  if (req.httpVersion === '1.0') return c.includes('keep-alive');
  return !c.includes('close');
}
