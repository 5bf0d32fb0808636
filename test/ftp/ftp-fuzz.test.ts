// Bounded fuzzing of the FTP command parser over real sockets: seeded random bytes and mutated valid
// dialogues; the sensor stays up, records what it saw, and its heap returns near where it started.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { SeededRng } from '../../src/core/rng.js';
import { startTestApp } from '../helpers/test-app.js';
import { Control } from './ftp-helpers.js';

const VALID = ['USER admin', 'PASS admin', 'SYST', 'FEAT', 'PWD', 'CWD backups', 'TYPE I', 'PASV', 'EPSV', 'LIST -la', 'NLST *.gz', 'SIZE notes.txt', 'MDTM notes.txt', 'REST 10', 'RETR notes.txt', 'MKD x', 'DELE x', 'RNFR a', 'RNTO b', 'SITE CHMOD 777 x', 'STAT', 'OPTS UTF8 ON', 'PORT 127,0,0,1,4,1', 'EPRT |1|127.0.0.1|1025|', 'HELP', 'NOOP'];
const SESSIONS = 60;

function mutate(rng: SeededRng, line: Buffer): Buffer {
  const b = Buffer.from(line);
  const n = 1 + rng.nextUint32() % 4;
  for (let i = 0; i < n && b.length > 0; i++) b[rng.nextUint32() % b.length] = rng.nextUint32() & 0xff;
  return b;
}

function input(rng: SeededRng, i: number): Buffer {
  const parts: Buffer[] = [];
  const lines = 1 + rng.nextUint32() % 30;
  for (let l = 0; l < lines; l++) {
    const pick = rng.nextUint32() % 10;
    const valid = Buffer.from(VALID[rng.nextUint32() % VALID.length]! + '\r\n');
    if (pick < 4) parts.push(valid);
    else if (pick < 8) parts.push(mutate(rng, valid));
    else {
      const raw = Buffer.alloc(1 + (rng.nextUint32() % (i % 7 === 0 ? 9000 : 300)));
      for (let k = 0; k < raw.length; k++) raw[k] = rng.nextUint32() & 0xff;
      parts.push(raw);
    }
  }
  return Buffer.concat(parts);
}

test('fuzz: random and mutated command streams never crash the sensor or leak memory', async () => {
  const t = await startTestApp({ ftp: { enabled: true, idle_timeout_s: 1, delay_failed_login_ms: 0, data_timeout_s: 1 } });
  try {
    const port = t.app.port('ftp');
    const rng = new SeededRng(0x5eed);
    const before = process.memoryUsage().heapUsed;
    for (let batch = 0; batch < SESSIONS / 10; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          new Promise<void>((resolve) => {
            const s = connect(port, '127.0.0.1', () => {
              s.write(input(rng, batch * 10 + j));
              s.end();
            });
            s.on('error', () => resolve());
            s.on('close', () => resolve());
            s.resume();
          }),
        ),
      );
    }
    // Still answering like vsftpd after all that.
    const c = await Control.open(port);
    assert.equal(await c.reply(), '220 (vsFTPd 3.0.3)\r\n');
    assert.equal(await c.send('USER admin'), '331 Please specify the password.\r\n');
    assert.equal(await c.send('PASS admin'), '230 Login successful.\r\n');
    c.close();

    let events = await t.app.store.events({ limit: 1_000_000 });
    for (let i = 0; i < 100 && events.filter((e) => e.eventid === 'session.closed').length < SESSIONS + 1; i++) {
      await new Promise((r) => setTimeout(r, 100));
      await t.app.settle();
      events = await t.app.store.events({ limit: 1_000_000 });
    }
    assert.equal(events.filter((e) => e.eventid === 'session.closed').length, SESSIONS + 1, 'every session closed');
    assert.ok(events.filter((e) => e.eventid === 'ftp.command').length > SESSIONS, 'commands were recorded');
    assert.ok(events.some((e) => e.eventid === 'protocol.error'), 'malformed lines were recorded');
    const growth = process.memoryUsage().heapUsed - before;
    assert.ok(growth < 32 * 1024 * 1024, `heap grew by ${growth} bytes`);
  } finally {
    await t.cleanup();
  }
});
