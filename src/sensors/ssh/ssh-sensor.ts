// The SSH sensor: an ssh2 server dressed as the persona's OpenSSH, behind our own TCP listener
// so that limits apply and the client's first bytes can be fingerprinted before ssh2 sees them.
import { createServer, type Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Config } from '../../schema/config.js';
import { SshPersonaSchema, type SshPersona } from '../../schema/persona.js';
import type { ListenAddress, Sensor, SensorContext } from '../../core/sensor.js';
import { PhantomError } from '../../core/errors.js';
import { loadPersona } from '../../core/persona-loader.js';
import { normaliseIp } from '../../core/session-scope.js';
import { LoginPolicy } from '../auth/login-policy.js';
import { ConnectionLimiter } from '../connection-limiter.js';
import { listen } from '../listen.js';
import { loadOrCreateHostKeys, signingKey, type HostKeyType } from './host-keys.js';
import { SshConnection } from './ssh-connection.js';
import { ssh2Algorithms } from './persona-algorithms.js';
import { shellServices } from '../shell/shell-host.js';
import { sensorFs, type FsRegistry } from '../shell/fs/index.js';
import { commandTable } from '../shell/commands/index.js';
import { DownloadService } from '../downloads/fetcher.js';
import { personaWithIdentity } from '../shell/system/identity.js';
import { LastLogins } from '../shell/last-login.js';
import { recordingSettings } from '../shell/recording/session-recording.js';

const KEY_TYPE_FOR_ALGORITHM: Record<string, HostKeyType> = {
  'ecdsa-sha2-nistp256': 'ecdsa',
  'ssh-ed25519': 'ed25519',
};

export class SshSensor implements Sensor {
  readonly name = 'ssh';
  readonly protocol = 'ssh' as const;
  private netServer: NetServer | undefined;
  private fs: FsRegistry | undefined;
  private readonly live = new Map<string, SshConnection>();

  constructor(private readonly config: Config) {}

  async start(ctx: SensorContext): Promise<ListenAddress> {
    const cfg = { ...this.config.ssh, hostname: this.config.ssh.hostname ?? ctx.identity.hostname };
    const persona: SshPersona = personaWithIdentity(loadPersona('ssh', cfg.persona, SshPersonaSchema), ctx.identity);
    const keyTypes = persona.algorithms.server_host_key.map((alg) => {
      const t = KEY_TYPE_FOR_ALGORITHM[alg];
      if (!t) throw new PhantomError('PN_ERR_PERSONA', `persona ${persona.name}: host key algorithm ${alg} is not supported`);
      return t;
    });
    const keys = loadOrCreateHostKeys(join(ctx.dataDir, 'keys'), keyTypes);
    const policy = new LoginPolicy(this.config.auth.users);
    const limiter = new ConnectionLimiter(cfg.max_connections, cfg.max_connections_per_source);
    const log = ctx.logger.child({ sensor: this.name });
    const shell = shellServices(ctx.dataDir, {
      os: persona.os,
      hostname: cfg.hostname,
      flavour: 'bash',
      recording: recordingSettings(this.config.shell.recording, ctx.dataDir),
      commandLatencyMs: this.config.shell.command_latency_ms,
      downloads: new DownloadService(this.config.shell.downloads),
      lastLogins: new LastLogins(`${ctx.sensorName}|${cfg.hostname}`),
      fs: (this.fs = sensorFs({ dataDir: ctx.dataDir, sensorName: this.name, os: persona.os, hostname: cfg.hostname, commands: commandTable(), limits: this.config.shell.fs, logger: ctx.logger.child({ sensor: this.name }) })),
    });

    const server = new ssh2.Server({
      hostKeys: keys.map((k) => ({ key: signingKey(k.privateKey) })),
      ident: persona.ident,
      algorithms: ssh2Algorithms(persona),
    });
    server.on('connection', (client, info) => {
      const conn = this.live.get(`${normaliseIp(info.ip)}|${info.port}`);
      if (!conn) {
        client.end();
        return;
      }
      conn.attach(client, info);
    });
    server.on('error', (err: Error) => log.warn('ssh server error', { error: err.message }));

    this.netServer = createServer({ noDelay: true }, (socket: Socket) => {
      const srcIp = normaliseIp(socket.remoteAddress);
      const srcPort = socket.remotePort ?? 0;
      const scope = ctx.openSession({
        protocol: 'ssh',
        src_ip: srcIp,
        src_port: srcPort,
        dst_ip: normaliseIp(socket.localAddress),
        dst_port: socket.localPort ?? 0,
      });
      socket.on('error', () => {});
      if (!limiter.tryAcquire(srcIp)) {
        // OpenSSH's MaxStartups drops excess connections before the banner, with this one CRLF line; so do we.
        ctx.metrics.inc('ssh.refused_limit');
        socket.end('Exceeded MaxStartups\r\n', () => socket.destroy());
        scope.close('limit');
        return;
      }
      const key = `${srcIp}|${srcPort}`;
      const conn = new SshConnection(socket, scope, { config: cfg, persona, policy, shell });
      this.live.set(key, conn);
      scope.onClose(() => {
        this.live.delete(key);
        limiter.release(srcIp);
      });
      server.injectSocket(socket);
    });
    const address = await listen(this.netServer, cfg.host, cfg.port, this.name);
    log.info('listening', { host: address.host, port: address.port, persona: persona.name, host_keys: keys.map((k) => `${k.type}:${k.fingerprint}`).join(',') });
    return address;
  }

  activeSessions(): number {
    return this.live.size;
  }

  async stop(): Promise<void> {
    const server = this.netServer;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const conn of [...this.live.values()]) {
      conn.scope.close('shutdown');
      conn.terminate('shutdown');
      conn.socket.destroy();
    }
    this.live.clear();
    await closed;
    // Source layers outlive the process: the next start finds what each source left.
    this.fs?.flush();
  }
}
