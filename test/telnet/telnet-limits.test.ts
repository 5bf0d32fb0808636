// Login limits over a raw socket: max_auth_tries closes with auth_limit, the login timeout with timeout,
// and a fuzz run of random and mutated Telnet input that leaves the sensor up with bounded memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, type Socket } from 'node:net';
import type { PhantomEvent } from '../../src/schema/events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

function open(port: number): Promise<{ s: Socket; screen: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1', () => resolve({ s, screen: () => out, closed }));
    let out = '';
    s.on('data', (d: Buffer) => (out += d.toString('latin1')));
    s.on('error', reject);
    const closed = new Promise<void>((r) => s.on('close', () => r()));
  });
}

async function closedSessions(t: TestApp, n: number): Promise<PhantomEvent[][]> {
  for (let i = 0; i < 200; i++) {
    await t.app.settle();
    const by = new Map<string, PhantomEvent[]>();
    for (const e of await t.app.store.events({ limit: 100_000 })) by.set(e.session, [...(by.get(e.session) ?? []), e]);
    const done = [...by.values()].filter((ev) => ev.at(-1)?.eventid === 'session.closed');
    if (done.length >= n) return done;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`fewer than ${n} closed sessions`);
}

/** The answers a Linux telnet client gives to in.telnetd's opening DOs: WONT to all four. */
const REFUSE_ALL = Buffer.from([255, 252, 24, 255, 252, 32, 255, 252, 35, 255, 252, 39]);

test('max_auth_tries wrong passwords print "Login incorrect" each time and close with auth_limit', async () => {
  const t = await startTestApp({ telnet: { max_auth_tries: 2, login_fail_delay_ms: 10 } });
  try {
    const c = await open(t.app.port('telnet'));
    c.s.write(REFUSE_ALL);
    c.s.write('root\r\0a\r\0root\r\0b\r\0');
    await c.closed;
    assert.match(c.screen(), /web-prod-02 login: root\r\nPassword: \r\nLogin incorrect\r\n\r\nweb-prod-02 login: root\r\nPassword: \r\nLogin incorrect\r\n\r\n$/);
    const [ev] = await closedSessions(t, 1);
    assert.deepEqual(ev!.filter((e) => e.eventid === 'login.failed').map((e) => (e.eventid === 'login.failed' ? e.password : '')), ['a', 'b']);
    const last = ev!.at(-1);
    assert.ok(last?.eventid === 'session.closed' && last.reason === 'auth_limit');
  } finally {
    await t.cleanup();
  }
});

test('the login timeout prints login(1)\'s message and closes with reason timeout', async () => {
  const t = await startTestApp({ telnet: { login_timeout_s: 1 } });
  try {
    const c = await open(t.app.port('telnet'));
    c.s.write(REFUSE_ALL);
    // in.telnetd then asks for NAWS and waits for the answer before login starts.
    for (let i = 0; i < 500 && !c.screen().includes('\xff\xfd\x1f'); i++) await new Promise((r) => setTimeout(r, 10));
    c.s.write(Buffer.from([255, 252, 31]));
    await c.closed;
    assert.match(c.screen(), /web-prod-02 login: \r\nLogin timed out after 1 seconds\.\r\n$/);
    const [ev] = await closedSessions(t, 1);
    const last = ev!.at(-1);
    assert.ok(last?.eventid === 'session.closed' && last.reason === 'timeout');
  } finally {
    await t.cleanup();
  }
});

test('fuzz: 100 connections of random and mutated Telnet input; the sensor records them and still logs people in', async () => {
  const t = await startTestApp({ telnet: { idle_timeout_s: 1, login_fail_delay_ms: 0 } });
  try {
    const port = t.app.port('telnet');
    let seed = 0xc0ffee;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const samples = [
      Buffer.concat([REFUSE_ALL, Buffer.from('root\r\0x\r\0')]),
      Buffer.from([255, 250, 31, 0, 80, 0, 24, 255, 240, 255, 251, 31, 255, 253, 1]),
      Buffer.concat([Buffer.from([255, 250, 24, 0]), Buffer.alloc(700, 0x41), Buffer.from([255, 240])]),
    ];
    const before = process.memoryUsage().heapUsed;
    const n = 100;
    for (let batch = 0; batch < n; batch += 50) {
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          let input: Buffer;
          if (rnd(2) === 0) {
            input = Buffer.alloc(1 + rnd(4096));
            for (let j = 0; j < input.length; j++) input[j] = rnd(3) === 0 ? 255 : rnd(256);
          } else {
            input = Buffer.from(samples[rnd(samples.length)]!);
            for (let k = 0; k < 3; k++) input[rnd(input.length)] = rnd(256);
          }
          const c = await open(port);
          c.s.on('error', () => {});
          c.s.end(input);
          await c.closed;
        }),
      );
    }
    const done = await closedSessions(t, n);
    assert.equal(done.length, n);
    assert.ok(done.some((ev) => ev.some((e) => e.eventid === 'protocol.error')), 'over-long subnegotiations were recorded');
    // Still serving: a clean login after the storm.
    const c = await open(port);
    c.s.write(REFUSE_ALL);
    c.s.write('root\r\x00123456\r\x00exit\r\x00');
    await c.closed;
    assert.match(c.screen(), /root@web-prod-02:~# exit\r\n\x1b\[\?2004l\rlogout\r\n$/);
    assert.ok(process.memoryUsage().heapUsed - before < 32 * 1024 * 1024);
  } finally {
    await t.cleanup();
  }
});
