// The event catalogue: one zod discriminated union of every event PhantomNet records.
// Names and fields follow Cowrie where Cowrie has them; docs/events.md is kept identical by a test.
import { z } from 'zod';
import { AuthMethodSchema, CloseReasonSchema, event, port, type Envelope } from './event-base.js';
import { FTP_EVENTS } from './events/ftp.js';
import { HTTP_EVENTS } from './events/http.js';
import { MYSQL_EVENTS } from './events/mysql.js';
import { REDIS_EVENTS } from './events/redis.js';
import { SHELL_EVENTS } from './events/shell.js';
import { SMTP_EVENTS } from './events/smtp.js';

export {
  PROTOCOLS,
  ProtocolSchema,
  envelopeShape,
  ENVELOPE_FIELDS,
  CloseReasonSchema,
  AuthMethodSchema,
  type Protocol,
  type Envelope,
  type CloseReason,
} from './event-base.js';

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
    auth_data: z.string().optional(),
  }),
  event('login.failed', 'A login attempt that the login policy refused.', {
    username: z.string(),
    password: z.string(),
    method: AuthMethodSchema,
    auth_data: z.string().optional(),
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
  event('session.file_upload', 'A file the attacker uploaded or wrote (FTP STOR, HTTP upload, SFTP, scp); stored once by SHA-256.', {
    filename: z.string(),
    shasum: z.string().regex(/^[0-9a-f]{64}$/),
    size: z.number().int().min(0),
    duplicate: z.boolean(),
    truncated: z.boolean(),
  }),
  event('protocol.error', 'Malformed or unexpected protocol data; the bytes are kept (capped) for analysis.', {
    message: z.string(),
    data_hex: z.string(),
  }),
  ...SHELL_EVENTS,
  ...HTTP_EVENTS,
  ...FTP_EVENTS,
  ...SMTP_EVENTS,
  ...MYSQL_EVENTS,
  ...REDIS_EVENTS,
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
