// The Telnet sensor: the persona's telnetd (Debian netkit in.telnetd or BusyBox telnetd) with login(1)
// and the shared emulated shell, on the shared TCP listener.
import type { Config } from '../../schema/config.js';
import { TelnetPersonaSchema, type TelnetPersona } from '../../schema/personas/telnet.js';
import type { ListenAddress, Sensor, SensorContext } from '../../core/sensor.js';
import { loadPersona } from '../../core/persona-loader.js';
import { shellServices } from '../shell/shell-host.js';
import { LastLogins } from '../shell/last-login.js';
import { sensorFs, type FsRegistry } from '../shell/fs/index.js';
import { commandTable } from '../shell/commands/index.js';
import { DownloadService } from '../downloads/fetcher.js';
import { personaWithIdentity } from '../shell/system/identity.js';
import { recordingSettings } from '../shell/recording/session-recording.js';
import { LoginPolicy } from '../auth/login-policy.js';
import { TcpListener } from '../tcp-listener.js';
import { busyboxCommandTable } from './busybox-commands.js';
import { TelnetSession } from './telnet-session.js';

export class TelnetSensor implements Sensor {
  readonly name = 'telnet';
  readonly protocol = 'telnet' as const;
  private readonly listener: TcpListener;
  private fs: FsRegistry | undefined;

  constructor(private readonly config: Config) {
    this.listener = new TcpListener(this.name, this.protocol, config.telnet);
  }

  async start(ctx: SensorContext): Promise<ListenAddress> {
    const cfg = { ...this.config.telnet, hostname: this.config.telnet.hostname ?? ctx.identity.hostname };
    const persona: TelnetPersona = personaWithIdentity(loadPersona('telnet', cfg.persona, TelnetPersonaSchema), ctx.identity);
    const policy = new LoginPolicy(this.config.auth.users);
    const commands = persona.busybox ? busyboxCommandTable(persona.busybox.banner) : undefined;
    const deps = {
      persona,
      policy,
      hostname: cfg.hostname,
      maxAuthTries: cfg.max_auth_tries,
      loginTimeoutS: cfg.login_timeout_s,
      failDelayMs: cfg.login_fail_delay_ms,
      shell: shellServices(ctx.dataDir, {
        os: persona.os,
        hostname: cfg.hostname,
        flavour: persona.daemon === 'busybox' ? 'ash' : 'bash',
        ...(commands ? { commands } : {}),
        recording: recordingSettings(this.config.shell.recording, ctx.dataDir),
        commandLatencyMs: this.config.shell.command_latency_ms,
        downloads: new DownloadService(this.config.shell.downloads),
        // login(1) on Debian prints pam_lastlog's line; a BusyBox device keeps no lastlog.
        ...(persona.daemon === 'netkit' ? { lastLogins: new LastLogins(`${ctx.sensorName}|${cfg.hostname}|telnet`) } : {}),
        fs: (this.fs = sensorFs({ dataDir: ctx.dataDir, sensorName: this.name, os: persona.os, hostname: cfg.hostname, commands: commands ?? commandTable(), limits: this.config.shell.fs, logger: ctx.logger.child({ sensor: this.name }) })),
      }),
    };
    const address = await this.listener.start(ctx, (conn) => new TelnetSession(conn, deps));
    ctx.logger.child({ sensor: this.name }).info('listening', { host: address.host, port: address.port, persona: persona.name });
    return address;
  }

  activeSessions(): number {
    return this.listener.active;
  }

  async stop(): Promise<void> {
    await this.listener.stop();
    // Source layers outlive the process: the next start finds what each source left.
    this.fs?.flush();
  }
}
