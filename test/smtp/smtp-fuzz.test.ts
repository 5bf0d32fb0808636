// Bounded fuzzing of the hand-written SMTP parser over real sockets: seeded random and mutated conversations.
// The sensor must stay up, record every session, and give its memory back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { SeededRng } from '../../src/core/rng.js';
import type { PhantomEvent } from '../../src/schema/events.js';
import { startTestApp } from '../helpers/test-app.js';
import { RawSmtp } from './raw-client.js';

const VALID = Buffer.from(
  [
    'EHLO fuzz',
    'AUTH PLAIN AHJvb3QAMTIzNDU2',
    'AUTH LOGIN',
    'dXNlcg==',
    'cGFzcw==',
    'MAIL FROM:<a@example.org> SIZE=100',
    'RCPT TO:<b@example.com>',
    'DATA',
    'Subject: x',
    '',
    '..body',
    '.',
    'VRFY root',
    'RSET',
    'QUIT',
    '',
  ].join('\r\n'),
);

function mutate(rng: SeededRng): Buffer {
  const kind = rng.int(4);
  if (kind === 0) return Buffer.from(Array.from({ length: 1 + rng.int(4096) }, () => rng.int(256)));
  const bytes = [...VALID];
  for (let i = 0, n = 1 + rng.int(12); i < n; i++) {
    const at = rng.int(bytes.length);
    switch (rng.int(5)) {
      case 0:
        bytes[at] = rng.int(256);
        break;
      case 1:
        bytes.splice(at, 0, ...Array.from({ length: rng.int(64) }, () => rng.int(256)));
        break;
      case 2:
        bytes.splice(at, rng.int(32));
        break;
      case 3:
        bytes.splice(at, 0, ...Array.from({ length: 2048 + rng.int(4096) }, () => 0x41));
        break;
      default:
        bytes.splice(at, 0, ...bytes.slice(rng.int(bytes.length), rng.int(bytes.length)));
    }
  }
  return Buffer.from(bytes.map((b) => b & 0xff));
}

function send(port: number, data: Buffer, rng: SeededRng): Promise<void> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.on('error', () => {});
    s.resume();
    s.on('connect', () => {
      // Random chunking: the parser must not care where TCP segments end.
      let off = 0;
      while (off < data.length) {
        const n = 1 + rng.int(512);
        s.write(data.subarray(off, off + n));
        off += n;
      }
      s.end();
    });
    const done = setTimeout(() => s.destroy(), 300);
    s.on('close', () => {
      clearTimeout(done);
      resolve();
    });
  });
}

test('seeded random and mutated input: the sensor stays up, records every session, memory returns', async () => {
  const t = await startTestApp({ smtp: { enabled: true, idle_timeout_s: 2, max_connections_per_source: 64 } });
  try {
    const port = t.app.port('smtp');
    const rng = new SeededRng(20261125);
    const heapBefore = process.memoryUsage().heapUsed;
    const sessions = 160;
    const deadline = Date.now() + 20_000;
    let sent = 0;
    for (let batch = 0; batch < sessions / 16 && Date.now() < deadline; batch++) {
      await Promise.all(Array.from({ length: 16 }, () => send(port, mutate(rng), rng.fork())));
      sent += 16;
    }
    // Still serving: a clean conversation right after the fuzzing.
    const c = await RawSmtp.open(port);
    assert.match(await c.reply(), /^220 .* ESMTP Postfix \(Debian\/GNU\)$/);
    assert.equal(await c.cmd('MAIL FROM:<ok@example.org>'), '250 2.1.0 Ok');
    assert.equal(await c.cmd('QUIT'), '221 2.0.0 Bye');
    await c.waitClosed();

    let all: PhantomEvent[] = [];
    for (let i = 0; i < 100; i++) {
      await t.app.settle();
      all = await t.app.store.events({ limit: 1_000_000 });
      if (all.filter((e) => e.eventid === 'session.closed').length >= sent + 1) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const count = (id: string) => all.filter((e) => e.eventid === id).length;
    assert.equal(count('session.connect'), sent + 1);
    assert.equal(count('session.closed'), sent + 1);
    assert.ok(count('smtp.command') > sent, `commands recorded: ${count('smtp.command')}`);
    assert.ok(count('protocol.error') > 0);
    assert.ok(count('login.failed') + count('login.success') > 0);
    assert.equal(t.app.port('smtp'), port);
    const growth = process.memoryUsage().heapUsed - heapBefore;
    assert.ok(growth < 32 * 1024 * 1024, `heap grew ${Math.round(growth / 1024)} KiB`);
  } finally {
    await t.cleanup();
  }
});
