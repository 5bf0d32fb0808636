// hydra's FTP brute force against the sensor: every attempt hydra reports (-V) is one login event,
// across vsftpd's reconnects after max_login_fails, and the one right password is login.success.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { startTestApp } from '../helpers/test-app.js';
import type { PhantomEvent } from '../../src/schema/events.js';

test('hydra -l user -P <20 passwords> -t 4: login events equal hydra\'s attempts', async (ctx) => {
  if (!requirePrograms(ctx, 'hydra')) return;
  const t = await startTestApp({ ftp: { enabled: true, delay_failed_login_ms: 50 } });
  const dir = mkdtempSync(join(tmpdir(), 'pn-hydra-'));
  try {
    const words = Array.from({ length: 19 }, (_, i) => `guess-${i}`);
    words.splice(13, 0, 'test1234'); // the default userdb accepts test/test*
    writeFileSync(join(dir, 'pw.txt'), words.join('\n') + '\n');
    const r = await run('hydra', ['-V', '-I', '-l', 'test', '-P', join(dir, 'pw.txt'), '-t', '4', '-s', String(t.app.port('ftp')), 'ftp://127.0.0.1'], { timeoutMs: 60_000 });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    const attempts = r.stdout.split('\n').filter((l) => /^\[(RE-)?ATTEMPT\] target 127\.0\.0\.1 - login "test" - pass "/.test(l));
    assert.ok(attempts.length >= 14, `hydra made ${attempts.length} attempts`);
    assert.match(r.stdout, /login: test\s+password: test1234/);

    // hydra has exited, so every connection it opened is closing; count once all are closed.
    let all: PhantomEvent[] = [];
    for (let i = 0; i < 100; i++) {
      await t.app.settle();
      all = await t.app.store.events({ limit: 100_000 });
      const opened = all.filter((e) => e.eventid === 'session.connect').length;
      if (opened > 0 && opened === all.filter((e) => e.eventid === 'session.closed').length) break;
      await new Promise((res) => setTimeout(res, 100));
    }
    process.stderr.write(`hydra: ${attempts.length} attempts over ${all.filter((e) => e.eventid === 'session.connect').length} connections\n`);
    const logins = all.filter((e) => e.eventid === 'login.failed' || e.eventid === 'login.success');
    assert.equal(logins.length, attempts.length, `events: ${logins.length}, hydra -V attempts: ${attempts.length}`);
    const tried = new Set(attempts.map((l) => /pass "(.*)" - \d+ of/.exec(l)?.[1]));
    assert.deepEqual(new Set(logins.map((e) => (e.eventid === 'login.failed' || e.eventid === 'login.success' ? e.password : ''))), tried);
    const ok = logins.filter((e) => e.eventid === 'login.success');
    assert.equal(ok.length, 1);
    assert.ok(ok[0]?.eventid === 'login.success' && ok[0].username === 'test' && ok[0].password === 'test1234' && ok[0].method === 'ftp');
  } finally {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
});
