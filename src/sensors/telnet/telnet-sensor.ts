// The Telnet sensor: the persona's telnetd (Debian netkit in.telnetd or BusyBox telnetd) with login(1)
// and the shared emulated shell, on the shared TCP listener.
import type { Config } from '../../schema/config.js';
import { TelnetPersonaSchema, type TelnetPersona } from '../../schema/personas/telnet.js';
import type { ListenAddress, Sensor, SensorContext } from '../../core/sensor.js';
import { loadPersona } from '../../core/persona-loader.js';
import { shellServices } from '../shell/shell-host.js';
import { LoginPolicy } from '../auth/login-policy.js';
import { TcpListener } from '../tcp-listener.js';
import { busyboxCommandTable } from './busybox-commands.js';
import { TelnetSession } from './telnet-session.js';

export class TelnetSensor implements Sensor {
  readonly name = 'telnet';
  readonly protocol = 'telnet' as const;
  private readonly listener: TcpListener;

  constructor(private readonly config: Config) {
    this.listener = new TcpListener(this.name, this.protocol, config.telnet);
  }

  async start(ctx: SensorContext): Promise<ListenAddress> {
    const cfg = this.config.telnet;
    const persona: TelnetPersona = loadPersona('telnet', cfg.persona, TelnetPersonaSchema);
    const policy = new LoginPolicy(this.config.auth.users);
    const commands = persona.busybox ? busyboxCommandTable(persona.busybox.banner) : undefined;
    const deps = {
      persona,
      policy,
      hostname: cfg.hostname,
      maxAuthTries: cfg.max_auth_tries,
      loginTimeoutS: cfg.login_timeout_s,
      failDelayMs: cfg.login_fail_delay_ms,
      shell: shellServices(ctx.dataDir, { os: persona.os, hostname: cfg.hostname, flavour: persona.daemon === 'busybox' ? 'ash' : 'bash', ...(commands ? { commands } : {}) }),
    };
    const address = await this.listener.start(ctx, (conn) => new TelnetSession(conn, deps));
    ctx.logger.child({ sensor: this.name }).info('listening', { host: address.host, port: address.port, persona: persona.name });
    return address;
  }

  activeSessions(): number {
    return this.listener.active;
  }

  stop(): Promise<void> {
    return this.listener.stop();
  }
}
