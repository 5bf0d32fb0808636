// The building blocks of the event catalogue: the envelope every event carries and the `event()` constructor.
// Per-protocol event files use them; src/schema/events.ts assembles the union.
import { z } from 'zod';

export const PROTOCOLS = ['ssh', 'telnet', 'http', 'https', 'ftp', 'smtp', 'mysql', 'redis'] as const;
export const ProtocolSchema = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof ProtocolSchema>;

export const port = z.number().int().min(0).max(65535);

/** Fields every event carries, bound once per connection by the SessionScope. */
export const envelopeShape = {
  id: z.string().min(1),
  timestamp: z.iso.datetime(),
  sensor: z.string().min(1),
  session: z.string().min(1),
  protocol: ProtocolSchema,
  src_ip: z.string(),
  src_port: port,
  dst_ip: z.string(),
  dst_port: port,
};
export const ENVELOPE_FIELDS = Object.keys(envelopeShape) as (keyof typeof envelopeShape)[];
export type Envelope = z.infer<z.ZodObject<typeof envelopeShape>>;

/** Why a connection ended; recorded on session.closed. */
export const CloseReasonSchema = z.enum([
  'client',
  'server',
  'timeout',
  'idle',
  'auth_limit',
  'limit',
  'error',
  'shutdown',
]);
export type CloseReason = z.infer<typeof CloseReasonSchema>;

/** How a credential was presented; the protocol-specific methods belong to the sensors that capture them. */
export const AuthMethodSchema = z.enum([
  'password',
  'keyboard-interactive',
  'publickey',
  'none',
  'http-basic',
  'http-form',
  'ftp',
  'smtp-plain',
  'smtp-login',
  'mysql_native_password',
  'caching_sha2_password',
  'redis-auth',
]);

export function event<const K extends string, S extends z.ZodRawShape>(eventid: K, description: string, fields: S) {
  const schema = z.strictObject({ ...envelopeShape, eventid: z.literal(eventid), ...fields });
  return { eventid, description, fields, schema };
}

