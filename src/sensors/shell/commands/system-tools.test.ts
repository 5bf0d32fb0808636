import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CommandContext } from '../command.js';
import { debianShell, out, PERSONA_OS } from '../system/test-shell.js';
import { scratchFs } from '../fs/index.js';
import { top } from './top.js';
import { w } from './w.js';
import { COMMANDS } from './index.js';

function bareContext(): CommandContext {
  const user = { name: 'root', uid: 0, home: '/root' };
  return { args: [], user, hostname: 'web-prod-02', os: PERSONA_OS, cwd: '/root', env: new Map(), stdin: '', stdout: () => {}, stderr: () => {}, fs: scratchFs(PERSONA_OS, 'web-prod-02', user) };
}

test('free: procps-ng 4 columns in KiB, -m, -h and -b', async () => {
  const k = await out('free');
  assert.match(k, /^ {15}total {8}used {8}free {6}shared  buff\/cache   available\nMem: +\d+ +\d+ +\d+ +\d+ +\d+ +\d+\nSwap: +\d+ +0 +\d+\n$/);
  const [, total] = /^Mem: +(\d+)/m.exec(k)!;
  assert.match(await out('free -b'), new RegExp(`^Mem: +${Number(total) * 1024} `, 'm'));
  assert.match(await out('free -h'), /^Mem: +7\.8Gi +\d+Mi +\d\.\dGi /m);
  assert.equal((await out('free -m')).split('\n')[1]!.length, (await out('free')).split('\n')[0]!.length);
});

test('w and uptime: the procps header line, then one row for the session terminal', async () => {
  const s = debianShell();
  const lines = (await out('w', s)).split('\n');
  assert.match(lines[0]!, /^ \d\d:\d\d:\d\d up \d+ days?, .*,  1 user,  load average: \d\.\d\d, \d\.\d\d, \d\.\d\d$/);
  assert.equal(lines[1], 'USER     TTY      FROM             LOGIN@   IDLE   JCPU   PCPU WHAT');
  assert.match(lines[2]!, /^root     pts\/0 +\S+ +\d\d:\d\d +0\.00s  0\.02s  0\.00s w$/);
  assert.match(await out('uptime -p'), /^up (\d+ weeks?, )?(\d+ days?, )?(\d+ hours?)?(, )?(\d+ minutes?)?\n$/);
});

test('crontab -l: no crontab for the user, status 1', async () => {
  const s = debianShell();
  assert.equal((await s.run('crontab -l')).output, 'no crontab for root\n');
  assert.equal(s.lastStatus, 1);
});

test('which and ls: `ls -lh $(which ls)` lists the coreutils binary; unknown names fail quietly or with ls text', async () => {
  const s = debianShell({ execPty: false }); // not a terminal: ls prints one name per line
  assert.equal(await out('which ls', s), '/usr/bin/ls\n');
  assert.equal(await out('ls -lh $(which ls)', s), '-rwxr-xr-x 1 root root 148K Sep 20  2022 /usr/bin/ls\n');
  assert.equal((await s.run('which nosuchtool')).output, '');
  assert.equal(s.lastStatus, 1);
  assert.equal(await out('ls /nope', s), "ls: cannot access '/nope': No such file or directory\n");
  assert.equal(s.lastStatus, 2);
  assert.equal(await out('ls', s), '');
  assert.equal(await out('ls -a', s), '.\n..\n.bashrc\n.profile\n.ssh\n');
  assert.match(await out('ls -la /', s), /^lrwxrwxrwx +1 root root +7 .* bin -> usr\/bin$/m);
  assert.equal(await out('dir /etc | head -n 1', s), 'adduser.conf\n');
  const user = debianShell({ user: { name: 'deploy', uid: 1000, home: '/home/deploy' } });
  assert.equal((await user.run('which ifconfig')).status, 1, 'sbin is not on a user PATH');
});

