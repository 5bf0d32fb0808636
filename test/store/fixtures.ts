// Event fixtures for store tests: one sample of every catalogue event, and a builder for realistic sessions.
import { newId } from '../../src/core/ids.js';
import { EventSchema, type EventFields, type EventId, type PhantomEvent } from '../../src/schema/events.js';

/** One sample per event id; a new catalogue entry without a sample here fails to compile. */
export const EVENT_SAMPLES: { [K in EventId]: EventFields<K> } = {
  'client.var': { name: 'LANG', value: 'C.UTF-8' },
  'session.params': { arch: 'linux-x64-lsb' },
  'session.file_download': { url: 'http://198.51.100.7/x.sh', outfile: '/tmp/x.sh', shasum: 'c'.repeat(64), size: 42, duplicate: false, truncated: false },
  'session.file_download.failed': { url: 'http://198.51.100.7/x.sh', reason: 'disabled' },
  'log.closed': { ttylog: 'casts/2026/01/01/abc.cast', size: 100, shasum: 'd'.repeat(64), duplicate: false, duration_ms: 5 },
  'session.connect': {},
  'session.closed': { duration_ms: 12_345, reason: 'client' },
  'client.version': { version: 'SSH-2.0-libssh2_1.10.0' },
  'client.kex': {
    hassh: 'ec7378c1a92f5a8dde7e8b7a1ddf33d1',
    hasshAlgorithms: 'curve25519-sha256,diffie-hellman-group14-sha256;aes128-ctr,aes256-ctr;hmac-sha2-256;none',
    kexAlgs: ['curve25519-sha256', 'diffie-hellman-group14-sha256'],
    keyAlgs: ['ssh-ed25519', 'rsa-sha2-512'],
    encCS: ['aes128-ctr', 'aes256-ctr'],
    macCS: ['hmac-sha2-256'],
    compCS: ['none'],
    langCS: [],
  },
  'client.size': { width: 80, height: 24 },
  'login.success': { username: 'root', password: 'admin123', method: 'password' },
  'login.failed': { username: 'admin', password: 'P@ss "quoted" \\ ünïcødé', method: 'keyboard-interactive' },
  'command.input': { input: 'uname -a; cat /proc/cpuinfo | grep name' },
  'command.failed': { input: 'nproc2' },
  'direct-tcpip.request': { kind: 'direct-tcpip', dst_host: 'example.com', dst_port_requested: 443 },
  'protocol.error': { message: 'bad packet length', data_hex: '00ff10' },
  'session.file_upload': { filename: 'x.sh', shasum: 'a'.repeat(64), size: 12, duplicate: false, truncated: false },
  'http.request': { method: 'GET', uri: '/wp-login.php?x=1', http_version: '1.1', headers: [['Host', 'example'], ['User-Agent', 'curl/7.88.1']], body: '', body_length: 0, body_truncated: false, status: 200, tls: false },
  'ftp.command': { command: 'RETR', argument: 'backup.tar.gz' },
  'smtp.command': { command: 'EHLO', argument: 'kali' },
  'smtp.message': { mail_from: 'a@example.org', rcpt_to: ['b@example.net'], size: 5, data: 'hello', data_truncated: false, shasum: 'b'.repeat(64), complete: true },
  'mysql.query': { query: 'SELECT @@version' },
  'mysql.command': { command: 'COM_INIT_DB', argument: 'mysql' },
  'redis.command': { command: 'CONFIG', args: ['SET', 'dir', '/root/.ssh'], args_truncated: false },
};

export interface Conn {
  session: string;
  src_ip: string;
  src_port?: number;
  sensor?: string;
}

/** Builds events with time-ordered ids and timestamps, as a SessionScope would, from a fixed clock. */
export class EventFactory {
  constructor(private nowMs = Date.parse('2025-01-15T10:00:00.000Z')) {}

  make<K extends EventId>(conn: Conn, eventid: K, fields: EventFields<K>, stepMs = 10): PhantomEvent {
    this.nowMs += stepMs;
    const event = {
      ...fields,
      id: newId(this.nowMs),
      timestamp: new Date(this.nowMs).toISOString(),
      eventid,
      sensor: conn.sensor ?? 'sensor-test',
      session: conn.session,
      protocol: 'ssh',
      src_ip: conn.src_ip,
      src_port: conn.src_port ?? 50_000,
      dst_ip: '192.0.2.10',
      dst_port: 2222,
    };
    return EventSchema.parse(event);
  }

  /** One event of every catalogue type (connect first, closed last), all in one session. */
  everyType(conn: Conn): PhantomEvent[] {
    const ids = Object.keys(EVENT_SAMPLES) as EventId[];
    const middle = ids.filter((id) => id !== 'session.connect' && id !== 'session.closed');
    return ['session.connect' as const, ...middle, 'session.closed' as const].map((id) => this.make(conn, id, EVENT_SAMPLES[id] as EventFields<typeof id>));
  }
}
