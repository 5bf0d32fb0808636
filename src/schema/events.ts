// The event catalogue: one zod discriminated union of every event PhantomNet records.
// Names and fields follow Cowrie where Cowrie has them; docs/events.md is kept identical by a test.
import { z } from 'zod';

export const PROTOCOLS = ['ssh', 'telnet', 'http', 'https', 'ftp', 'smtp', 'mysql', 'redis'] as const;
export const ProtocolSchema = z.enum(PROTOCOLS);
export type Protocol = z.infer<typeof ProtocolSchema>;

const port = z.number().int().min(0).max(65535);

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

export const AuthMethodSchema = z.enum(['password', 'keyboard-interactive', 'publickey', 'none']);

function event<const K extends string, S extends z.ZodRawShape>(eventid: K, description: string, fields: S) {
  const schema = z.strictObject({ ...envelopeShape, eventid: z.literal(eventid), ...fields });
  return { eventid, description, fields, schema };
}

/**
 * Every event, with a one-line description. The description and field list here are what
 * docs/events.md must say; test/catalogue.test.ts fails when they drift apart.
 */
export const EVENT_DEFINITIONS = [
  event('session.connect', 'A TCP connection was accepted by a sensor. Always the first event of a session.', {}),
  event('session.closed', 'The connection ended, however it ended. Always the last event of a session.', {
    duration_ms: z.number().int().min(0),
    reason: CloseReasonSchema,
  }),
  event('client.version', 'The SSH client identification string (RFC 4253 section 4.2).', {
    version: z.string(),
  }),
  event('client.kex', "The client's key exchange offer (its first KEXINIT) and its HASSH fingerprint.", {
    hassh: z.string().regex(/^[0-9a-f]{32}$/),
    hasshAlgorithms: z.string(),
    kexAlgs: z.array(z.string()),
    keyAlgs: z.array(z.string()),
    encCS: z.array(z.string()),
    macCS: z.array(z.string()),
    compCS: z.array(z.string()),
    langCS: z.array(z.string()),
  }),
  event('client.size', 'The terminal size the client asked for (pty request or window change).', {
    width: z.number().int().min(0),
    height: z.number().int().min(0),
  }),
  event('login.success', 'A login attempt that the login policy accepted.', {
    username: z.string(),
    password: z.string(),
    method: AuthMethodSchema,
  }),
  event('login.failed', 'A login attempt that the login policy refused.', {
    username: z.string(),
    password: z.string(),
    method: AuthMethodSchema,
  }),
  event('command.input', 'A command line the attacker sent (interactive shell or exec request).', {
    input: z.string(),
  }),
  event('command.failed', 'A command the shell does not know; the attacker saw "command not found".', {
    input: z.string(),
  }),
  event('direct-tcpip.request', 'A port-forwarding request (ssh -L / -D / -R); always refused.', {
    kind: z.enum(['direct-tcpip', 'tcpip-forward']),
    dst_host: z.string(),
    dst_port_requested: port,
  }),
  event('protocol.error', 'Malformed or unexpected protocol data; the bytes are kept (capped) for analysis.', {
    message: z.string(),
    data_hex: z.string(),
  }),
] as const;

export const EventSchema = z.discriminatedUnion(
  'eventid',
  EVENT_DEFINITIONS.map((d) => d.schema) as unknown as [
    (typeof EVENT_DEFINITIONS)[number]['schema'],
    ...(typeof EVENT_DEFINITIONS)[number]['schema'][],
  ],
);

export type PhantomEvent = z.infer<(typeof EVENT_DEFINITIONS)[number]['schema']>;
export type EventId = PhantomEvent['eventid'];
export const EVENT_IDS = EVENT_DEFINITIONS.map((d) => d.eventid) as EventId[];
export type EventOf<K extends EventId> = Extract<PhantomEvent, { eventid: K }>;
/** The per-event fields an emitter supplies; the envelope is added by the SessionScope. */
export type EventFields<K extends EventId> = Omit<EventOf<K>, keyof Envelope | 'eventid'>;