test('top: a batch frame with -b -n1; without a terminal top fails the way procps does', async () => {
  const frame = await out('top -b -n1');
  assert.match(frame, /^top - \d\d:\d\d:\d\d up /);
  assert.match(frame, /^Tasks: +\d+ total, +1 running,/m);
  assert.match(frame, /^MiB Mem : +7941\.1 total,/m);
  assert.match(frame, /^ {4}PID USER {6}PR  NI {4}VIRT {4}RES {4}SHR S  %CPU  %MEM {5}TIME\+ COMMAND$/m);
  assert.match(frame, / systemd\n/);
  assert.match(await out('top'), /^top - /, 'with a terminal (the default) top paints one frame');
  const errors: string[] = [];
  const status = await top.run({ ...bareContext(), tty: null, stderr: (t) => errors.push(t) });
  assert.deepEqual([status, errors], [1, ['top: failed tty get\n']]);
});

test('without a terminal (SSH exec) w lists nobody, as utmp has no entry for the session', async () => {
  let text = '';
  await w.run({ ...bareContext(), tty: null, stdout: (t) => (text += t) });
  assert.match(text, /^ \d\d:\d\d:\d\d up .*,  0 users,  load average: .*\nUSER {5}TTY {6}FROM {13}LOGIN@ {3}IDLE {3}JCPU {3}PCPU WHAT\n$/);
});

test('df -h: coreutils columns; the bots probe gets the second line size', async () => {
  const df = await out('df -h');
  assert.equal(df.split('\n')[0], 'Filesystem      Size  Used Avail Use% Mounted on');
  assert.match(df, /^\/dev\/vda1 +79G +2\.2G +73G +3% \/$/m);
  assert.equal(await out(`df -h | head -n 2 | awk 'FNR == 2 {print $2;}'`), '3.9G\n');
});

test('rm, pkill, chattr, kill: silent success or the real error texts and statuses', async () => {
  const s = debianShell();
  const r = await s.run('rm -rf /tmp/secure.sh; rm -rf /tmp/auth.sh; pkill -9 secure.sh; pkill -9 auth.sh; echo > /etc/hosts.deny; pkill -9 sleep;');
  assert.deepEqual([r.output, r.status], ['', 1]);
  assert.equal(await out('rm /tmp/nothing'), "rm: cannot remove '/tmp/nothing': No such file or directory\n");
  assert.equal(await out('rm'), "rm: missing operand\nTry 'rm --help' for more information.\n");
  assert.equal(await out('cd ~; chattr -ia .ssh; echo $?'), '0\n');
  assert.equal(await out('chattr -ia /nope'), 'chattr: No such file or directory while trying to stat /nope\n');
  assert.equal(await out('kill -9 999999'), 'bash: line 1: kill: (999999) - No such process\n');
});

test('passwd and chpasswd read stdin and print the real texts', async () => {
  const s = debianShell();
  assert.equal((await s.run('echo -e "n3w\\nn3w" | passwd')).output, 'New password: Retype new password: passwd: password updated successfully\n');
  assert.equal(s.lastStatus, 0);
  assert.equal((await s.run('echo "123456\\nabc\\nabc\\n" | passwd')).output, 'New password: Retype new password: passwd: Authentication token manipulation error\npasswd: password unchanged\n');
  assert.equal(s.lastStatus, 10);
  assert.equal(await out('echo -e "a\\nb" | passwd'), 'New password: Retype new password: Sorry, passwords do not match.\npasswd: Authentication token manipulation error\npasswd: password unchanged\n');
  assert.equal((await s.run('echo "root:UCqjwcbhHlDp"|chpasswd|bash')).output, '');
  assert.equal(s.lastStatus, 0);
  assert.equal(await out('echo nocolon | chpasswd'), 'chpasswd: line 1: missing new password\nchpasswd: error detected, changes ignored\n');
});

