// End to end: the real OpenSSH client (with sshpass) against the SSH sensor's file system: what one session of a
// source writes, its next session (and the next process) sees; a login name absent from /etc/passwd gets a home.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const dir = mkdtempSync(join(tmpdir(), 'pn-fs-e2e-'));
const auth = { users: [{ username: 'root', password: '123456' }, { username: '*', password: 'letmein' }] };
let t: TestApp;

before(async () => {
  t = await startTestApp({ auth }, dir);
});
after(async () => {
  await t.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function ssh(user: string, password: string, command: string): ReturnType<typeof run> {
  return run('sshpass', ['-p', password, 'ssh', ...sshArgs(t.app.port('ssh')), `${user}@127.0.0.1`, command]);
}

test('a second session from the same source sees the files the first wrote, also after a restart', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const first = await ssh('root', '123456', 'echo persisted > /tmp/.mark; chmod +x /tmp/.mark; rm /etc/motd; ls -l /tmp/.mark | cut -d" " -f1,3,5');
  assert.equal(first.stdout, '-rwxr-xr-x root 10\n', first.stderr);

  const second = await ssh('root', '123456', 'cat /tmp/.mark; ls -a /tmp; cat /etc/motd; echo $?');
  // Without a pty the error goes to the channel's stderr stream, as sshd sends it.
  assert.equal(second.stdout, 'persisted\n.\n..\n.mark\n1\n');
  assert.match(second.stderr, /^cat: \/etc\/motd: No such file or directory$/m);

  await t.app.settle();
  const uploads = (await t.app.store.events({ limit: 10_000 })).filter((e) => e.eventid === 'session.file_upload');
  assert.deepEqual(uploads.map((e) => [e.filename, e.size]), [['/tmp/.mark', 10]]);

  // A restart: the layer was written to disk on stop and is read back at the source's next session.
  await t.app.stop();
  assert.ok(readdirSync(join(dir, 'fs', 'ssh')).includes('127.0.0.1.json'));
  t = await startTestApp({ auth }, dir);
  const third = await ssh('root', '123456', 'cat /tmp/.mark');
  assert.equal(third.stdout, 'persisted\n');
});

test('a login name absent from /etc/passwd gets its home, a passwd line and a working shell', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const r = await ssh('zq7svc', 'letmein', 'pwd; ls -a; echo hi > f; cat ~/f; tail -n 1 /etc/passwd; ls -ld ~ | cut -d" " -f1,3; echo x > /etc/x');
  assert.match(r.stdout, /^\/home\/zq7svc\n\.\n\.\.\n\.bash_logout\n\.bashrc\n\.profile\nhi\nzq7svc:x:(\d+):\1:[^:]*:\/home\/zq7svc:\/bin\/bash\ndrwx------ zq7svc\n$/);
  assert.match(r.stderr, /^bash: line 1: \/etc\/x: Permission denied$/m);
});
