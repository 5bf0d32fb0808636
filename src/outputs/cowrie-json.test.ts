// The cowrie-json output: Cowrie's eventids, field names, types and messages for every catalogue event,
// daily rotation across a simulated midnight, permissions, and failure recovery.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../core/clock.js';
import { PhantomError } from '../core/errors.js';
import { silentLogger } from '../core/logger.js';
import {
  EVENT_DEFINITIONS,
  EventSchema,
  type EventFields,
  type EventId,
  type PhantomEvent,
} from '../schema/events.js';
import {
  CowrieJsonOutput,
  cowrieDuration,
  cowrieTimestamp,
  toCowrieLine,
  toCowrieRecord,
  type CowrieRecord,
} from './cowrie-json.js';

const ENVELOPE = {
  id: '019abc12-3456-7def-8123-456789abcdef',
  timestamp: '2026-11-25T18:10:16.123Z',
  sensor: 'sensor-01',
  session: 'a1b2c3d4e5f6',
  protocol: 'ssh',
  src_ip: '203.0.113.7',
  src_port: 51234,
  dst_ip: '192.0.2.10',
  dst_port: 2222,
} as const;

const KEX = {
  kexAlgs: ['curve25519-sha256', 'ext-info-c'],
  keyAlgs: ['ssh-ed25519', 'rsa-sha2-512'],
  encCS: ['aes128-ctr', 'chacha20-poly1305@openssh.com'],
  macCS: ['hmac-sha2-256'],
  compCS: ['none'],
  langCS: [''],
};

