// The SMTP sensor: a hand-written Postfix smtpd look-alike on the shared TcpListener (smtp-server's fixed
// texts, such as its EHLO greeting line, cannot be made to match Postfix byte for byte).
import type { Config } from '../../schema/config.js';
import { SmtpPersonaSchema, type SmtpPersona } from '../../schema/personas/smtp.js';
import type { ListenAddress, Sensor, SensorContext } from '../../core/sensor.js';
import { loadPersona } from '../../core/persona-loader.js';
import { instanceFqdn } from '../../core/identity/fqdn.js';
import { LoginPolicy } from '../auth/login-policy.js';
import { TcpListener } from '../tcp-listener.js';
import { QueueIds } from './queue-id.js';
import { SmtpSession } from './smtp-session.js';

export class SmtpSensor implements Sensor {
  readonly name = 'smtp';
  readonly protocol = 'smtp' as const;
  private readonly listener: TcpListener;

  constructor(private readonly config: Config) {
    this.listener = new TcpListener(this.name, this.protocol, config.smtp);
  }

  async start(ctx: SensorContext): Promise<ListenAddress> {
    const cfg = this.config.smtp;
    const persona: SmtpPersona = loadPersona('smtp', cfg.persona, SmtpPersonaSchema);
    const deps = {
      persona,
      policy: new LoginPolicy(this.config.auth.users),
      queueIds: new QueueIds(),
      settings: {
        hostname: cfg.hostname ?? instanceFqdn(ctx.identity),
        messageSizeLimit: cfg.message_size_limit,
        recipientLimit: cfg.recipient_limit,
        maxMessagesPerSession: cfg.max_messages_per_session,
        captureBytes: cfg.capture_kib * 1024,
      },
    };
    const address = await this.listener.start(ctx, (conn) => new SmtpSession(conn, deps).start());
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
