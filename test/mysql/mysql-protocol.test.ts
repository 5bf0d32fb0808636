// End to end over raw sockets: the exact bytes of the greeting, the login exchanges, result sets under both
// EOF conventions, and how bad packets are answered (MySQL's error, the right sequence id, then close or not).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { PhantomEvent } from '../../src/schema/events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { sessionFrom } from './events.js';
import { WireClient, handshakeResponse, nativeScramble, parseErr, parseGreeting, sha2Scramble, type Greeting } from './wire-client.js';

let t: TestApp;
let port: number;

before(async () => {
  t = await startTestApp({ mysql: { enabled: true, accept_username: 'root', max_queries_per_session: 6 } });
  port = t.app.port('mysql');
});
after(async () => {
  await t.cleanup();
});

async function greet(): Promise<{ c: WireClient; g: Greeting; raw: Buffer }> {
  const c = await WireClient.open(port);
  const p = await c.read();
  assert.ok(p, 'greeting');
  assert.equal(p.seq, 0);
  return { c, g: parseGreeting(p.payload), raw: p.payload };
}

async function login(opts: { deprecateEof?: boolean } = {}): Promise<{ c: WireClient; g: Greeting }> {
  const { c, g } = await greet();
  c.send(1, handshakeResponse('root', nativeScramble('hunter2', g.salt), 'mysql_native_password', opts));
  const ok = await c.read();
  assert.deepEqual(ok, { seq: 2, payload: Buffer.from([0, 0, 0, 2, 0, 0, 0]) });
  return { c, g };
}

const ids = (ev: PhantomEvent[]): string[] => ev.map((e) => e.eventid);

test('the greeting is MySQL 8.0.39 HandshakeV10 with a fresh 20-byte salt and counting connection ids', async () => {
  const a = await greet();
  const b = await greet();
  a.c.close();
  b.c.close();
  const frameA = Buffer.concat([Buffer.from([a.raw.length, 0, 0, 0]), a.raw]);
  // The line nmap's NULL probe matches for MySQL 8.
  assert.match(frameA.toString('latin1'), /^.\0\0\0\x0a(8\.[-_~.+\w]+)\0...\0/s);
  assert.equal(a.g.protocol, 10);
  assert.equal(a.g.version, '8.0.39');
  assert.equal(a.g.capabilities, 0xdbfff7df);
  assert.equal(a.g.charset, 255);
  assert.equal(a.g.status, 2);
  assert.equal(a.g.plugin, 'caching_sha2_password');
  assert.equal(b.g.connectionId, a.g.connectionId + 1);
  for (const { g } of [a, b]) {
    assert.equal(g.salt.length, 20);
    assert.ok(g.salt.every((x) => x >= 1 && x <= 0x7f && x !== 0x24), g.salt.toString('hex'));
  }
  assert.notDeepEqual(a.g.salt, b.g.salt);
  assert.equal(a.raw.length, 1 + 7 + 4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10 + 13 + 'caching_sha2_password'.length + 1);
});