// A mapped type, so a new catalogue event does not compile until it has a fixture here.
const FIELDS: { [K in EventId]: EventFields<K> } = {
  'client.var': { name: 'LANG', value: 'C.UTF-8' },
  'session.params': { arch: 'linux-x64-lsb' },
  'session.file_download': { url: 'http://198.51.100.7/x.sh', outfile: '/tmp/x.sh', shasum: 'c'.repeat(64), size: 42, duplicate: false, truncated: false },
  'session.file_download.failed': { url: 'http://198.51.100.7/x.sh', reason: 'disabled' },
  'log.closed': { ttylog: 'casts/2026/01/01/abc.cast', size: 100, shasum: 'd'.repeat(64), duplicate: false, duration_ms: 5 },
  'session.connect': {},
  'session.closed': { duration_ms: 3249, reason: 'client' },
  'client.version': { version: 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13' },
  'client.kex': { hassh: 'ec7378c1a92f5a8dde7e8b7a1ddf33d1', hasshAlgorithms: 'a;b;c;d', ...KEX },
  'client.size': { width: 120, height: 40 },
  'login.success': { username: 'root', password: '123456', method: 'password' },
  'login.failed': { username: 'root', password: 'toor', method: 'keyboard-interactive', auth_data: 'c0ffee' },
  'command.input': { input: 'uname -a' },
  'command.failed': { input: 'nmap -sS 10.0.0.0/8' },
  'direct-tcpip.request': { kind: 'direct-tcpip', dst_host: 'smtp.example.net', dst_port_requested: 25 },
  'protocol.error': { message: 'bad packet length 1234567', data_hex: 'deadbeef' },
  'session.file_upload': { filename: 'x.sh', shasum: 'a'.repeat(64), size: 12, duplicate: false, truncated: false },
  'http.request': { method: 'GET', uri: '/wp-login.php?x=1', http_version: '1.1', headers: [['Host', 'example'], ['User-Agent', 'curl/7.88.1']], body: '', body_length: 0, body_truncated: false, status: 200, tls: false },
  'ftp.command': { command: 'RETR', argument: 'backup.tar.gz' },
  'smtp.command': { command: 'EHLO', argument: 'kali' },
  'smtp.message': { mail_from: 'a@example.org', rcpt_to: ['b@example.net'], size: 5, data: 'hello', data_truncated: false, shasum: 'b'.repeat(64), complete: true },
  'mysql.query': { query: 'SELECT @@version' },
  'mysql.command': { command: 'COM_INIT_DB', argument: 'mysql' },
  'redis.command': { command: 'CONFIG', args: ['SET', 'dir', '/root/.ssh'], args_truncated: false },
};

function fixture<K extends EventId>(eventid: K, over: Partial<PhantomEvent> = {}): PhantomEvent {
  return EventSchema.parse({ ...ENVELOPE, eventid, ...FIELDS[eventid], ...over });
}

const SRC = `${ENVELOPE.src_ip}:${ENVELOPE.src_port}`;

// What Cowrie writes for each event, besides the envelope: its fields and its message text.
const EXPECTED: { [K in EventId]: { message: string; fields: CowrieRecord } } = {
  'session.connect': {
    message: `New connection: ${SRC} (192.0.2.10:2222) [session: a1b2c3d4e5f6]`,
    fields: {},
  },
  'session.closed': {
    message: 'Connection lost after 3.2 seconds',
    fields: { duration: '3.2', duration_ms: 3249, reason: 'client' },
  },
  'client.version': {
    message: 'Remote SSH version: SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13',
    fields: { version: 'SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13' },
  },
  'client.kex': {
    message: 'SSH client hassh fingerprint: ec7378c1a92f5a8dde7e8b7a1ddf33d1',
    fields: { hassh: 'ec7378c1a92f5a8dde7e8b7a1ddf33d1', hasshAlgorithms: 'a;b;c;d', ...KEX },
  },
  'client.size': { message: 'Terminal Size: 120 40', fields: { width: 120, height: 40 } },
  'login.success': {
    message: 'login attempt [root/123456] succeeded',
    fields: { username: 'root', password: '123456', method: 'password' },
  },
  'login.failed': {
    message: 'login attempt [root/toor] failed',
    fields: { username: 'root', password: 'toor', method: 'keyboard-interactive', auth_data: 'c0ffee' },
  },
  'command.input': { message: 'CMD: uname -a', fields: { input: 'uname -a' } },
  'command.failed': { message: 'Command not found: nmap -sS 10.0.0.0/8', fields: { input: 'nmap -sS 10.0.0.0/8' } },
  'direct-tcpip.request': {
    message: `direct-tcp connection request to smtp.example.net:25 from ${SRC}`,
    fields: { dst_ip: 'smtp.example.net', dst_port: 25, sensor_ip: '192.0.2.10', sensor_port: 2222, kind: 'direct-tcpip' },
  },
  'protocol.error': {
    message: 'bad packet length 1234567',
    fields: { message: 'bad packet length 1234567', data_hex: 'deadbeef' },
  },
  'client.var': { message: 'request_env: LANG=C.UTF-8', fields: { name: 'LANG', value: 'C.UTF-8' } },
  'session.params': { message: 'Session parameters: arch linux-x64-lsb', fields: { arch: 'linux-x64-lsb' } },
  'session.file_download': {
    message: `Downloaded URL (http://198.51.100.7/x.sh) with SHA-256 ${'c'.repeat(64)} to /tmp/x.sh`,
    fields: { url: 'http://198.51.100.7/x.sh', outfile: '/tmp/x.sh', shasum: 'c'.repeat(64), size: 42, duplicate: false, truncated: false },
  },
  'session.file_download.failed': {
    message: 'Attempt to download file(s) from URL (http://198.51.100.7/x.sh) failed',
    fields: { url: 'http://198.51.100.7/x.sh', reason: 'disabled' },
  },
  'log.closed': {
    message: 'Closing TTY Log: casts/2026/01/01/abc.cast after 0.0 seconds',
    fields: { ttylog: 'casts/2026/01/01/abc.cast', size: 100, shasum: 'd'.repeat(64), duplicate: false, duration: '0.0', duration_ms: 5 },
  },
  'session.file_upload': {
    message: `Uploaded file "x.sh" (12 bytes) with SHA-256 ${'a'.repeat(64)}`,
    fields: { filename: 'x.sh', shasum: 'a'.repeat(64), size: 12, duplicate: false, truncated: false },
  },
  'http.request': {
    message: 'GET /wp-login.php?x=1 1.1 -> 200',
    fields: { method: 'GET', uri: '/wp-login.php?x=1', http_version: '1.1', headers: ['Host: example', 'User-Agent: curl/7.88.1'], body: '', body_length: 0, body_truncated: false, status: 200, tls: false },
  },
  'ftp.command': { message: 'FTP command: RETR backup.tar.gz', fields: { command: 'RETR', argument: 'backup.tar.gz' } },
  'smtp.command': { message: 'SMTP command: EHLO kali', fields: { command: 'EHLO', argument: 'kali' } },
  'smtp.message': {
    message: 'SMTP message from <a@example.org> to <b@example.net> (5 bytes)',
    fields: { mail_from: 'a@example.org', rcpt_to: ['b@example.net'], size: 5, data: 'hello', data_truncated: false, shasum: 'b'.repeat(64), complete: true },
  },
  'mysql.query': { message: 'MySQL query: SELECT @@version', fields: { query: 'SELECT @@version' } },
  'mysql.command': { message: 'MySQL command: COM_INIT_DB mysql', fields: { command: 'COM_INIT_DB', argument: 'mysql' } },
  'redis.command': { message: 'Redis command: CONFIG SET dir /root/.ssh', fields: { command: 'CONFIG', args: ['SET', 'dir', '/root/.ssh'], args_truncated: false } },
};

test('every catalogue event is written with the cowrie. prefix, Cowrie field names and message', () => {
  for (const def of EVENT_DEFINITIONS) {
    const e = fixture(def.eventid);
    const rec = toCowrieRecord(e);
    const want = EXPECTED[def.eventid];
    assert.deepEqual(
      rec,
      {
        eventid: `cowrie.${def.eventid}`,
        timestamp: '2026-11-25T18:10:16.123000Z',
        sensor: 'sensor-01',
        session: 'a1b2c3d4e5f6',
        protocol: 'ssh',
        src_ip: '203.0.113.7',
        src_port: 51234,
        dst_ip: '192.0.2.10',
        dst_port: 2222,
        event_uuid: ENVELOPE.id,
        ...want.fields,
        message: want.message,
      },
      def.eventid,
    );
    // No field of ours is silently dropped: each is written under its own or its Cowrie name.
    const renamed: Record<string, string> = { dst_host: 'dst_ip', dst_port_requested: 'dst_port', id: 'event_uuid' };
    for (const k of Object.keys(def.fields)) if (k in e) assert.ok((renamed[k] ?? k) in rec, `${def.eventid}.${k} missing`);
    const line = toCowrieLine(e);
    assert.ok(line.endsWith('\n') && !line.slice(0, -1).includes('\n'));
    assert.deepEqual(JSON.parse(line), rec);
  }
});

test('session.closed duration is a one-decimal string rounded as Python formats it', () => {
  // Expected values are Python's f"{ms / 1000:.1f}" (exact binary ties go to even, unlike toFixed).
  const python: [number, string][] = [
    [0, '0.0'], [49, '0.0'], [50, '0.1'], [150, '0.1'], [250, '0.2'], [350, '0.3'], [449, '0.4'],
    [450, '0.5'], [750, '0.8'], [1250, '1.2'], [3200, '3.2'], [3249, '3.2'], [3250, '3.2'], [3251, '3.3'],
    [12345, '12.3'], [999950, '1000.0'],
  ];
  for (const [ms, s] of python) assert.equal(cowrieDuration(ms), s, `${ms} ms`);
  const rec = toCowrieRecord(fixture('session.closed', { duration_ms: 1250, reason: 'idle' } as Partial<PhantomEvent>));
  assert.equal(rec['duration'], '1.2');
  assert.equal(rec['message'], 'Connection lost after 1.2 seconds');
  assert.equal(typeof rec['duration'], 'string');
});

test('timestamps always have six fractional digits and Z', () => {
  assert.equal(cowrieTimestamp('2026-11-25T18:10:16.123Z'), '2026-11-25T18:10:16.123000Z');
  assert.equal(cowrieTimestamp('2026-11-25T18:10:16Z'), '2026-11-25T18:10:16.000000Z');
  assert.equal(cowrieTimestamp('2026-11-25T18:10:16.1234567Z'), '2026-11-25T18:10:16.123456Z');
  assert.equal(cowrieTimestamp('2026-11-25T19:10:16.5+01:00'), '2026-11-25T18:10:16.500000Z');
});

test('direct-tcpip.request: requested destination in dst_ip/dst_port, real listener in sensor_ip/sensor_port', () => {
  const rec = toCowrieRecord(fixture('direct-tcpip.request'));
  assert.equal(rec['dst_ip'], 'smtp.example.net');
  assert.equal(rec['dst_port'], 25);
  assert.equal(rec['src_ip'], '203.0.113.7');
  assert.equal(rec['src_port'], 51234);
  assert.equal(rec['sensor_ip'], '192.0.2.10');
  assert.equal(rec['sensor_port'], 2222);
  assert.ok(!('dst_host' in rec) && !('dst_port_requested' in rec));

  const fwd = toCowrieRecord(
    fixture('direct-tcpip.request', { kind: 'tcpip-forward', dst_host: '0.0.0.0', dst_port_requested: 8080 } as Partial<PhantomEvent>),
  );
  assert.equal(fwd['dst_ip'], '0.0.0.0');
  assert.equal(fwd['dst_port'], 8080);
  assert.equal(fwd['kind'], 'tcpip-forward');
  assert.equal(fwd['message'], `tcpip-forward request to listen on 0.0.0.0:8080 from ${SRC}`);
});

test('an event Cowrie does not know keeps the prefix and our own field names', () => {
  // Stands in for a future catalogue event (http.request ...) that has no Cowrie counterpart.
  const future = { ...ENVELOPE, eventid: 'http.request', method: 'GET', uri: '/.env' } as unknown as PhantomEvent;
  const rec = toCowrieRecord(future);
  assert.equal(rec['eventid'], 'cowrie.http.request');
  assert.equal(rec['method'], 'GET');
  assert.equal(rec['uri'], '/.env');
  assert.equal(typeof rec['message'], 'string');
});

class FakeClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'pn-cowrie-json-'));
}

