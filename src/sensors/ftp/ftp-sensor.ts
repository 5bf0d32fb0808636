// The FTP sensor: vsftpd 3.0.3 (the persona's greeting, features and tree) on the shared TCP listener.
import { join } from 'node:path';
import type { Config } from '../../schema/config.js';
import { FtpPersonaSchema } from '../../schema/personas/ftp.js';
import type { ListenAddress, Sensor, SensorContext } from '../../core/sensor.js';
import { loadPersona } from '../../core/persona-loader.js';
import { ArtifactStore } from '../artifact-store.js';
import { LoginPolicy } from '../auth/login-policy.js';
import { TcpListener } from '../tcp-listener.js';
import type { FtpDeps } from './ftp-deps.js';
import { FtpSession } from './ftp-session.js';
import { UploadBudget } from './upload-budget.js';

export class FtpSensor implements Sensor {
  readonly name = 'ftp';
  readonly protocol = 'ftp' as const;
  private listener: TcpListener | undefined;

  constructor(private readonly config: Config) {}

  async start(ctx: SensorContext): Promise<ListenAddress> {
    const cfg = this.config.ftp;
    const persona = loadPersona('ftp', cfg.persona, FtpPersonaSchema);
    const deps: FtpDeps = {
      config: cfg,
      persona,
      policy: new LoginPolicy(this.config.auth.users),
      artifacts: new ArtifactStore(join(ctx.dataDir, 'artifacts')),
      uploads: new UploadBudget(),
    };
    this.listener = new TcpListener(this.name, this.protocol, cfg);
    const address = await this.listener.start(ctx, (conn) => new FtpSession(conn, deps));
    ctx.logger.child({ sensor: this.name }).info('listening', { host: address.host, port: address.port, persona: persona.name });
    return address;
  }

  activeSessions(): number {
    return this.listener?.active ?? 0;
  }

  async stop(): Promise<void> {
    await this.listener?.stop();
  }
}
