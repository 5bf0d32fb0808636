import assert from 'node:assert/strict';
import test from 'node:test';
import type { CommandSession } from '../command-session.js';
import { debianShell, PERSONA_OS } from '../system/test-shell.js';
import { FsRegistry } from './index.js';
import { binariesOf } from './for-sensor.js';
import { commandTable } from '../commands/index.js';

function recorder(): { session: CommandSession; events: { eventid: string; fields: Record<string, unknown> }[] } {
  const events: { eventid: string; fields: Record<string, unknown> }[] = [];
  const session: CommandSession = {
    emit: (eventid, fields) => void events.push({ eventid, fields: fields as Record<string, unknown> }),
    saveArtifact: (data) => ({ shasum: 'a'.repeat(63) + String(data.length % 10), duplicate: false, path: '/dev/null' }),
    remoteAddress: '198.51.100.20',
  };
  return { session, events };
}

async function run(s: ReturnType<typeof debianShell>, line: string): Promise<string> {
  return (await s.run(line)).output;
}

test('echo > file, cat, ls -la /tmp: owner, mode, size and the directory entries', async () => {
  const s = debianShell();
  assert.equal(await run(s, 'echo hello > /tmp/a.txt; cat /tmp/a.txt; echo more >> /tmp/a.txt; wc -c < /tmp/a.txt'), 'hello\n11\n');
  const ls = await run(s, 'ls -la /tmp');
  assert.match(ls, /^total \d+\n/);
  assert.match(ls, /^drwxrwxrwt +\d+ root root +\d+ .+ \.\n/m);
  assert.match(ls, /^-rw-r--r-- +1 root root +11 .+ a\.txt\n/m);
});

