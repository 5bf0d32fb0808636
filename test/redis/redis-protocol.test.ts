// Raw sockets against the Redis sensor: inline commands, protocol errors (reply, close, protocol.error),
// per-source keyspaces, the size and count limits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exchange, openSocket, own, startRedisApp, storedEvents } from './helpers.js';

const endsWith = (tail: string) => (b: Buffer) => b.toString('latin1').endsWith(tail);

test('inline commands over a raw socket, pipelined, with quoting', async () => {
  const t = await startRedisApp();
  try {
    const s = await openSocket(t.app.port('redis'));
    assert.equal((await exchange(s, 'PING\r\n', endsWith('\r\n'))).data.toString(), '+PONG\r\n');
    const got = await exchange(s, 'SET k "v 1\\x21"\r\nGET k\nECHO \'x y\'\r\n', endsWith('x y\r\n'));
    assert.equal(got.data.toString(), '+OK\r\n$4\r\nv 1!\r\n$3\r\nx y\r\n');
    assert.equal((await exchange(s, 'QUIT\r\n')).data.toString(), '+OK\r\n');
    const ev = (await storedEvents(t, 1)).map(own);
    assert.deepEqual(ev.slice(1, -1), [
      { eventid: 'redis.command', command: 'PING', args: [], args_truncated: false },
      { eventid: 'redis.command', command: 'SET', args: ['k', 'v 1!'], args_truncated: false },
      { eventid: 'redis.command', command: 'GET', args: ['k'], args_truncated: false },
      { eventid: 'redis.command', command: 'ECHO', args: ['x y'], args_truncated: false },
      { eventid: 'redis.command', command: 'QUIT', args: [], args_truncated: false },
    ]);
    assert.deepEqual(ev.at(-1), { eventid: 'session.closed', duration_ms: ev.at(-1)?.duration_ms, reason: 'client' });
  } finally {
    await t.cleanup();
  }
});

test('protocol errors get Redis 7 texts, close the connection and are recorded as protocol.error', async () => {
  const t = await startRedisApp({ max_args: 16, max_bulk_bytes: 1024 });
  try {
    const port = t.app.port('redis');
    const cases: [string, string][] = [
      ['*17\r\n', 'Protocol error: invalid multibulk length'],
      ['*1\r\n$1025\r\n', 'Protocol error: invalid bulk length'],
      ['*1\r\n:1\r\n', "Protocol error: expected '$', got ':'"],
      ['SET "a\r\n', 'Protocol error: unbalanced quotes in request'],
      ['A'.repeat(64 * 1024 + 1), 'Protocol error: too big inline request'],
    ];
    for (const [input, message] of cases) {
      const s = await openSocket(port);
      const r = await exchange(s, input);
      assert.equal(r.data.toString(), `-ERR ${message}\r\n`, message);
      assert.ok(r.closed);
    }
    const all = await storedEvents(t, cases.length);
    const errors = all.filter((e) => e.eventid === 'protocol.error').map(own);
    assert.deepEqual(
      errors.map((e) => e.message),
      cases.map((c) => c[1]),
    );
    assert.equal(errors[0]?.data_hex, Buffer.from('*17\r\n').toString('hex'));
    assert.equal((errors[4]?.data_hex as string).length, 512, 'data capped at 256 bytes');
    assert.ok(all.filter((e) => e.eventid === 'session.closed').every((e) => e.eventid === 'session.closed' && e.reason === 'error'));
  } finally {
    await t.cleanup();
  }
});

test('one source never sees another source’s keys or CONFIG SET', async () => {
  const t = await startRedisApp();
  try {
    const port = t.app.port('redis');
    const a = await openSocket(port, '127.0.0.1');
    await exchange(a, 'SET mine 1\r\nCONFIG SET dir /root/.ssh\r\n', endsWith('+OK\r\n+OK\r\n'));
    const b = await openSocket(port, '127.0.0.2');
    const got = await exchange(b, 'KEYS *\r\nCONFIG GET dir\r\n', endsWith('/var/lib/redis\r\n'));
    assert.equal(got.data.toString(), '*0\r\n*2\r\n$3\r\ndir\r\n$14\r\n/var/lib/redis\r\n');
    const same = await exchange(a, 'KEYS *\r\n', endsWith('mine\r\n'));
    assert.equal(same.data.toString(), '*1\r\n$4\r\nmine\r\n');
    a.destroy();
    b.destroy();
  } finally {
    await t.cleanup();
  }
});

test('keyspace caps give the OOM error; long arguments are cut in the event; the command cap closes with limit', async () => {
  const t = await startRedisApp({ keyspace_max_keys: 2, event_arg_bytes: 64, max_commands_per_session: 5 });
  try {
    const s = await openSocket(t.app.port('redis'));
    const long = 'x'.repeat(100);
    const got = await exchange(s, `SET a 1\r\nSET b 2\r\nSET c 3\r\nSET a ${long}\r\n`, endsWith('+OK\r\n+OK\r\n-OOM command not allowed when used memory > \'maxmemory\'.\r\n+OK\r\n'));
    assert.ok(!got.closed);
    const end = await exchange(s, 'PING\r\nPING\r\n');
    assert.equal(end.data.toString(), '+PONG\r\n');
    assert.ok(end.closed);
    const ev = (await storedEvents(t, 1)).map(own);
    assert.deepEqual(ev[4], { eventid: 'redis.command', command: 'SET', args: ['a', 'x'.repeat(64)], args_truncated: true });
    assert.equal(ev.filter((e) => e.eventid === 'redis.command').length, 5, 'the sixth command is not processed');
    assert.deepEqual(ev.at(-1), { eventid: 'session.closed', duration_ms: ev.at(-1)?.duration_ms, reason: 'limit' });
  } finally {
    await t.cleanup();
  }
});
