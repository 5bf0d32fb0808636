// The accept loop every TCP sensor shares: bind, connection caps, a SessionScope per connection,
// idle and total-time limits, and shutdown that closes every live session with reason shutdown.
import { createServer, type Server, type Socket } from 'node:net';
import type { CloseReason, Protocol } from '../schema/events.js';
import type { ListenAddress, SensorContext } from '../core/sensor.js';
import { normaliseIp, type SessionScope } from '../core/session-scope.js';
import { ConnectionLimiter } from './connection-limiter.js';
import { listen } from './listen.js';

/** The limits section every sensor config has (see src/schema/sensor-config-base.ts). */
export interface ListenerLimits {
  host: string;
  port: number;
  max_connections: number;
  max_connections_per_source: number;
  max_session_s: number;
  idle_timeout_s: number;
}

/** What a protocol handler gets for one accepted connection. */
export interface Connection {
  socket: Socket;
  scope: SessionScope;
  /** End the connection from our side, recording why; session.closed follows when the socket closes. */
  terminate(reason: CloseReason): void;
  /** Restart the idle timer; call it on every unit of input the protocol accepts. */
  touch(): void;
}

export type ConnectionHandler = (conn: Connection) => void;

export class TcpListener {
  private server: Server | undefined;
  private readonly live = new Set<Connection>();

  constructor(
    private readonly name: string,
    private readonly protocol: Protocol,
    private readonly limits: ListenerLimits,
  ) {}

  async start(ctx: SensorContext, handler: ConnectionHandler): Promise<ListenAddress> {
    const limiter = new ConnectionLimiter(this.limits.max_connections, this.limits.max_connections_per_source);
    this.server = createServer({ noDelay: true }, (socket) => {
      const srcIp = normaliseIp(socket.remoteAddress);
      const scope = ctx.openSession({
        protocol: this.protocol,
        src_ip: srcIp,
        src_port: socket.remotePort ?? 0,
        dst_ip: normaliseIp(socket.localAddress),
        dst_port: socket.localPort ?? 0,
      });
      // Resets and aborts are how scanners leave; the close handler records the end.
      socket.on('error', () => {});
      if (!limiter.tryAcquire(srcIp)) {
        ctx.metrics.inc(`${this.name}.refused_limit`);
        socket.destroy();
        scope.close('limit');
        return;
      }
      const conn = this.track(socket, scope);
      scope.onClose(() => limiter.release(srcIp));
      try {
        handler(conn);
      } catch (e) {
        // A handler bug must cost one connection, never the sensor.
        ctx.logger.error('connection handler failed', { sensor: this.name, error: (e as Error).message });
        conn.terminate('error');
      }
    });
    return listen(this.server, this.limits.host, this.limits.port, this.name);
  }

  get active(): number {
    return this.live.size;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const conn of [...this.live]) {
      conn.scope.close('shutdown');
      conn.socket.destroy();
    }
    await closed;
  }

  private track(socket: Socket, scope: SessionScope): Connection {
    let reason: CloseReason = 'client';
    let idle: NodeJS.Timeout | undefined;
    const idleMs = this.limits.idle_timeout_s * 1000;
    const conn: Connection = {
      socket,
      scope,
      terminate: (why) => {
        if (scope.closed || socket.destroyed) return;
        reason = why;
        socket.end();
        // A peer that never reads would keep the socket half-open; don't wait for it.
        setTimeout(() => socket.destroy(), 1000).unref();
      },
      touch: () => {
        if (idle) idle.refresh();
      },
    };
    idle = setTimeout(() => conn.terminate('idle'), idleMs);
    const total = setTimeout(() => conn.terminate('timeout'), this.limits.max_session_s * 1000);
    this.live.add(conn);
    socket.once('close', () => {
      clearTimeout(idle);
      clearTimeout(total);
      this.live.delete(conn);
      scope.close(reason);
    });
    return conn;
  }
}
