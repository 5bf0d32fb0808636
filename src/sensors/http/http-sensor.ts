// The HTTP and HTTPS sensors: raw node:http (over TLS for https) fed the sockets our TcpListener accepts,
// so every request, parser error, login and upload lands in that connection's SessionScope.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createSecureContext, TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';
import type { Config } from '../../schema/config.js';
import { HttpServerPersonaSchema, WebAppsPersonaSchema } from '../../schema/personas/http.js';
import type { ListenAddress, Sensor, SensorContext } from '../../core/sensor.js';
import { loadPersona } from '../../core/persona-loader.js';
import { instanceFqdn } from '../../core/identity/fqdn.js';
import { ArtifactStore } from '../artifact-store.js';
import { LoginPolicy } from '../auth/login-policy.js';
import { TcpListener } from '../tcp-listener.js';
import { HttpExchange, type ConnState, type ParserError } from './exchange.js';
import { deriveHoneytokens, loadOrCreateSeed } from './honeytokens.js';
import { ServerFraming } from './response.js';
import { loadOrCreateTlsIdentity } from './self-signed-cert.js';
import { Site } from './site.js';

/** node:http's event for a new transport; we raise it ourselves for each socket the TcpListener accepted. */
const CONNECTION = 'connection';

/** First byte of a TLS handshake record (a ClientHello starts with it). */
const TLS_HANDSHAKE_RECORD = 0x16;

export class HttpSensor implements Sensor {
  readonly name: 'http' | 'https';
  readonly protocol: 'http' | 'https';
  private listener: TcpListener | undefined;
  private readonly states = new WeakMap<Duplex, ConnState>();

  constructor(
    private readonly config: Config,
    private readonly tls: boolean,
  ) {
    this.name = tls ? 'https' : 'http';
    this.protocol = this.name;
  }

  async start(ctx: SensorContext): Promise<ListenAddress> {
    const http = { ...this.config.http, server_name: this.config.http.server_name ?? instanceFqdn(ctx.identity) };
    const own = this.tls ? this.config.https : http;
    const persona = loadPersona('http', http.persona, HttpServerPersonaSchema);
    const framing = new ServerFraming(persona);
    const tokens = deriveHoneytokens(loadOrCreateSeed(join(ctx.dataDir, 'keys', 'http-instance-seed')));
    const site = new Site(framing, loadPersona('http', 'webapps', WebAppsPersonaSchema), persona.index, {
      serverName: http.server_name,
      kernel: ctx.identity.kernel,
      mysqlPort: http.honeytoken_mysql_port,
      tokens,
    });

    // Never listens: the TcpListener accepts and hands each socket over, so its limits and timers apply.
    // node:http closes an idle kept-alive socket one second after keepAliveTimeout; the persona's is exact.
    const server: Server = createServer({
      maxHeaderSize: http.max_header_bytes,
      requestTimeout: 0,
      headersTimeout: 0,
      keepAliveTimeout: Math.max(1, persona.keep_alive_timeout_s - 1) * 1000,
      requireHostHeader: false,
    });
    server.maxHeadersCount = http.max_headers + 1;
    const exchange = new HttpExchange({
      framing,
      site,
      policy: new LoginPolicy(this.config.auth.users),
      artifacts: new ArtifactStore(join(ctx.dataDir, 'artifacts')),
      bodyCap: http.max_body_kib * 1024,
      uploadCap: http.max_upload_kib * 1024,
      maxHeaders: http.max_headers,
      tls: this.tls,
      defaultPort: this.tls ? '443' : '80',
      stateOf: (socket) => this.states.get(socket),
      onFault: (e) => ctx.logger.error('http request handler failed', { sensor: this.name, error: e.message }),
    });
    server.on('request', (req: IncomingMessage, res: ServerResponse) => exchange.onRequest(req, res));
    server.on('clientError', (err: ParserError, socket: Duplex) => exchange.onClientError(err, socket));
    server.on('connect', (req: IncomingMessage, socket: Duplex) => exchange.onConnect(req, socket));

    const identity = this.tls ? loadOrCreateTlsIdentity(join(ctx.dataDir, 'keys'), http.server_name, this.config.https.cert_days) : undefined;
    const context = identity ? createSecureContext({ key: identity.keyPem, cert: identity.certPem }) : undefined;

    this.listener = new TcpListener(this.name, this.protocol, own);
    const address = await this.listener.start(ctx, (conn) => {
      if (!context) {
        this.states.set(conn.socket, { conn, requests: 0 });
        server.emit(CONNECTION, conn.socket);
        return;
      }
      // The first bytes decide: a TLS record goes to the TLS layer (which takes over what was read),
      // anything else is plain HTTP on the TLS port and gets the server's own 400 for that.
      conn.socket.once('data', (first: Buffer) => {
        conn.touch();
        if (first[0] !== TLS_HANDSHAKE_RECORD) {
          exchange.onPlainHttpOnTls(conn, first);
          return;
        }
        conn.socket.pause();
        conn.socket.unshift(first);
        const tlsSocket = new TLSSocket(conn.socket, { isServer: true, secureContext: context, ALPNProtocols: ['http/1.1'] });
        tlsSocket.on('error', (err: Error & { code?: string }) => {
          if (err.code !== 'ECONNRESET') conn.scope.emit('protocol.error', { message: `TLS: ${err.message}`, data_hex: first.subarray(0, 256).toString('hex') });
          conn.socket.destroy();
        });
        this.states.set(tlsSocket, { conn, requests: 0 });
        server.emit(CONNECTION, tlsSocket);
      });
    });
    ctx.logger.info('listening', { sensor: this.name, host: address.host, port: address.port, persona: persona.name });
    return address;
  }

  activeSessions(): number {
    return this.listener?.active ?? 0;
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
  }
}