test('a native login, a query answered with EOF packets, unknown command, ping, then packets out of order', async () => {
  const { c, g } = await login();
  c.send(0, Buffer.from('\x03SELECT @@version_comment LIMIT 1', 'latin1'));
  const rs = [await c.read(), await c.read(), await c.read(), await c.read(), await c.read()];
  assert.deepEqual(rs.map((p) => p?.seq), [1, 2, 3, 4, 5]);
  assert.deepEqual(rs[0]?.payload, Buffer.from([1]));
  assert.ok(rs[1]?.payload.includes(Buffer.from('\x11@@version_comment', 'latin1')));
  assert.deepEqual(rs[2]?.payload, Buffer.from([0xfe, 0, 0, 2, 0]));
  assert.deepEqual(rs[3]?.payload, Buffer.from('\x1cMySQL Community Server - GPL', 'latin1'));
  assert.deepEqual(rs[4]?.payload, Buffer.from([0xfe, 0, 0, 2, 0]));

  c.send(0, Buffer.from([0x20, 1, 2]));
  const unknown = await c.read();
  assert.equal(unknown?.seq, 1);
  assert.deepEqual(parseErr(unknown!.payload), { code: 1047, state: '08S01', message: 'Unknown command' });

  c.send(0, Buffer.from([0x0e]));
  assert.deepEqual(await c.read(), { seq: 1, payload: Buffer.from([0, 0, 0, 2, 0, 0, 0]) });

  c.send(5, Buffer.from([0x0e]));
  const ooo = await c.read();
  assert.equal(ooo?.seq, 6);
  assert.deepEqual(parseErr(ooo!.payload), { code: 1156, state: '08S01', message: 'Got packets out of order' });
  await c.untilClosed();

  const ev = await sessionFrom(t, c.localPort);
  assert.deepEqual(ids(ev), ['session.connect', 'login.success', 'mysql.query', 'protocol.error', 'mysql.command', 'protocol.error', 'session.closed']);
  const success = ev[1];
  assert.ok(success?.eventid === 'login.success');
  assert.equal(success.username, 'root');
  assert.equal(success.password, '');
  assert.equal(success.method, 'mysql_native_password');
  assert.equal(success.auth_data, `mysql_native_password$${g.salt.toString('hex')}$${nativeScramble('hunter2', g.salt).toString('hex')}`);
  assert.ok(ev[2]?.eventid === 'mysql.query' && ev[2].query === 'SELECT @@version_comment LIMIT 1');
  assert.ok(ev[3]?.eventid === 'protocol.error' && ev[3].message === 'unknown command byte 0x20' && ev[3].data_hex === '200102');
  assert.ok(ev[4]?.eventid === 'mysql.command' && ev[4].command === 'COM_PING' && ev[4].argument === '');
  assert.ok(ev[5]?.eventid === 'protocol.error' && ev[5].message === 'packet out of order (sequence id 5)');
  const closed = ev[6];
  assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'error');
});

test('with CLIENT_DEPRECATE_EOF a result set ends with one OK packet; USE and COM_INIT_DB change the database', async () => {
  const { c } = await login({ deprecateEof: true });
  c.send(0, Buffer.from('\x03SHOW TABLES', 'latin1'));
  const err = await c.read();
  assert.deepEqual(parseErr(err!.payload), { code: 1046, state: '3D000', message: 'No database selected' });
  c.send(0, Buffer.from('\x02nosuchdb', 'latin1'));
  assert.deepEqual(parseErr((await c.read())!.payload), { code: 1049, state: '42000', message: "Unknown database 'nosuchdb'" });
  c.send(0, Buffer.from('\x03USE wordpress', 'latin1'));
  assert.deepEqual(await c.read(), { seq: 1, payload: Buffer.from([0, 0, 0, 2, 0, 0, 0]) });
  c.send(0, Buffer.from('\x03SELECT DATABASE()', 'latin1'));
  const rs = [await c.read(), await c.read(), await c.read(), await c.read()];
  assert.deepEqual(rs.map((p) => p?.seq), [1, 2, 3, 4]);
  assert.deepEqual(rs[2]?.payload, Buffer.from('\x09wordpress', 'latin1'));
  assert.deepEqual(rs[3]?.payload, Buffer.from([0xfe, 0, 0, 2, 0, 0, 0]));
  c.send(0, Buffer.from('\x03SELECT * FROM wp_secrets', 'latin1'));
  assert.deepEqual(parseErr((await c.read())!.payload), { code: 1146, state: '42S02', message: "Table 'wordpress.wp_secrets' doesn't exist" });
  c.send(0, Buffer.from([0x01]));
  await c.untilClosed();
  const ev = await sessionFrom(t, c.localPort);
  assert.deepEqual(
    ev.filter((e) => e.eventid === 'mysql.query' || e.eventid === 'mysql.command').map((e) => (e.eventid === 'mysql.query' ? e.query : e.eventid === 'mysql.command' ? `${e.command} ${e.argument}` : '')),
    ['SHOW TABLES', 'COM_INIT_DB nosuchdb', 'USE wordpress', 'SELECT DATABASE()', 'SELECT * FROM wp_secrets', 'COM_QUIT '],
  );
  const closed = ev.at(-1);
  assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'client');
});

