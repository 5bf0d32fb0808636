import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { PERSONA_OS } from '../system/test-shell.js';
import { FsError, FsRegistry, type FsLimits, type ShellFs } from './index.js';

const ROOT = { uid: 0, gid: 0 };
const ROOT_USER = { name: 'root', uid: 0, home: '/root' };
const USER = { uid: 1000, gid: 1000 };

function registry(limits: Partial<FsLimits> = {}, dataDir?: string): FsRegistry {
  return new FsRegistry({
    ...(dataDir ? { dataDir } : {}),
    subdir: 'ssh',
    os: PERSONA_OS,
    hostname: 'web-prod-02',
    limits: { max_bytes_per_source: 1 << 20, max_entries_per_source: 64, max_sources_in_memory: 8, ...limits },
    binaries: () => ['/usr/bin/ls', '/usr/bin/cat', '/usr/sbin/sshd'],
  });
}

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof FsError) return e.code;
    throw e;
  }
  return 'ok';
}

const text = (fs: ShellFs, p: string): string => fs.readFile(p).toString('latin1');

test('base tree: merged /usr, /etc files from the machine model, binaries, modes Debian has', () => {
  const fs = registry().session('198.51.100.7', ROOT, ROOT_USER);
  assert.deepEqual(fs.lstat('/bin'), { ...fs.lstat('/bin')!, kind: 'link', target: 'usr/bin' });
  assert.equal(fs.realpath('/bin/ls'), '/usr/bin/ls');
  assert.equal(fs.stat('/bin/ls')?.mode, 0o755);
  assert.equal(text(fs, '/bin/ls').slice(0, 4), '\x7fELF');
  assert.equal(text(fs, '/etc/hostname'), 'web-prod-02\n');
  assert.match(text(fs, '/etc/passwd'), /^root:x:0:0:root:\/root:\/bin\/bash\n/);
  assert.match(text(fs, '/etc/os-release'), /^PRETTY_NAME="Debian GNU\/Linux 12 \(bookworm\)"/);
  assert.match(text(fs, '/proc/cpuinfo'), /^processor\t: 0/);
  assert.equal(fs.stat('/proc/cpuinfo')?.size, 0, 'procfs reports size 0');
  assert.equal(fs.stat('/tmp')?.mode, 0o1777);
  assert.equal(fs.stat('/root')?.mode, 0o700);
  const shadow = fs.stat('/etc/shadow')!;
  assert.deepEqual([shadow.mode, shadow.uid, shadow.gid], [0o640, 0, 42]);
  for (const p of ['/etc/group', '/etc/hosts', '/etc/fstab', '/etc/crontab', '/etc/ssh/sshd_config', '/etc/motd', '/etc/resolv.conf', '/etc/debian_version', '/etc/issue', '/root/.bashrc', '/root/.profile', '/var/log', '/usr/sbin/sshd']) {
    assert.ok(fs.stat(p), p);
  }
  assert.deepEqual(fs.readdir('/root'), ['.bashrc', '.profile', '.ssh']);
});

test('a login name absent from /etc/passwd gets a home from /etc/skel and a passwd line, without a layer', () => {
  const reg = registry();
  const fs = reg.session('198.51.100.8', USER, { name: 'oracle', uid: 1000, home: '/home/oracle' });
  assert.deepEqual(fs.readdir('/home'), ['oracle']);
  assert.deepEqual(fs.readdir('/home/oracle'), ['.bash_logout', '.bashrc', '.profile']);
  const home = fs.stat('/home/oracle')!;
  assert.deepEqual([home.kind, home.mode, home.uid], ['dir', 0o700, 1000]);
  assert.equal(fs.stat('/home/oracle/.bashrc')?.uid, 1000);
  assert.match(text(fs, '/etc/passwd'), /\noracle:x:1000:1000:[^:]*:\/home\/oracle:\/bin\/bash\n$/);
  assert.match(text(fs, '/etc/group'), /\noracle:x:1000:\n$/);
  assert.equal(reg.inMemory, 0, 'reading creates no layer');
  // Another session of the same source with another name does not see that home.
  assert.deepEqual(reg.session('198.51.100.8', ROOT, ROOT_USER).readdir('/home'), []);
});

test('copy-on-write: writes land in the source layer, other sources see the base tree', () => {
  const reg = registry();
  const a = reg.session('203.0.113.1', ROOT, ROOT_USER);
  const b = reg.session('203.0.113.2', ROOT, ROOT_USER);
  a.writeFile('/etc/hostname', Buffer.from('pwned\n'));
  a.writeFile('/tmp/x.sh', Buffer.from('echo hi\n'));
  a.writeFile('/tmp/x.sh', Buffer.from('uname\n'), { append: true });
  assert.equal(text(a, '/etc/hostname'), 'pwned\n');
  assert.equal(text(b, '/etc/hostname'), 'web-prod-02\n');
  assert.equal(text(a, '/tmp/x.sh'), 'echo hi\nuname\n');
  assert.equal(b.stat('/tmp/x.sh'), undefined);
  assert.equal(a.stat('/tmp/x.sh')?.mode, 0o644, 'umask 022');
  // A second session of the same source shares the layer.
  assert.equal(text(reg.session('203.0.113.1', ROOT, ROOT_USER), '/tmp/x.sh'), 'echo hi\nuname\n');
  assert.deepEqual(a.readdir('/tmp'), ['x.sh']);
  assert.ok(a.stat('/tmp')!.mtimeMs > Date.now() - 60_000, 'creating a file moves the directory mtime');
});

