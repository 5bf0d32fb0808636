// The cowrie-json output: our events as Cowrie JSON lines (eventids, field names, messages, daily files),
// so dashboards, parsers and feeds built for Cowrie read PhantomNet's log unchanged. Mapping: docs/events.md.
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { Output } from '../core/output.js';
import { ENVELOPE_FIELDS, type EventId, type EventOf, type PhantomEvent } from '../schema/events.js';
import { DailyFile, type Rotation } from './daily-file.js';

export const COWRIE_PREFIX = 'cowrie.';

export type CowrieValue = string | number | boolean | null | readonly string[];
/** One line of the log, before JSON encoding. */
export type CowrieRecord = Record<string, CowrieValue>;

interface Formatted {
  message: string;
  /** Per-event fields; applied after the envelope, so an event may re-point envelope names as Cowrie does. */
  fields: CowrieRecord;
}

/**
 * Seconds with one decimal, as a string, as Cowrie writes session.closed's duration (Python's f"{s:.1f}").
 * toFixed rounds exact binary ties (x.x25 / x.x75 s) up where Python rounds them to even; those are fixed here.
 */
export function cowrieDuration(ms: number): string {
  const rest = ms % 1000;
  if (Number.isInteger(ms) && ms >= 0 && (rest === 250 || rest === 750)) {
    const down = Math.floor(ms / 100);
    const tenths = down % 2 === 0 ? down : down + 1;
    return `${Math.floor(tenths / 10)}.${tenths % 10}`;
  }
  return (ms / 1000).toFixed(1);
}

/** ISO-8601 UTC with exactly six fractional digits and Z: Cowrie's %Y-%m-%dT%H:%M:%S.%fZ. */
export function cowrieTimestamp(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?Z$/.exec(iso);
  if (m) return `${m[1]}.${(m[2] ?? '').padEnd(6, '0').slice(0, 6)}Z`;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? iso : cowrieTimestamp(new Date(t).toISOString());
}

const OWN_SKIP = new Set<string>([...ENVELOPE_FIELDS, 'eventid']);

/** Events Cowrie does not have keep our field names; a `message` field of their own is the message. */
function ownFields(e: PhantomEvent): Formatted {
  const fields: CowrieRecord = {};
  for (const [k, v] of Object.entries(e) as [string, CowrieValue | [string, string][]][]) {
    if (OWN_SKIP.has(k)) continue;
    // Header pairs become "Name: value" strings, so every value stays a Cowrie-style scalar or string list.
    fields[k] = Array.isArray(v) && v.every((x) => Array.isArray(x)) ? (v as [string, string][]).map(([n, val]) => `${n}: ${val}`) : (v as CowrieValue);
  }
  return { message: typeof fields['message'] === 'string' ? fields['message'] : e.eventid, fields };
}

/** Our own field names, with a human message as Cowrie writes one for every event. */
const own =
  <E extends PhantomEvent>(message: (e: E) => string) =>
  (e: E): Formatted => ({ ...ownFields(e), message: message(e) });

const authData = (e: { auth_data?: string | undefined }): CowrieRecord => (e.auth_data === undefined ? {} : { auth_data: e.auth_data });