test('caching_sha2_password is switched to mysql_native_password with the same salt; both scrambles are kept', async () => {
  const { c, g } = await greet();
  c.send(1, handshakeResponse('admin', sha2Scramble('Winter2024!', g.salt), 'caching_sha2_password'));
  const sw = await c.read();
  assert.equal(sw?.seq, 2);
  assert.deepEqual(sw?.payload, Buffer.concat([Buffer.from('\xfemysql_native_password\0', 'latin1'), g.salt, Buffer.from([0])]));
  c.send(3, nativeScramble('Winter2024!', g.salt));
  const denied = await c.read();
  assert.equal(denied?.seq, 4);
  assert.deepEqual(parseErr(denied!.payload), { code: 1045, state: '28000', message: "Access denied for user 'admin'@'127.0.0.1' (using password: YES)" });
  await c.untilClosed();
  const ev = await sessionFrom(t, c.localPort);
  assert.deepEqual(ids(ev), ['session.connect', 'login.failed', 'session.closed']);
  const failed = ev[1];
  assert.ok(failed?.eventid === 'login.failed');
  const salt = g.salt.toString('hex');
  assert.equal(
    failed.auth_data,
    `mysql_native_password$${salt}$${nativeScramble('Winter2024!', g.salt).toString('hex')},caching_sha2_password$${salt}$${sha2Scramble('Winter2024!', g.salt).toString('hex')}`,
  );
  assert.equal(failed.password, '');
  const closed = ev[2];
  assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'auth_limit');
});

test('a packet over max_allowed_packet gets ERR 1153 and the connection ends with reason limit', async () => {
  const { c } = await login();
  c.raw(Buffer.from([0x00, 0x00, 0x20, 0x00, 0x03, 0x53]));
  const err = await c.read();
  assert.equal(err?.seq, 1);
  assert.deepEqual(parseErr(err!.payload), { code: 1153, state: '08S01', message: "Got a packet bigger than 'max_allowed_packet' bytes" });
  await c.untilClosed();
  const ev = await sessionFrom(t, c.localPort);
  const pe = ev.find((e) => e.eventid === 'protocol.error');
  assert.ok(pe?.eventid === 'protocol.error' && pe.message === 'packet of 2097152 bytes exceeds max_allowed_packet' && pe.data_hex === '0000200003' + '53');
  const closed = ev.at(-1);
  assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'limit');
});

test('a malformed handshake response gets "Bad handshake" without SQLSTATE, as mysqld sends it', async () => {
  const { c } = await greet();
  c.send(1, Buffer.from('abc'));
  const err = await c.read();
  assert.deepEqual(err, { seq: 2, payload: Buffer.from('\xff\x13\x04Bad handshake', 'latin1') });
  await c.untilClosed();
  const ev = await sessionFrom(t, c.localPort);
  assert.deepEqual(ids(ev), ['session.connect', 'protocol.error', 'session.closed']);
  assert.ok(ev[1]?.eventid === 'protocol.error' && ev[1].message === 'malformed handshake response' && ev[1].data_hex === '616263');
});

test('a packet cut short by the end of the stream is recorded', async () => {
  const { c } = await greet();
  c.raw(Buffer.concat([Buffer.from([100, 0, 0, 1]), Buffer.from('0123456789')]));
  c.socket.end();
  await c.untilClosed();
  const ev = await sessionFrom(t, c.localPort);
  const pe = ev.find((e) => e.eventid === 'protocol.error');
  assert.ok(pe?.eventid === 'protocol.error' && pe.message === 'truncated packet at end of stream');
  assert.equal(pe.data_hex, '64000001' + Buffer.from('0123456789').toString('hex'));
});

