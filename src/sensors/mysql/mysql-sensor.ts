// The MySQL sensor: our own implementation of the MySQL client/server protocol, dressed as the persona's
// MySQL 8.0 release, on the shared TcpListener.
import type { Config } from '../../schema/config.js';
import { MysqlPersonaSchema } from '../../schema/personas/mysql.js';
import type { ListenAddress, Sensor, SensorContext } from '../../core/sensor.js';
import { createHash } from 'node:crypto';
import { loadPersona } from '../../core/persona-loader.js';
import { LoginPolicy } from '../auth/login-policy.js';
import { TcpListener } from '../tcp-listener.js';
import { MysqlConnection } from './mysql-connection.js';

export class MysqlSensor implements Sensor {
  readonly name = 'mysql';
  readonly protocol = 'mysql' as const;
  private readonly listener: TcpListener;

  constructor(private readonly config: Config) {
    this.listener = new TcpListener(this.name, this.protocol, config.mysql);
  }

  async start(ctx: SensorContext): Promise<ListenAddress> {
    const cfg = this.config.mysql;
    const persona = loadPersona('mysql', cfg.persona, MysqlPersonaSchema);
    // What SHOW VARIABLES reports must match what the sensor enforces.
    const variables = { ...persona.variables, ...containerNames(persona.variables, ctx.identity.seed), max_allowed_packet: String(cfg.max_packet_bytes) };
    const policy = new LoginPolicy(this.config.auth.users);
    let nextId = persona.first_connection_id;
    const address = await this.listener.start(ctx, (conn) => {
      const connectionId = nextId;
      nextId = nextId >= 0xffffff ? persona.first_connection_id : nextId + 1;
      new MysqlConnection(conn, { config: cfg, persona, variables, policy, connectionId });
    });
    ctx.logger.child({ sensor: this.name }).info('listening', { host: address.host, port: address.port, persona: persona.name });
    return address;
  }

  activeSessions(): number {
    return this.listener.active;
  }

  async stop(): Promise<void> {
    await this.listener.stop();
  }
}

/**
 * The persona is MySQL in a container, whose host name is the container id; a fixed id would be the same on
 * every deployment, so it is drawn from the instance seed (stable across restarts, different per instance).
 */
function containerNames(vars: Readonly<Record<string, string>>, seed: string): Record<string, string> {
  const old = vars.hostname;
  if (old === undefined || !/^[0-9a-f]{12}$/.test(old)) return {};
  const id = createHash('sha256').update(`${seed}|mysql-container`).digest('hex').slice(0, 12);
  const renamed: Record<string, string> = {};
  for (const [k, v] of Object.entries(vars)) if (v.includes(old)) renamed[k] = v.split(old).join(id);
  return renamed;
}
