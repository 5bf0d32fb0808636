// End to end: OpenSSH's sftp (batch mode, through sshpass) against the SSH sensor's SFTP subsystem: uploads
// land in the artifact store and as session.file_upload, the source's shell sees them, limits and bad packets hold.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { PhantomEvent } from '../../src/schema/events.js';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let port: number;
let work: string;
const QUOTA = 64 * 1024;

before(async () => {
  t = await startTestApp({ shell: { fs: { max_bytes_per_source: QUOTA } } });
  port = t.app.port('ssh');
  work = mkdtempSync(join(tmpdir(), 'pn-sftp-'));
});
after(async () => {
  await t.cleanup();
  rmSync(work, { recursive: true, force: true });
});

const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

function sftp(batch: string, extra: string[] = []): ReturnType<typeof run> {
  const file = join(work, `batch-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, batch);
  return run('sshpass', ['-p', '123456', 'sftp', ...sshArgs(port).map((a) => (a === '-p' ? '-P' : a)), ...extra, '-o', 'BatchMode=no', '-b', file, 'root@127.0.0.1'], { timeoutMs: 30_000 });
}

function ssh(command: string): ReturnType<typeof run> {
  return run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(port), 'root@127.0.0.1', command]);
}

async function events(): Promise<PhantomEvent[]> {
  await t.app.settle();
  return t.app.store.events({ limit: 100_000 });
}

async function uploads(filename: string): Promise<PhantomEvent[]> {
  for (let i = 0; i < 50; i++) {
    const found = (await events()).filter((e) => e.eventid === 'session.file_upload' && e.filename === filename);
    if (found.length) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

test('sftp batch: put, ls -l, get, mkdir, rename, rm; the upload is an artifact and an event, and the shell sees it', async (ctx) => {
  if (!requirePrograms(ctx, 'sftp', 'sshpass', 'ssh')) return;
  const payload = Buffer.concat([Buffer.from('#!/bin/sh\necho pwned\n'), randomBytes(3000)]);
  writeFileSync(join(work, 'payload.bin'), payload);
  const r = await sftp(
    [`put ${join(work, 'payload.bin')} /tmp/x.bin`, 'ls -l /tmp/x.bin', `get /tmp/x.bin ${join(work, 'back.bin')}`, 'mkdir /tmp/newdir', 'rename /tmp/x.bin /tmp/newdir/y.bin', 'ls /tmp/newdir', 'pwd', ''].join('\n'),
  );
  assert.equal(r.code, 0, r.stderr + r.stdout);
  assert.match(r.stdout, /-rw-r--r-- +\? root +root +3021 \w{3} [ \d]\d \d\d:\d\d \/tmp\/x\.bin\n/);
  assert.match(r.stdout, /sftp> ls \/tmp\/newdir\n\/tmp\/newdir\/y\.bin\s*\n/);
  assert.match(r.stdout, /Remote working directory: \/root\n/);
  assert.deepEqual(readFileSync(join(work, 'back.bin')), payload);

  const [up] = await uploads('/tmp/x.bin');
  assert.ok(up?.eventid === 'session.file_upload', 'session.file_upload for /tmp/x.bin');
  assert.equal(up.shasum, sha256(payload));
  assert.equal(up.size, payload.length);
  assert.equal(up.truncated, false);
  assert.deepEqual(readFileSync(join(t.dir, 'artifacts', up.shasum)), payload);

  const shell = await ssh('cat /tmp/newdir/y.bin | head -2; ls /tmp/newdir');
  assert.equal(shell.stdout.split('\n').slice(0, 2).join('\n'), '#!/bin/sh\necho pwned');
  assert.match(shell.stdout, /\ny\.bin\n$/);

  const rm = await sftp(['rm /tmp/newdir/y.bin', 'rmdir /tmp/newdir', '-ls /tmp/newdir', ''].join('\n'));
  assert.equal(rm.code, 0, rm.stderr);
  assert.match(rm.stderr, /Can't ls: "\/tmp\/newdir" not found/);
});

test('sftp errors read as OpenSSH words them', async (ctx) => {
  if (!requirePrograms(ctx, 'sftp', 'sshpass')) return;
  const r = await sftp(['-get /nonexist', '-rm /nonexist', '-mkdir /etc', '-rename /nonexist /x', '-cd /nonexist', '-rmdir /etc', ''].join('\n'));
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stderr.replace(/\r\n/g, '\n'),
    [
      'File "/nonexist" not found.',
      'remote delete /nonexist: No such file or directory',
      'remote mkdir "/etc": Failure',
      'remote rename "/nonexist" to "/x": No such file or directory',
      'stat remote: No such file or directory',
      'remote rmdir "/etc": Failure',
      '',
    ].join('\n'),
  );
});

function scp(args: string[]): ReturnType<typeof run> {
  return run('sshpass', ['-p', '123456', 'scp', ...sshArgs(port).map((a) => (a === '-p' ? '-P' : a)), ...args], { timeoutMs: 30_000 });
}

for (const legacy of [false, true]) {
  test(`scp ${legacy ? '-O (legacy protocol)' : '(SFTP mode)'}: upload and download`, async (ctx) => {
    if (!requirePrograms(ctx, 'scp', 'sshpass')) return;
    const mode = legacy ? ['-O'] : [];
    const payload = randomBytes(20_000);
    const local = join(work, `scp-${legacy}.bin`);
    writeFileSync(local, payload);
    const remote = `/tmp/scp-${legacy ? 'legacy' : 'sftp'}.bin`;
    const up = await scp([...mode, local, `root@127.0.0.1:${remote}`]);
    assert.equal(up.code, 0, up.stderr);
    const [ev] = await uploads(remote);
    assert.ok(ev?.eventid === 'session.file_upload', `session.file_upload for ${remote}`);
    assert.equal(ev.shasum, sha256(payload));
    assert.ok(existsSync(join(t.dir, 'artifacts', ev.shasum)));

    const back = join(work, `scp-${legacy}-back.bin`);
    const down = await scp([...mode, `root@127.0.0.1:${remote}`, back]);
    assert.equal(down.code, 0, down.stderr);
    assert.deepEqual(readFileSync(back), payload);

    const missing = await scp([...mode, 'root@127.0.0.1:/nonexist', back]);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, legacy ? /scp: \/nonexist: No such file or directory/ : /scp: \/nonexist: No such file or directory/);
    if (legacy) {
      const inputs = (await events()).filter((e) => e.eventid === 'command.input' && /^scp .*-t/.test(e.input));
      assert.ok(inputs.length > 0, 'the scp exec line is a command.input');
    }
  });
}

test('an upload past the source quota fails as ENOSPC; what fit is recorded as truncated', async (ctx) => {
  if (!requirePrograms(ctx, 'sftp', 'scp', 'sshpass')) return;
  const big = randomBytes(QUOTA * 2);
  writeFileSync(join(work, 'big.bin'), big);
  const r = await sftp(`put ${join(work, 'big.bin')} /tmp/big.bin\n`);
  assert.notEqual(r.code, 0);
  assert.match(r.stderr, /Failure/);
  const [ev] = await uploads('/tmp/big.bin');
  assert.ok(ev?.eventid === 'session.file_upload');
  assert.equal(ev.truncated, true);
  assert.ok(ev.size < big.length && ev.size > 0, String(ev.size));

  const legacy = await scp(['-O', join(work, 'big.bin'), 'root@127.0.0.1:/tmp/big2.bin']);
  assert.equal(legacy.code, 1);
  assert.match(legacy.stderr, /scp: \/tmp\/big2\.bin: No space left on device/);
  const [ev2] = await uploads('/tmp/big2.bin');
  assert.ok(ev2?.eventid === 'session.file_upload' && ev2.truncated);
});

test('garbage on the sftp channel ends the subsystem as sftp-server does; the sensor stays up', async () => {
  const conn = new ssh2.Client();
  await new Promise<void>((resolve, reject) => {
    conn.on('ready', () => resolve()).on('error', reject);
    conn.connect({ host: '127.0.0.1', port, username: 'root', password: '123456' });
  });
  const status = await new Promise<number | null>((resolve, reject) => {
    conn.subsys('sftp', (err, ch) => {
      if (err) return reject(err);
      ch.on('exit', (code: number | null) => resolve(code));
      ch.on('data', () => {});
      // INIT, then a STAT whose path length runs past the packet.
      ch.write(Buffer.from('0000000501000000030000000d1100000001000000ff41424344', 'hex'));
    });
  });
  assert.equal(status, 255);
  const huge = await new Promise<number | null>((resolve, reject) => {
    conn.subsys('sftp', (err, ch) => {
      if (err) return reject(err);
      ch.on('exit', (code: number | null) => resolve(code));
      ch.on('data', () => {});
      ch.write(Buffer.from('7fffffff01', 'hex'));
    });
  });
  assert.equal(huge, 11);
  const refused = await new Promise<Error | undefined>((resolve) => conn.subsys('netconf', (err) => resolve(err)));
  assert.ok(refused, 'an unknown subsystem is refused');
  conn.end();
  const errors = (await events()).filter((e) => e.eventid === 'protocol.error' && e.message.startsWith('sftp: '));
  assert.ok(errors.length >= 2, JSON.stringify(errors));
  const after = await ssh('echo alive');
  assert.equal(after.stdout, 'alive\n');
});
