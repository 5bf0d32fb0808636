// The Redis sensor: Redis 7.0 over RESP2 and inline commands on the shared TcpListener; every command
// is recorded as redis.command before it is answered, and each source address gets its own keyspace.
import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import type { Config } from '../../schema/config.js';
import { RedisPersonaSchema, type RedisPersona } from '../../schema/personas/redis.js';
import type { ListenAddress, Sensor, SensorContext } from '../../core/sensor.js';
import { loadPersona } from '../../core/persona-loader.js';
import { ArtifactStore } from '../artifact-store.js';
import { TcpListener, type Connection } from '../tcp-listener.js';
import type { ClientInfo, CommandContext } from './client.js';
import { dispatch } from './commands.js';
import type { InfoStats, Instance } from './info.js';
import { SourceStates } from './keyspace.js';
import { RespParser } from './resp-parser.js';
import * as resp from './resp.js';

/** Artifacts one connection may produce with SAVE/BGSAVE; later saves are answered and recorded as commands only. */
const MAX_SAVES_PER_SESSION = 16;

/** Unread replies we hold for a client that does not read; beyond this the connection is dropped. */
const MAX_PENDING_OUTPUT = 4 * 1024 * 1024;

type RedisConfig = Config['redis'];

export class RedisSensor implements Sensor {
  readonly name = 'redis';
  readonly protocol = 'redis' as const;
  private readonly listener: TcpListener;
  private readonly cfg: RedisConfig;
  private readonly clients = new Map<number, { ip: string; info: ClientInfo }>();
  private nextClientId = randomInt(3, 5000);
  private artifacts: ArtifactStore | undefined;

  constructor(config: Config) {
    this.cfg = config.redis;
    this.listener = new TcpListener(this.name, this.protocol, this.cfg);
  }

  async start(ctx: SensorContext): Promise<ListenAddress> {
    const persona: RedisPersona = loadPersona('redis', this.cfg.persona, RedisPersonaSchema);
    this.artifacts = new ArtifactStore(join(ctx.dataDir, 'artifacts'));
    const p = persona.server;
    const now = Date.now();
    const instance: Instance = {
      pid: randomInt(p.process_id_min, p.process_id_max + 1),
      runId: randomBytes(20).toString('hex'),
      replId: randomBytes(20).toString('hex'),
      startedAtMs: now - randomInt(p.uptime_min_s, p.uptime_max_s + 1) * 1000,
      usedMemoryBase: 1_000_000 + randomInt(0, 200_000),
    };
    const stats: InfoStats = {
      connectedClients: 0,
      connectionsReceived: randomInt(40, 4000),
      commandsProcessed: randomInt(1000, 90_000),
      netInputBytes: randomInt(50_000, 5_000_000),
      netOutputBytes: randomInt(500_000, 50_000_000),
      errorReplies: new Map(),
      rejectedConnections: 0,
    };
    const states = new SourceStates({ maxKeys: this.cfg.keyspace_max_keys, maxBytes: this.cfg.keyspace_max_bytes }, this.cfg.keyspace_max_sources);
    const addr = await this.listener.start(ctx, (conn) => this.serve(conn, persona, instance, stats, states));
    return addr;
  }

  async stop(): Promise<void> {
    await this.listener.stop();
  }

  activeSessions(): number {
    return this.listener.active;
  }

  private serve(conn: Connection, persona: RedisPersona, instance: Instance, stats: InfoStats, states: SourceStates): void {
    const { socket, scope } = conn;
    const cfg = this.cfg;
    const ip = scope.srcIp;
    const now = Date.now();
    const client: ClientInfo = {
      id: this.nextClientId++,
      addr: `${ip}:${socket.remotePort ?? 0}`,
      laddr: `${socket.localAddress?.replace(/^::ffff:/, '') ?? '0.0.0.0'}:${socket.localPort ?? 0}`,
      name: '',
      db: 0,
      createdAt: now,
      lastActive: now,
      lastCmd: 'NULL',
    };
    this.clients.set(client.id, { ip, info: client });
    stats.connectionsReceived++;
    scope.onClose(() => this.clients.delete(client.id));
    const parser = new RespParser({ maxArgs: cfg.max_args, maxBulkBytes: cfg.max_bulk_bytes });
    let commands = 0;
    let saves = 0;
    let done = false;

    const send = (reply: resp.Reply): void => {
      stats.netOutputBytes += reply.length;
      if (reply[0] === 0x2d) {
        const prefix = reply.toString('latin1', 1, Math.min(reply.length, 40)).split(/[ \r]/)[0] ?? 'ERR';
        stats.errorReplies.set(prefix, (stats.errorReplies.get(prefix) ?? 0) + 1);
      }
      socket.write(reply);
      if (socket.writableLength > MAX_PENDING_OUTPUT) {
        done = true;
        conn.terminate('limit');
      }
    };

    socket.on('data', (chunk: Buffer) => {
      if (done) return;
      conn.touch();
      stats.netInputBytes += chunk.length;
      for (const item of parser.push(chunk)) {
        if (done) return;
        if (item.kind === 'error') {
          scope.emit('protocol.error', { message: item.message, data_hex: item.data.subarray(0, 256).toString('hex') });
          if (!item.silent) send(resp.error(`ERR ${item.message}`));
          done = true;
          conn.terminate('error');
          return;
        }
        if (++commands > cfg.max_commands_per_session) {
          done = true;
          conn.terminate('limit');
          return;
        }
        this.record(conn, item.argv);
        stats.commandsProcessed++;
        client.lastActive = Date.now();
        const state = states.of(ip, client.lastActive);
        const ctx: CommandContext = {
          client,
          state,
          persona,
          instance,
          stats: { ...stats, connectedClients: this.listener.active },
          now: client.lastActive,
          peers: () => [...this.clients.values()].filter((c) => c.ip === ip).map((c) => c.info),
          login: (ok, username, password) =>
            ok
              ? scope.emit('login.success', { username, password, method: 'redis-auth' })
              : scope.emit('login.failed', { username, password, method: 'redis-auth' }),
          saved: (path, content) => {
            if (++saves <= MAX_SAVES_PER_SESSION) this.recordSave(conn, path, content);
          },
        };
        const outcome = dispatch(ctx, item.argv);
        if (outcome.reply) send(outcome.reply);
        if (outcome.close) {
          done = true;
          if (outcome.close === 'now') conn.terminate('server');
          else socket.end();
          return;
        }
      }
    });
  }

  /** The keys' values a SAVE would have put in `path` (the authorized_keys or crontab payload), as an artifact. */
  private recordSave(conn: Connection, path: string, content: Buffer): void {
    if (!this.artifacts) return;
    const stored = this.artifacts.save(content);
    conn.scope.emit('session.file_upload', { filename: path, shasum: stored.shasum, size: content.length, duplicate: stored.duplicate, truncated: false });
  }

  /** One redis.command event: name upper-cased, each argument cut to event_arg_bytes. */
  private record(conn: Connection, argv: Buffer[]): void {
    const cap = this.cfg.event_arg_bytes;
    let truncated = false;
    const args = argv.slice(1).map((a) => {
      if (a.length <= cap) return a.toString('utf8');
      truncated = true;
      return a.subarray(0, cap).toString('utf8');
    });
    const name = argv[0]!;
    if (name.length > cap) truncated = true;
    conn.scope.emit('redis.command', { command: name.subarray(0, cap).toString('utf8').toUpperCase(), args, args_truncated: truncated });
  }
}