test('ifconfig: net-tools layout with the persona MAC and its EUI-64 link-local address', async () => {
  const text = await out('ifconfig');
  assert.match(text, /^ens3: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n {8}inet 10\.0\.2\.15  netmask 255\.255\.255\.0  broadcast 10\.0\.2\.255\n/);
  assert.match(text, /^ {8}inet6 fe80::5054:ff:fe4a:7c19  prefixlen 64  scopeid 0x20<link>$/m);
  assert.match(text, /^ {8}ether 52:54:00:4a:7c:19  txqueuelen 1000  \(Ethernet\)$/m);
  assert.match(text, /^lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536$/m);
  assert.equal(await out('ifconfig eth9'), 'eth9: error fetching interface information: Device not found\n');
});

test('busybox dispatches to emulated applets and refuses unknown ones', async () => {
  assert.equal(await out('busybox echo hi'), 'hi\n');
  assert.equal(await out('/bin/busybox cat /etc/hostname'), 'web-prod-02\n');
  const s = debianShell();
  assert.equal((await s.run('/bin/busybox XYZ')).output, 'XYZ: applet not found\n');
  assert.equal(s.lastStatus, 127);
  assert.match(await out('busybox'), /^BusyBox v1\.35\.0 \(Debian 1:1\.35\.0-4\+b3\) multi-call binary\.\n/);
});

test('cheap commands: sleep returns at once, date, yes is capped, touch/mkdir/chmod/chown are silent', async () => {
  const s = debianShell();
  assert.equal(await out('sleep 1000; echo done', s), 'done\n');
  assert.match(await out('date', s), /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}\n$/);
  assert.equal(await out('yes | head -n 2', s), 'y\ny\n');
  assert.equal(await out('touch a; mkdir -p b; chmod +x a; chown root a; echo $?', s), '0\n');
  assert.equal(await out('chmod 777', s), "chmod: missing operand after ‘777’\nTry 'chmod --help' for more information.\n");
  assert.equal((await out('nproc; id -u 2>/dev/null; whoami', s)).split('\n')[0], '4');
});

test('ls on a terminal prints GNU columns, column-major within 80 characters', async () => {
  let text = '';
  const ls = COMMANDS.find((c) => c.name === 'ls')!;
  await ls.run({ ...bareContext(), args: ['/'], stdoutIsTerminal: true, stdout: (t) => (text += t) });
  const lines = text.trimEnd().split('\n');
  assert.ok(lines.length > 1 && lines.every((l) => l.length <= 80), text);
  assert.match(lines[0]!, /^bin +dev +home +lib +/);
  assert.match(lines[1]!, /^boot +etc +/);
});

test('ps lists the pipeline it runs in, so `ps -ef | grep sshd` shows the grep as on a real host', async () => {
  let text = '';
  const ps = COMMANDS.find((c) => c.name === 'ps')!;
  await ps.run({ ...bareContext(), args: ['-ef'], shellPid: 4242, pipeline: [['ps', '-ef'], ['grep', 'sshd']], stdout: (t) => (text += t) });
  assert.match(text, /^root +4242 +\d+ .* -bash\nroot +4245 +4242 .* ps -ef\nroot +4246 +4242 .* grep sshd\n$/m);
  text = '';
  await ps.run({ ...bareContext(), shellPid: 4242, stdout: (t) => (text += t) });
  assert.equal(text, '    PID TTY          TIME CMD\n   4242 pts/0    00:00:00 bash\n   4245 pts/0    00:00:00 ps\n');
});

test("id: -u/-g/-G/-n as coreutils prints them, and its refusals", async () => {
  assert.equal(await out('id -u; id -un; id -g; id -Gn'), '0\nroot\n0\nroot\n');
  assert.equal(await out('[ "$(id -u)" -eq 0 ] && echo root'), 'root\n');
  assert.equal(await out('id -ug; echo $?'), 'id: cannot print "only" of more than one choice\n1\n');
  assert.equal(await out('id -n; echo $?'), 'id: cannot print only names or real IDs in default format\n1\n');
  assert.equal(await out('id -x'), "id: invalid option -- 'x'\nTry 'id --help' for more information.\n");
  const user = debianShell({ user: { name: 'deploy', uid: 1000, home: '/home/deploy' } });
  assert.equal(await out('id -G; id -gn', user), '1000 24 25 27 29 30 44 46 100\ndeploy\n');
});