test('whiteouts: deleting base files and trees hides them; recreating a directory does not resurrect its old children', () => {
  const fs = registry().session('203.0.113.3', ROOT, ROOT_USER);
  fs.unlink('/etc/motd');
  assert.equal(fs.stat('/etc/motd'), undefined);
  assert.ok(!fs.readdir('/etc').includes('motd'));
  assert.equal(code(() => fs.readFile('/etc/motd')), 'ENOENT');
  assert.equal(code(() => fs.rmdir('/etc/ssh')), 'ENOTEMPTY');
  for (const n of fs.readdir('/etc/ssh')) {
    const p = `/etc/ssh/${n}`;
    if (fs.lstat(p)?.kind === 'dir') fs.rmdir(p);
    else fs.unlink(p);
  }
  fs.rmdir('/etc/ssh');
  assert.equal(fs.stat('/etc/ssh/sshd_config'), undefined);
  fs.mkdir('/etc/ssh');
  assert.deepEqual(fs.readdir('/etc/ssh'), []);
  fs.writeFile('/etc/motd', Buffer.from('hi\n'));
  assert.equal(text(fs, '/etc/motd'), 'hi\n');
});

test('rename moves base and layer trees; errors follow rename(2)', () => {
  const fs = registry().session('203.0.113.4', ROOT, ROOT_USER);
  fs.mkdir('/tmp/a/b', { parents: true });
  fs.writeFile('/tmp/a/b/f', Buffer.from('x'));
  fs.rename('/tmp/a', '/tmp/c');
  assert.equal(text(fs, '/tmp/c/b/f'), 'x');
  assert.equal(fs.stat('/tmp/a'), undefined);
  fs.rename('/etc/crontab', '/tmp/crontab');
  assert.match(text(fs, '/tmp/crontab'), /^# \/etc\/crontab/);
  assert.equal(fs.stat('/etc/crontab'), undefined);
  assert.equal(code(() => fs.rename('/tmp/c', '/tmp/c/b/x')), 'EINVAL');
  assert.equal(code(() => fs.rename('/nope', '/tmp/y')), 'ENOENT');
  assert.equal(code(() => fs.rename('/tmp/crontab', '/tmp/c')), 'EISDIR');
});

test('quotas: ENOSPC past max_bytes_per_source (the part that fits is kept) and max_entries_per_source', () => {
  const fs = registry({ max_bytes_per_source: 4096, max_entries_per_source: 20 }).session('203.0.113.5', ROOT, ROOT_USER);
  assert.equal(code(() => fs.writeFile('/tmp/big', Buffer.alloc(5000, 1))), 'ENOSPC');
  assert.ok(fs.stat('/tmp/big')!.size <= 4096);
  assert.equal(fs.usage().limit, 4096);
  assert.ok(fs.usage().bytes <= 4096);
  fs.unlink('/tmp/big');
  assert.equal(fs.usage().bytes, 0, 'deleting frees the bytes');
  let created = 0;
  let last = 'ok';
  for (let i = 0; i < 40 && last === 'ok'; i++) {
    last = code(() => fs.mkdir(`/tmp/d${i}`));
    if (last === 'ok') created++;
  }
  assert.equal(last, 'ENOSPC');
  assert.ok(created > 0 && created < 20);
});

test('permissions: a uid 1000 user cannot write /etc or read /etc/shadow or /root; /tmp is sticky; /proc and /sys refuse', () => {
  const reg = registry();
  const root = reg.session('203.0.113.6', ROOT, ROOT_USER);
  root.writeFile('/tmp/roots', Buffer.from('r'));
  const fs = reg.session('203.0.113.6', USER, { name: 'deploy', uid: 1000, home: '/home/deploy' });
  assert.equal(code(() => fs.writeFile('/etc/x', Buffer.from('a'))), 'EACCES');
  assert.equal(code(() => fs.writeFile('/etc/passwd', Buffer.from('a'))), 'EACCES');
  assert.equal(code(() => fs.mkdir('/etc/z')), 'EACCES');
  assert.equal(code(() => fs.unlink('/etc/passwd')), 'EACCES');
  assert.equal(code(() => fs.readFile('/etc/shadow')), 'EACCES');
  assert.equal(code(() => fs.readdir('/root')), 'EACCES');
  assert.equal(code(() => fs.readFile('/root/.bashrc')), 'EACCES');
  assert.equal(code(() => fs.chmod('/etc/passwd', 0o777)), 'EPERM');
  assert.equal(code(() => fs.chown('/tmp', 1000, 1000)), 'EPERM');
  assert.equal(code(() => fs.unlink('/tmp/roots')), 'EPERM', 'sticky /tmp');
  fs.writeFile('/tmp/mine', Buffer.from('m'));
  assert.equal(fs.stat('/tmp/mine')?.uid, 1000);
  fs.writeFile('/home/deploy/.x', Buffer.from('m'));
  assert.equal(code(() => fs.access('/tmp/mine', 1)), 'EACCES');
  fs.chmod('/tmp/mine', 0o755);
  fs.access('/tmp/mine', 1);
  // procfs and sysfs refuse, even for root, as the kernel does.
  assert.equal(code(() => root.writeFile('/proc/cpuinfo', Buffer.from('x'))), 'EACCES');
  assert.equal(code(() => root.writeFile('/proc/nope', Buffer.from('x'))), 'ENOENT');
  assert.equal(code(() => root.mkdir('/proc/x')), 'ENOENT');
  assert.equal(code(() => root.mkdir('/sys/x')), 'EPERM');
  assert.equal(code(() => root.writeFile('/sys/kernel/x', Buffer.from('x'))), 'EACCES');
  assert.equal(code(() => root.unlink('/proc/cpuinfo')), 'EPERM');
  // Devices swallow writes and cost nothing.
  root.writeFile('/dev/null', Buffer.alloc(100));
  assert.equal(text(root, '/dev/null'), '');
});

test('persistence: a layer survives eviction and a new registry (restart); a corrupt file starts afresh', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-fs-'));
  const reg = registry({ max_sources_in_memory: 2 }, dir);
  const a = reg.session('192.0.2.10', ROOT, ROOT_USER);
  a.writeFile('/root/.ssh/authorized_keys', Buffer.from('ssh-rsa AAAA attacker\n'));
  a.writeFile('/tmp/big.bin', Buffer.alloc(10_000, 7));
  a.unlink('/etc/motd');
  a.chmod('/tmp/big.bin', 0o700);
  // Two more sources push 192.0.2.10 out of memory (least recently used goes to disk).
  reg.session('192.0.2.11', ROOT, ROOT_USER).writeFile('/tmp/a', Buffer.from('a'));
  reg.session('192.0.2.12', ROOT, ROOT_USER).writeFile('/tmp/b', Buffer.from('b'));
  assert.equal(reg.inMemory, 2);
  assert.ok(readdirSync(join(dir, 'fs', 'ssh')).includes('192.0.2.10.json'));
  // The live session still sees its files: the layer is reloaded from disk.
  assert.equal(text(a, '/root/.ssh/authorized_keys'), 'ssh-rsa AAAA attacker\n');
  reg.flush();

  const again = registry({}, dir).session('192.0.2.10', ROOT, ROOT_USER);
  assert.equal(text(again, '/root/.ssh/authorized_keys'), 'ssh-rsa AAAA attacker\n');
  assert.equal(again.stat('/tmp/big.bin')?.mode, 0o700);
  assert.equal(again.readFile('/tmp/big.bin').length, 10_000);
  assert.equal(again.stat('/etc/motd'), undefined, 'whiteouts persist');
  assert.ok(readdirSync(join(dir, 'artifacts')).length >= 1, 'large files go to the artifact store');

  writeFileSync(join(dir, 'fs', 'ssh', '192.0.2.11.json'), '{"format":"layer/1", broken');
  const warnings: string[] = [];
  const logger = { debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {}, child() { return logger; } };
  const reg3 = new FsRegistry({ dataDir: dir, subdir: 'ssh', os: PERSONA_OS, hostname: 'web-prod-02', limits: { max_bytes_per_source: 1 << 20, max_entries_per_source: 64, max_sources_in_memory: 8 }, binaries: () => [], logger });
  const c = reg3.session('192.0.2.11', ROOT, ROOT_USER);
  assert.equal(c.stat('/tmp/a'), undefined);
  assert.equal(warnings.length, 1);
  c.writeFile('/tmp/new', Buffer.from('n'));
  assert.equal(text(c, '/tmp/new'), 'n');
});

test('200 held sessions of a user absent from /etc/passwd share the tree: no layer, no per-session copy', () => {
  const reg = registry();
  const tree = reg.baseTree();
  const sessions = Array.from({ length: 200 }, (_, i) => reg.session(`10.1.${i >> 8}.${i & 255}`, USER, { name: `u${i}`, uid: 1000, home: `/home/u${i}` }));
  for (const [i, s] of sessions.entries()) {
    assert.deepEqual(s.readdir(`/home/u${i}`), ['.bash_logout', '.bashrc', '.profile']);
    assert.ok(s.readFile(`/home/u${i}/.bashrc`) === tree.skel.children!.get('.bashrc')!.data, 'the skel bytes are the shared Buffer');
  }
  assert.equal(reg.inMemory, 0, 'no source layer was created');
  assert.equal(reg.baseTree(), tree, 'one tree for every session');
  // What a session object holds of its own: a handful of small fields, none of them a tree or a map of paths.
  const own = Object.values(sessions[0]!).filter((v) => v instanceof Map || v instanceof Set || Array.isArray(v));
  assert.deepEqual(own, []);
});
