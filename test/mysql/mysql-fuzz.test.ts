// Bounded, seeded fuzzing of the hand-written MySQL parser over real sockets: random bytes, mutated
// handshake responses and mutated commands after a good login. The sensor must stay up, close and record
// every session, and give back its memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { SeededRng } from '../../src/core/rng.js';
import { startTestApp } from '../helpers/test-app.js';
import { waitSessions } from './events.js';
import { WireClient, handshakeResponse, nativeScramble, parseGreeting } from './wire-client.js';

const CONNECTIONS = 240;
const CONCURRENCY = 12;

function bytes(rng: SeededRng, n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = rng.nextUint32() & 0xff;
  return b;
}

function mutate(rng: SeededRng, input: Buffer): Buffer {
  const b = Buffer.from(input);
  const edits = 1 + (rng.nextUint32() % 6);
  for (let i = 0; i < edits && b.length > 0; i++) b[rng.nextUint32() % b.length] = rng.nextUint32() & 0xff;
  return rng.nextUint32() % 3 === 0 ? b.subarray(0, rng.nextUint32() % (b.length + 1)) : b;
}

function framed(seq: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUIntLE(payload.length, 0, 3);
  head[3] = seq;
  return Buffer.concat([head, payload]);
}

/** Sends `data` (after the greeting and, optionally, a good login), half-closes, and waits for the server to close. */
async function attack(port: number, rng: SeededRng, i: number): Promise<void> {
  const kind = i % 3;
  const c = await WireClient.open(port);
  const greeting = await c.read();
  if (kind === 2 && greeting) {
    const g = parseGreeting(greeting.payload);
    c.send(1, handshakeResponse('root', nativeScramble('x', g.salt), 'mysql_native_password', { deprecateEof: i % 2 === 0 }));
    await c.read();
    const commands = [Buffer.from('\x03SHOW DATABASES'), Buffer.from('\x03SELECT @@version, 1, \'a\''), Buffer.from('\x02mysql'), Buffer.from([0x0e]), Buffer.from([0x04, 0x75, 0x73, 0x65, 0x72, 0])];
    const parts: Buffer[] = [];
    for (let k = 0; k < 4; k++) parts.push(mutate(rng, framed(0, commands[rng.nextUint32() % commands.length]!)));
    c.raw(Buffer.concat(parts));
  } else if (kind === 1) {
    c.raw(mutate(rng, framed(1, handshakeResponse('root', bytes(rng, 20), 'caching_sha2_password'))));
  } else {
    c.raw(bytes(rng, 1 + (rng.nextUint32() % 6000)));
  }
  c.socket.end();
  const timer = setTimeout(() => c.close(), 3000);
  await c.untilClosed();
  clearTimeout(timer);
}

test('seeded fuzzing: the sensor stays up, records every session, and memory returns near baseline', async () => {
  const t = await startTestApp({ mysql: { enabled: true, accept_username: 'root', max_packet_bytes: 4096, idle_timeout_s: 5 } });
  try {
    const port = t.app.port('mysql');
    const rng = new SeededRng(0x5eed);
    const before = process.memoryUsage().heapUsed;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CONNECTIONS) await attack(port, rng, next++);
      }),
    );
    const done = await waitSessions(t, CONNECTIONS);
    assert.equal(done.length, CONNECTIONS);
    assert.ok(done.some((ev) => ev.some((e) => e.eventid === 'protocol.error')));
    assert.ok(done.some((ev) => ev.some((e) => e.eventid === 'login.success')));
    assert.ok(done.some((ev) => ev.some((e) => e.eventid === 'mysql.query')));
    // Still serving: a clean connection gets its greeting.
    const probe = await new Promise<Buffer>((resolve, reject) => {
      const s = connect(port, '127.0.0.1');
      s.once('data', (d: Buffer) => {
        s.destroy();
        resolve(d);
      });
      s.once('error', reject);
    });
    assert.equal(probe[4], 0x0a);
    assert.equal(t.app.metrics.get('events.invalid'), 0, 'every event the fuzzed sessions produced fits the catalogue');
    const growth = process.memoryUsage().heapUsed - before;
    assert.ok(growth < 32 * 1024 * 1024, `heap grew by ${growth} bytes`);
  } finally {
    await t.cleanup();
  }
});