test('past max_queries_per_session the client gets MySQL max_questions error and is disconnected', async () => {
  const { c } = await login();
  for (let i = 0; i < 6; i++) {
    c.send(0, Buffer.from([0x0e]));
    assert.equal((await c.read())?.payload[0], 0);
  }
  c.send(0, Buffer.from('\x03SELECT 1', 'latin1'));
  assert.deepEqual(parseErr((await c.read())!.payload), { code: 1226, state: '42000', message: "User 'root' has exceeded the 'max_questions' resource (current value: 6)" });
  await c.untilClosed();
  const ev = await sessionFrom(t, c.localPort);
  const closed = ev.at(-1);
  assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'limit');
});

test('a password sent in clear (mysql_clear_password) is recorded and decided by auth.users', async () => {
  const tried: [string, string, number][] = [];
  for (const [user, password] of [['admin', 'admin123'], ['oracle', 'Summer2024']] as const) {
    const { c } = await greet();
    c.send(1, handshakeResponse(user, Buffer.from(`${password}\0`), 'mysql_clear_password'));
    const reply = await c.read();
    tried.push([user, password, reply?.payload[0] ?? -1]);
    c.close();
    const ev = await sessionFrom(t, c.localPort);
    const login = ev[1];
    assert.ok(login?.eventid === (user === 'admin' ? 'login.success' : 'login.failed'), JSON.stringify(login));
    assert.ok(login.eventid === 'login.success' || login.eventid === 'login.failed');
    assert.equal(login.username, user);
    assert.equal(login.password, password);
    assert.equal(login.method, 'password');
    assert.equal(login.auth_data, undefined);
  }
  // The default userdb accepts admin/admin123 (OK packet) and refuses oracle/Summer2024 (ERR).
  assert.deepEqual(tried, [['admin', 'admin123', 0x00], ['oracle', 'Summer2024', 0xff]]);
});

test('a client that does not finish logging in within connect_timeout_s is disconnected with reason timeout', async () => {
  const slow = await startTestApp({ mysql: { enabled: true, connect_timeout_s: 1, idle_timeout_s: 30 } });
  try {
    const c = await WireClient.open(slow.app.port('mysql'));
    assert.equal((await c.read())?.seq, 0);
    await c.untilClosed();
    const ev = await sessionFrom(slow, c.localPort);
    assert.deepEqual(ids(ev), ['session.connect', 'session.closed']);
    const closed = ev[1];
    assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'timeout');
  } finally {
    await slow.cleanup();
  }
});

test("a pre-4.1 login (the 3.20 packet of hydra's own code path) is refused without SQLSTATE and recorded", async () => {
  const { c, g } = await greet();
  // caps 0x2485 (no CLIENT_PROTOCOL_41), max packet 0, user, 8-byte old scramble; hydra appends 4 stray zero bytes.
  const payload = Buffer.concat([Buffer.from([0x85, 0x24, 0, 0, 0]), Buffer.from('admin\0'), Buffer.from('KLMNOPQR'), Buffer.from([0])]);
  c.raw(Buffer.concat([Buffer.from([payload.length, 0, 0, 1]), payload, Buffer.alloc(4)]));
  const err = await c.read();
  assert.deepEqual(err, { seq: 2, payload: Buffer.from("\xff\x15\x04Access denied for user 'admin'@'127.0.0.1' (using password: YES)", 'latin1') });
  await c.untilClosed();
  const ev = await sessionFrom(t, c.localPort);
  assert.deepEqual(ids(ev), ['session.connect', 'login.failed', 'session.closed']);
  const failed = ev[1];
  assert.ok(failed?.eventid === 'login.failed');
  assert.equal(failed.username, 'admin');
  assert.equal(failed.auth_data, `mysql_old_password$${g.salt.subarray(0, 8).toString('hex')}$${Buffer.from('KLMNOPQR').toString('hex')}`);
});