const lines = async (p: string): Promise<CowrieRecord[]> =>
  (await readFile(p, 'utf8'))
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as CowrieRecord);

const cmd = (input: string): PhantomEvent => fixture('command.input', { input } as Partial<PhantomEvent>);

test('writes one JSON line per event, appending batch after batch, in order', async () => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'logs', 'cowrie.json');
    const out = new CowrieJsonOutput({ path, rotate: 'daily', logger: silentLogger });
    assert.equal(out.name, 'cowrie_json');
    await out.write([]);
    await assert.rejects(stat(path), /ENOENT/, 'an empty batch writes nothing');
    await out.write([fixture('session.connect'), cmd('a')]);
    // Not awaited one by one: the output must still keep batches whole and in order.
    await Promise.all([out.write([cmd('b'), cmd('c')]), out.write([cmd('d')])]);
    await out.close();
    const got = await lines(path);
    assert.deepEqual(got.map((r) => r['eventid']), ['cowrie.session.connect', ...Array(4).fill('cowrie.command.input')]);
    assert.deepEqual(got.slice(1).map((r) => r['input']), ['a', 'b', 'c', 'd']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('daily rotation: the first write after UTC midnight renames the file to <path>.YYYY-MM-DD', async () => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'cowrie.json');
    const clock = new FakeClock(Date.parse('2026-11-25T23:59:59.900Z'));
    const out = new CowrieJsonOutput({ path, rotate: 'daily', logger: silentLogger, clock });
    await out.write([cmd('before midnight')]);
    await out.write([cmd('still the 25th')]);
    clock.t = Date.parse('2026-11-26T00:00:00.100Z');
    await out.write([cmd('after midnight')]);
    assert.deepEqual((await lines(`${path}.2026-11-25`)).map((r) => r['input']), ['before midnight', 'still the 25th']);
    assert.deepEqual((await lines(path)).map((r) => r['input']), ['after midnight']);

    // A day with no writes at all: the file is named by the day its lines belong to, not by yesterday.
    clock.t = Date.parse('2026-11-28T09:00:00.000Z');
    await out.write([cmd('two days later')]);
    await out.close();
    assert.deepEqual((await lines(`${path}.2026-11-26`)).map((r) => r['input']), ['after midnight']);
    assert.deepEqual((await lines(path)).map((r) => r['input']), ['two days later']);
    assert.deepEqual((await readdir(dir)).sort(), ['cowrie.json', 'cowrie.json.2026-11-25', 'cowrie.json.2026-11-26']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a file left by an earlier run is rotated by the day it was last written; rotations are never overwritten', async () => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'cowrie.json');
    await writeFile(path, '{"old":1}\n', { mode: 0o600 });
    await writeFile(`${path}.2026-11-24`, '{"older":1}\n', { mode: 0o600 });
    const lastWritten = new Date('2026-11-24T22:00:00.000Z');
    await utimes(path, lastWritten, lastWritten);
    const clock = new FakeClock(Date.parse('2026-11-25T08:00:00.000Z'));
    const out = new CowrieJsonOutput({ path, rotate: 'daily', logger: silentLogger, clock });
    await out.write([cmd('new day')]);
    await out.close();
    assert.equal(await readFile(`${path}.2026-11-24`, 'utf8'), '{"older":1}\n');
    assert.equal(await readFile(`${path}.2026-11-24.1`, 'utf8'), '{"old":1}\n');
    assert.deepEqual((await lines(path)).map((r) => r['input']), ['new day']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test("rotate: none never renames", async () => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'cowrie.json');
    const clock = new FakeClock(Date.parse('2026-11-25T23:59:59.000Z'));
    const out = new CowrieJsonOutput({ path, rotate: 'none', logger: silentLogger, clock });
    await out.write([cmd('one')]);
    clock.t = Date.parse('2026-11-26T00:00:01.000Z');
    await out.write([cmd('two')]);
    await out.close();
    assert.deepEqual(await readdir(dir), ['cowrie.json']);
    assert.deepEqual((await lines(path)).map((r) => r['input']), ['one', 'two']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('permissions: parent directory 0700, file 0600 (a looser existing file is tightened)', async () => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'a', 'b', 'cowrie.json');
    const out = new CowrieJsonOutput({ path, rotate: 'daily', logger: silentLogger });
    await out.write([cmd('x')]);
    await out.close();
    assert.equal((await stat(join(dir, 'a'))).mode & 0o777, 0o700);
    assert.equal((await stat(join(dir, 'a', 'b'))).mode & 0o777, 0o700);
    assert.equal((await stat(path)).mode & 0o777, 0o600);

    await chmod(path, 0o644);
    const again = new CowrieJsonOutput({ path, rotate: 'none', logger: silentLogger });
    await again.write([cmd('y')]);
    await again.close();
    assert.equal((await stat(path)).mode & 0o777, 0o600);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a failed write rejects with PN_ERR_OUTPUT and later batches are still written', async () => {
  const dir = await tempDir();
  try {
    const blocker = join(dir, 'logs');
    await writeFile(blocker, 'not a directory');
    const path = join(blocker, 'cowrie.json');
    const out = new CowrieJsonOutput({ path, rotate: 'daily', logger: silentLogger });
    await assert.rejects(out.write([cmd('lost')]), (e: unknown) => e instanceof PhantomError && e.code === 'PN_ERR_OUTPUT');
    await rm(blocker);
    await out.write([cmd('kept')]);
    await out.close();
    assert.deepEqual((await lines(path)).map((r) => r['input']), ['kept']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('close() waits for pending writes; a write after close rejects', async () => {
  const dir = await tempDir();
  try {
    const path = join(dir, 'cowrie.json');
    const out = new CowrieJsonOutput({ path, rotate: 'daily', logger: silentLogger });
    const pending = [out.write([cmd('1')]), out.write([cmd('2')]), out.write([cmd('3')])];
    await out.close();
    await Promise.all(pending);
    assert.deepEqual((await lines(path)).map((r) => r['input']), ['1', '2', '3']);
    await assert.rejects(out.write([cmd('late')]), (e: unknown) => e instanceof PhantomError && e.code === 'PN_ERR_OUTPUT');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
