// Bounded, seeded fuzzing of the Redis parser over real sockets: random and mutated RESP/inline input;
// the sensor stays up, records every session and its memory returns near where it was.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SeededRng } from '../../src/core/rng.js';
import { exchange, openSocket, startRedisApp, storedEvents } from './helpers.js';

const SEEDS = [
  '*3\r\n$3\r\nSET\r\n$1\r\nx\r\n$5\r\nhello\r\n',
  '*4\r\n$6\r\nCONFIG\r\n$3\r\nSET\r\n$3\r\ndir\r\n$10\r\n/root/.ssh\r\n',
  'PING\r\nINFO server\r\n',
  '*2\r\n$4\r\nEVAL\r\n$2\r\nx\r\n',
  'SET "a b" \'c\'\r\n',
  '*1\r\n$4\r\nSAVE\r\n',
];

function mutate(rng: SeededRng, input: Buffer): Buffer {
  const out = [...input];
  const n = 1 + (rng.nextUint32() % 6);
  for (let i = 0; i < n; i++) {
    const at = rng.nextUint32() % (out.length + 1);
    const op = rng.nextUint32() % 4;
    if (op === 0) out[at] = rng.nextUint32() & 0xff;
    else if (op === 1) out.splice(at, 0, [0x2a, 0x24, 0x0d, 0x0a, 0x22, 0x27, 0x5c, 0x2d, 0x39][rng.nextUint32() % 9]!);
    else if (op === 2) out.splice(at, 1 + (rng.nextUint32() % 4));
    else out.splice(at, 0, ...Array.from({ length: rng.nextUint32() % 32 }, () => rng.nextUint32() & 0xff));
  }
  return Buffer.from(out);
}

test('seeded random and mutated input: the sensor stays up, records every session, memory stays bounded', async () => {
  const t = await startRedisApp({ idle_timeout_s: 2 });
  try {
    const port = t.app.port('redis');
    const rng = new SeededRng(0x5eed);
    const before = process.memoryUsage().heapUsed;
    const total = 240;
    for (let batch = 0; batch < total / 20; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, async () => {
          const seed = Buffer.from(SEEDS[rng.nextUint32() % SEEDS.length]!, 'latin1');
          const input = rng.nextUint32() % 4 === 0 ? Buffer.from(Array.from({ length: 1 + (rng.nextUint32() % 2048) }, () => rng.nextUint32() & 0xff)) : mutate(rng, Buffer.concat([seed, seed]));
          const s = await openSocket(port);
          s.on('error', () => {});
          s.end(input);
          await new Promise<void>((r) => {
            s.on('close', () => r());
            s.resume();
          });
        }),
      );
    }
    const s = await openSocket(port);
    assert.equal((await exchange(s, 'PING\r\n', (b) => b.includes(0x0a))).data.toString(), '+PONG\r\n', 'still answering');
    s.destroy();
    const all = await storedEvents(t, total + 1);
    const sessions = new Map<string, string[]>();
    for (const e of all) sessions.set(e.session, [...(sessions.get(e.session) ?? []), e.eventid]);
    assert.equal(sessions.size, total + 1);
    for (const ids of sessions.values()) {
      assert.equal(ids[0], 'session.connect');
      assert.equal(ids.at(-1), 'session.closed');
    }
    assert.ok(all.some((e) => e.eventid === 'protocol.error') && all.some((e) => e.eventid === 'redis.command'));
    const growth = process.memoryUsage().heapUsed - before;
    assert.ok(growth < 32 * 1024 * 1024, `heap grew ${growth} bytes`);
  } finally {
    await t.cleanup();
  }
});
