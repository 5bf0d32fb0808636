// Configuration of the SMTP sensor.
import { z } from 'zod';
import { port, sensorCommon } from '../sensor-config-base.js';

export const SmtpConfigSchema = z.strictObject({
  ...sensorCommon,
  port: port.default(2525),
  /** Persona file name under personas/smtp (without .yaml). */
  persona: z.string().regex(/^[a-z0-9._-]+$/).default('postfix-3.7-debian-12'),
  /** Postfix myhostname: in the greeting, the EHLO reply and error texts; unset: the instance's host.domain. */
  hostname: z.string().regex(/^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/, 'a lowercase host name').optional(),
  /** Postfix message_size_limit: advertised as SIZE; larger messages are answered 552 (and still recorded). */
  message_size_limit: z.number().int().min(1024).max(1_073_741_824).default(10_240_000),
  /** Postfix smtpd_recipient_limit: recipients accepted per message. */
  recipient_limit: z.number().int().min(1).max(100_000).default(1000),
  /** Messages accepted in one session; later MAIL commands are refused as a rate-limited Postfix does. */
  max_messages_per_session: z.number().int().min(1).max(100_000).default(100),
  /** KiB of each message kept in the smtp.message event; the rest is counted and hashed, not kept. */
  capture_kib: z.number().int().min(1).max(10_240).default(64),
});