// Mapped type: adding an event to the catalogue fails the typecheck until it has a formatter here.
const FORMATTERS: { [K in EventId]: (e: EventOf<K>) => Formatted } = {
  'session.connect': (e) => ({
    message: `New connection: ${e.src_ip}:${e.src_port} (${e.dst_ip}:${e.dst_port}) [session: ${e.session}]`,
    fields: {},
  }),
  'session.closed': (e) => {
    const duration = cowrieDuration(e.duration_ms);
    return {
      message: `Connection lost after ${duration} seconds`,
      fields: { duration, duration_ms: e.duration_ms, reason: e.reason },
    };
  },
  'client.version': (e) => ({ message: `Remote SSH version: ${e.version}`, fields: { version: e.version } }),
  'client.kex': (e) => ({
    message: `SSH client hassh fingerprint: ${e.hassh}`,
    fields: {
      hassh: e.hassh,
      hasshAlgorithms: e.hasshAlgorithms,
      kexAlgs: e.kexAlgs,
      keyAlgs: e.keyAlgs,
      encCS: e.encCS,
      macCS: e.macCS,
      compCS: e.compCS,
      langCS: e.langCS,
    },
  }),
  'client.size': (e) => ({
    message: `Terminal Size: ${e.width} ${e.height}`,
    fields: { width: e.width, height: e.height },
  }),
  'login.success': (e) => ({
    message: `login attempt [${e.username}/${e.password}] succeeded`,
    fields: { username: e.username, password: e.password, method: e.method, ...authData(e) },
  }),
  'login.failed': (e) => ({
    message: `login attempt [${e.username}/${e.password}] failed`,
    fields: { username: e.username, password: e.password, method: e.method, ...authData(e) },
  }),
  'command.input': (e) => ({ message: `CMD: ${e.input}`, fields: { input: e.input } }),
  'command.failed': (e) => ({ message: `Command not found: ${e.input}`, fields: { input: e.input } }),
  // Cowrie puts the requested destination in dst_ip/dst_port; the listener the attacker reached moves to sensor_*.
  'direct-tcpip.request': (e) => ({
    message:
      e.kind === 'direct-tcpip'
        ? `direct-tcp connection request to ${e.dst_host}:${e.dst_port_requested} from ${e.src_ip}:${e.src_port}`
        : `tcpip-forward request to listen on ${e.dst_host}:${e.dst_port_requested} from ${e.src_ip}:${e.src_port}`,
    fields: {
      dst_ip: e.dst_host,
      dst_port: e.dst_port_requested,
      sensor_ip: e.dst_ip,
      sensor_port: e.dst_port,
      kind: e.kind,
    },
  }),
  'client.var': (e) => ({ message: `request_env: ${e.name}=${e.value}`, fields: { name: e.name, value: e.value } }),
  'session.params': (e) => ({ message: `Session parameters: arch ${e.arch}`, fields: { arch: e.arch } }),
  'session.file_download': own((e) => `Downloaded URL (${e.url}) with SHA-256 ${e.shasum} to ${e.outfile}`),
  'session.file_download.failed': own((e) => `Attempt to download file(s) from URL (${e.url}) failed`),
  'log.closed': (e) => {
    const duration = cowrieDuration(e.duration_ms);
    return {
      message: `Closing TTY Log: ${e.ttylog} after ${duration} seconds`,
      fields: { ttylog: e.ttylog, size: e.size, shasum: e.shasum, duplicate: e.duplicate, duration, duration_ms: e.duration_ms },
    };
  },
  'session.file_upload': own((e) => `Uploaded file "${e.filename}" (${e.size} bytes) with SHA-256 ${e.shasum}`),
  'protocol.error': ownFields,
  'http.request': own((e) => `${e.method} ${e.uri} ${e.http_version} -> ${e.status}`),
  'ftp.command': own((e) => `FTP command: ${e.command}${e.argument ? ' ' + e.argument : ''}`),
  'smtp.command': own((e) => `SMTP command: ${e.command}${e.argument ? ' ' + e.argument : ''}`),
  'smtp.message': own((e) => `SMTP message from <${e.mail_from}> to ${e.rcpt_to.map((r) => `<${r}>`).join(', ')} (${e.size} bytes)`),
  'mysql.query': own((e) => `MySQL query: ${e.query}`),
  'mysql.command': own((e) => `MySQL command: ${e.command}${e.argument ? ' ' + e.argument : ''}`),
  'redis.command': own((e) => `Redis command: ${[e.command, ...e.args].join(' ')}`),
};

/** The Cowrie record for one event. Never throws for a catalogue event; an unknown id gets our own field names. */
export function toCowrieRecord(e: PhantomEvent): CowrieRecord {
  const format = FORMATTERS[e.eventid] as ((ev: PhantomEvent) => Formatted) | undefined;
  const { message, fields } = (format ?? ownFields)(e);
  return {
    eventid: COWRIE_PREFIX + e.eventid,
    timestamp: cowrieTimestamp(e.timestamp),
    sensor: e.sensor,
    session: e.session,
    protocol: e.protocol,
    src_ip: e.src_ip,
    src_port: e.src_port,
    dst_ip: e.dst_ip,
    dst_port: e.dst_port,
    // Cowrie's own `uuid` is the sensor's identity, the same on every line; ours is per event.
    event_uuid: e.id,
    ...fields,
    message,
  };
}

/** One JSON line (newline included). JSON.stringify escapes control characters, so a line is always one line. */
export function toCowrieLine(e: PhantomEvent): string {
  return JSON.stringify(toCowrieRecord(e)) + '\n';
}

export interface CowrieJsonOutputOptions {
  /** The current file; rotated files are `<path>.YYYY-MM-DD`. */
  path: string;
  rotate: Rotation;
  logger: Logger;
  clock?: Clock;
}

export class CowrieJsonOutput implements Output {
  readonly name = 'cowrie_json';
  private readonly file: DailyFile;
  private readonly logger: Logger;

  constructor(opts: CowrieJsonOutputOptions) {
    this.logger = opts.logger;
    this.file = new DailyFile({
      path: opts.path,
      rotate: opts.rotate,
      ...(opts.clock ? { clock: opts.clock } : {}),
      onRotate: (rotatedTo) => this.logger.info('cowrie-json log rotated', { path: opts.path, rotated_to: rotatedTo }),
    });
  }

  get path(): string {
    return this.file.path;
  }

  /** One append per batch; a failure rejects (the bus counts and logs it) and the next batch reopens the file. */
  async write(batch: readonly PhantomEvent[]): Promise<void> {
    if (batch.length === 0) return;
    let data = '';
    for (const e of batch) data += toCowrieLine(e);
    await this.file.append(data);
  }

  async close(): Promise<void> {
    await this.file.close();
    this.logger.debug('cowrie-json output closed', { path: this.file.path });
  }
}