test('rm: "cannot remove", "Is a directory", -r, -f; mkdir -p and "File exists"; cp -r and mv', async () => {
  const s = debianShell();
  assert.equal(await run(s, 'rm /tmp/nope; echo $?'), "rm: cannot remove '/tmp/nope': No such file or directory\n1\n");
  assert.equal(await run(s, 'rm -f /tmp/nope; echo $?'), '0\n');
  assert.equal(await run(s, 'mkdir -p /tmp/d/e; mkdir /tmp/d; echo $?'), "mkdir: cannot create directory ‘/tmp/d’: File exists\n1\n");
  assert.equal(await run(s, 'rm /tmp/d; echo $?'), "rm: cannot remove '/tmp/d': Is a directory\n1\n");
  assert.equal(await run(s, 'echo x > /tmp/d/e/f; cp /tmp/d /tmp/g; cp -r /tmp/d /tmp/g; cat /tmp/g/e/f'), "cp: -r not specified; omitting directory '/tmp/d'\nx\n");
  assert.equal(await run(s, 'mv /tmp/g /tmp/h; ls /tmp/h/e; ls /tmp/g'), "f\nls: cannot access '/tmp/g': No such file or directory\n");
  assert.equal(await run(s, 'rm -r /tmp/d; ls /tmp'), 'h\n');
  assert.equal(await run(s, 'rm -rf /'), "rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
  assert.equal(await run(s, 'cp /etc/passwd /tmp/p && cmp=$(cat /tmp/p | head -n 1); echo $cmp'), 'root:x:0:0:root:/root:/bin/bash\n');
});

test('chmod +x makes ./x.sh runnable; without it bash says Permission denied (126)', async () => {
  const s = debianShell({ mode: 'interactive' });
  await run(s, 'cd /tmp; echo "echo ran" > x.sh');
  assert.equal(await run(s, './x.sh; echo $?'), '-bash: ./x.sh: Permission denied\n126\n');
  assert.equal(await run(s, 'chmod +x x.sh; ./x.sh; ls -l x.sh'), 'ran\n' + (await run(s, 'ls -l x.sh')));
  assert.match(await run(s, 'ls -l x.sh'), /^-rwxr-xr-x 1 root root 9 /);
  assert.equal(await run(s, 'chmod 600 x.sh; sh x.sh'), 'ran\n', 'sh reads a script without the execute bit');
  assert.equal(await run(s, './nope.sh; echo $?'), '-bash: ./nope.sh: No such file or directory\n127\n');
  assert.equal(await run(s, 'chmod 0 x.sh; chmod u=rwx,go=rx x.sh; chmod o-x,g+w x.sh; chmod a-w x.sh'), '');
  assert.match(await run(s, 'ls -l x.sh'), /^-r-xr-xr-- /);
  await run(s, 'chmod 755 x.sh');
  assert.match(await run(s, 'ls -l x.sh'), /^-rwxr-xr-x /);
});

test('cd: real errors, and the prompt follows', async () => {
  const s = debianShell({ mode: 'interactive' });
  assert.equal(await run(s, 'cd /nonexistent; echo $?'), '-bash: cd: /nonexistent: No such file or directory\n1\n');
  assert.equal(await run(s, 'cd /etc/passwd'), '-bash: cd: /etc/passwd: Not a directory\n');
  await run(s, 'cd /bin');
  assert.equal(await run(s, 'pwd'), '/bin\n');
  await run(s, 'mkdir /tmp/w; cd /tmp/w');
  assert.equal(s.prompt(), 'root@web-prod-02:/tmp/w# ');
  const user = debianShell({ mode: 'interactive', user: { name: 'deploy', uid: 1000, home: '/home/deploy' } });
  assert.equal(await run(user, 'cd /root'), '-bash: cd: /root: Permission denied\n');
  assert.equal(await run(user, 'echo x > /etc/x'), '-bash: /etc/x: Permission denied\n');
  assert.equal(await run(user, 'cat /etc/shadow'), 'cat: /etc/shadow: Permission denied\n');
  assert.equal(await run(user, 'echo hi > ~/f; cat ~/f; ls -l ~/f'), 'hi\n' + (await run(user, 'ls -l ~/f')));
  assert.match(await run(user, 'ls -l ~/f'), /^-rw-r--r-- 1 deploy deploy 3 /);
});

test('redirections open the target before the command runs; < reads the file system', async () => {
  const s = debianShell();
  assert.equal(await run(s, 'echo x > /nonexistent/dir/f; echo $?'), 'bash: line 1: /nonexistent/dir/f: No such file or directory\n1\n');
  assert.equal(await run(s, 'true > /tmp/empty; ls -l /tmp/empty | cut -d" " -f5'), '0\n');
  assert.equal(await run(s, 'cat < /etc/hostname'), 'web-prod-02\n');
  assert.equal(await run(s, 'echo 1 > /proc/cpuinfo; echo $?'), 'bash: line 1: /proc/cpuinfo: Permission denied\n1\n');
  assert.equal(await run(s, 'printf "a\\tb" | tee /tmp/t; echo; tee -a /tmp/t < /etc/hostname >/dev/null; cat /tmp/t'), 'a\tb\na\tbweb-prod-02\n');
  assert.equal(await run(s, 'touch /tmp/t2; chown nobody /tmp/t2; ls -l /tmp/t2 | cut -d" " -f3'), 'nobody\n');
});

test('every file a command line writes is reported once as session.file_upload with its absolute path', async () => {
  const { session, events } = recorder();
  const reg = new FsRegistry({ subdir: 'ssh', os: PERSONA_OS, hostname: 'web-prod-02', limits: { max_bytes_per_source: 1 << 20, max_entries_per_source: 256, max_sources_in_memory: 4 }, binaries: () => binariesOf(commandTable()) });
  const user = { name: 'root', uid: 0, home: '/root' };
  const s = debianShell({ session, fs: reg.session('198.51.100.20', { uid: 0, gid: 0 }, user) });
  await s.run('cd /tmp; echo a > x; echo b >> x; echo c | tee y; touch empty; cp x z');
  const uploads = events.filter((e) => e.eventid === 'session.file_upload').map((e) => [e.fields.filename, e.fields.size]);
  assert.deepEqual(uploads.sort(), [['/tmp/x', 4], ['/tmp/y', 2], ['/tmp/z', 4]]);
  events.length = 0;
  await s.run('echo d >> /tmp/x');
  assert.deepEqual(events.filter((e) => e.eventid === 'session.file_upload').map((e) => [e.fields.filename, e.fields.size]), [['/tmp/x', 6]]);
});
