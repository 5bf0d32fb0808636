// The more group's system tools: they agree with each other and with ifconfig, ps, df, nproc and id,
// and print Debian 12's texts for the refusals a non-root user meets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debianShell, out, PERSONA_OS } from '../system/test-shell.js';
import { randomart } from './ssh-keygen.js';
import { pseudoAddress } from '../../downloads/pseudo-address.js';

const hw = PERSONA_OS.hardware!;
const deploy = (): ReturnType<typeof debianShell> => debianShell({ user: { name: 'deploy', uid: 1000, home: '/home/deploy' } });

test('ip addr, ip route, ss and netstat agree with ifconfig and the process table', async () => {
  const s = debianShell();
  const ifc = await out(`ifconfig ${hw.nic.name}`, s);
  const [, inet, mask] = /inet (\S+)  netmask (\S+)/.exec(ifc)!;
  const [, inet6] = /inet6 (\S+)/.exec(ifc)!;
  const ipa = await out('ip a', s);
  assert.match(ipa, new RegExp(`^2: ${hw.nic.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 `, 'm'));
  assert.match(ipa, new RegExp(`^    inet ${inet}/${hw.nic.prefix} brd \\S+ scope global dynamic ${hw.nic.name}$`, 'm'));
  assert.match(ipa, new RegExp(`^    inet6 ${inet6}/64 scope link $`, 'm'));
  assert.match(ipa, new RegExp(`link/ether ${hw.nic.mac} brd ff:ff:ff:ff:ff:ff`));
  assert.equal(mask, '255.255.255.0');
  assert.match(await out('ip route', s), new RegExp(`^default via \\S+ dev ${hw.nic.name} \\n\\S+/${hw.nic.prefix} dev ${hw.nic.name} proto kernel scope link src ${inet} \\n$`));
  const [, rx] = /RX packets (\d+)/.exec(ifc)!;
  assert.match(await out('ip -s link', s), new RegExp(` ${rx} `), 'ip -s and ifconfig count the same packets');
  assert.equal(await out('ip foo', s), 'Object "foo" is unknown, try "ip help".\n');
  const sshdPid = /^root +(\d+) .*sshd: \/usr\/sbin\/sshd -D/m.exec(await out('ps aux', s))![1];
  assert.match(await out('ss -tlnp', s), new RegExp(`0\\.0\\.0\\.0:22 .*users:\\(\\("sshd",pid=${sshdPid},fd=3\\)\\)`));
  const ns = await out('netstat -tulpn', s);
  assert.match(ns, /^Active Internet connections \(only servers\)\nProto Recv-Q Send-Q Local Address {11}Foreign Address {9}State {7}PID\/Program name {4}\n/);
  assert.match(ns, new RegExp(`^tcp {8}0 {6}0 0\\.0\\.0\\.0:22 {14}0\\.0\\.0\\.0:\\* {15}LISTEN {6}${sshdPid}/sshd: /usr/sbi`, 'm'));
  assert.match(await out('netstat -tlnp', deploy()), /^\(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all\.\)\n/);
});

test('lsblk, du and df size the same root disk; getconf and dmesg count the same CPUs and memory', async () => {
  const s = debianShell();
  const lsblk = await out('lsblk', s);
  assert.match(lsblk, /^NAME {4}MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS\nvda {5}254:0 {4}0 +\S+  0 disk \n├─vda1  254:1 {4}0 +\S+  0 part \/\n/);
  assert.match(lsblk, /^└─vda15 254:15 {3}0 124M  0 part \/boot\/efi$/m);
  assert.equal(await out('du -s /', s), `${hw.disk.used_kb}\t/\n`);
  assert.match(await out('df', s), new RegExp(`^${hw.disk.device} +${hw.disk.size_kb} +${hw.disk.used_kb} `, 'm'));
  assert.equal(await out('getconf _NPROCESSORS_ONLN; nproc', s), `${hw.cpu.cores}\n${hw.cpu.cores}\n`);
  assert.equal(await out('getconf LONG_BIT; getconf PAGESIZE', s), '64\n4096\n');
  assert.equal(await out('getconf FOO', s), "getconf: Unrecognized variable `FOO'\n");
  assert.match(await out('dmesg | grep smpboot', s), new RegExp(`smp: Brought up 1 node, ${hw.cpu.cores} CPUs|Total of ${hw.cpu.cores} processors activated`));
  const r = await deploy().run('dmesg');
  assert.equal(r.output, 'dmesg: read kernel buffer failed: Operation not permitted\n');
  assert.equal(r.status, 1);
  assert.match(await out('mount | grep " / "', s), new RegExp(`^${hw.disk.device} on / type ext4 \\(rw,relatime`));
});

test('who, users, groups, last and lastlog tell the same session as w and id', async () => {
  const s = debianShell({ mode: 'interactive' });
  assert.match(await out('who', s), /^root {5}pts\/0 {8}\d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.equal(await out('users', s), 'root\n');
  assert.equal(await out('groups', s), 'root\n');
  assert.equal(await out('groups nobody', s), 'nobody : nogroup\n');
  assert.equal(await out('groups nosuch', s), 'groups: ‘nosuch’: no such user\n');
  const u = deploy();
  const idGroups = /groups=(.*)$/m.exec(await out('id', u))![1]!.split(',').map((g) => /\((.*)\)/.exec(g)![1]);
  assert.equal(await out('groups', u), idGroups.join(' ') + '\n');
  assert.match(await out('last', s), /^reboot   system boot  6\.1\.0-37-amd64 +\w{3} \w{3} [ \d]\d \d\d:\d\d   still running\n\nwtmp begins /m);
  assert.match(await out('lastlog -u daemon', s), /^Username {9}Port {5}From {39}Latest\ndaemon {11}\s+\*\*Never logged in\*\*\n$/);
  assert.equal(await out('lastlog -u nosuch', s), 'lastlog: Unknown user or range: nosuch\n');
});

test('sudo and su: root runs the command, a user without a terminal is refused with sudo\'s text', async () => {
  const s = debianShell();
  assert.match(await out('sudo id', s), /^uid=0\(root\)/);
  assert.equal(await out('sudo nosuch', s), 'sudo: nosuch: command not found\n');
  const u = deploy();
  let r = await u.run('sudo id');
  assert.equal(r.output, '[sudo] password for deploy: \nsudo: a password is required\n');
  assert.equal(r.status, 1);
  assert.match(await out('echo secret | sudo -S id', u), /\[sudo\] password for deploy: uid=0\(root\)/);
  assert.equal(await out('su nosuch', s), 'su: user nosuch does not exist or the user entry does not contain all the required fields\n');
  assert.equal(await out('su -c id nobody', s), 'This account is currently not available.\n');
  r = await u.run('su');
  assert.equal(r.status, 1);
});

test('systemctl, service and iptables: Debian 12 texts, and a user cannot change anything', async () => {
  const s = debianShell();
  const st = await out('systemctl status ssh', s);
  assert.match(st, /^● ssh\.service - OpenBSD Secure Shell server\n {5}Loaded: loaded \(\/lib\/systemd\/system\/ssh\.service; enabled; preset: enabled\)\n {5}Active: active \(running\) since /);
  const sshdPid = /^root +(\d+) .*sshd: \/usr\/sbin\/sshd -D/m.exec(await out('ps aux', s))![1];
  assert.match(st, new RegExp(`^   Main PID: ${sshdPid} \\(sshd\\)$`, 'm'));
  let r = await s.run('systemctl status nosuch');
  assert.equal(r.output, 'Unit nosuch.service could not be found.\n');
  assert.equal(r.status, 4);
  assert.equal(await out('systemctl is-active cron', s), 'active\n');
  assert.equal((await s.run('systemctl restart ssh')).output, '');
  assert.equal(await out('printf "[Service]\\n" > /etc/systemd/system/x.service; systemctl enable x', s), 'Created symlink /etc/systemd/system/multi-user.target.wants/x.service → /etc/systemd/system/x.service.\n');
  r = await deploy().run('systemctl stop ssh');
  assert.equal(r.output, "Failed to stop ssh.service: Interactive authentication required.\nSee system logs and 'systemctl status ssh.service' for details.\n");
  assert.equal(await out('service nosuch start', s), 'nosuch: unrecognized service\n');
  assert.match(await out('service ssh status', s), /^● ssh\.service/);
  assert.equal(await out('iptables -L', s), 'Chain INPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain FORWARD (policy ACCEPT)\ntarget     prot opt source               destination         \n\nChain OUTPUT (policy ACCEPT)\ntarget     prot opt source               destination         \n');
  assert.equal((await s.run('iptables -A INPUT -p tcp --dport 22 -j ACCEPT')).status, 0);
  r = await deploy().run('iptables -L');
  assert.equal(r.output, 'iptables v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)\n\n');
  assert.equal(r.status, 4);
});

test('ping: remote hosts never answer (status 1), names get wget\'s stand-in address, the loopback answers', async () => {
  const s = debianShell();
  let r = await s.run('ping -c 2 8.8.8.8');
  assert.match(r.output, /^PING 8\.8\.8\.8 \(8\.8\.8\.8\) 56\(84\) bytes of data\.\n\n--- 8\.8\.8\.8 ping statistics ---\n2 packets transmitted, 0 received, 100% packet loss, time \d+ms\n\n$/);
  assert.equal(r.status, 1);
  r = await s.run('ping -c 1 example.com');
  assert.match(r.output, new RegExp(`^PING example\\.com \\(${pseudoAddress('example.com').replace(/\./g, '\\.')}\\) 56\\(84\\) bytes of data\\.\n\n--- example\\.com ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss`));
  assert.equal(r.status, 1);
  assert.match(await out('ping -c1 127.0.0.1', s), /^64 bytes from 127\.0\.0\.1: icmp_seq=1 ttl=64 time=0\.\d{3} ms$/m);
  assert.equal(await out('ping', s), 'ping: usage error: Destination address required\n');
});

test('nohup, timeout, locale: coreutils\' and glibc\'s texts and statuses', async () => {
  const s = debianShell({ execPty: false }); // `ssh host cmd`: no terminal, so nohup has nothing to redirect
  let r = await s.run('nohup nosuch');
  assert.equal(r.output, "nohup: failed to run command 'nosuch': No such file or directory\n");
  assert.equal(r.status, 127);
  assert.equal(await out('nohup uname', s), 'Linux\n');
  r = await s.run('timeout x true');
  assert.equal(r.output, "timeout: invalid time interval ‘x’\nTry 'timeout --help' for more information.\n");
  assert.equal(r.status, 125);
  assert.equal(await out('timeout 5 uname -m', s), 'x86_64\n');
  assert.equal((await s.run('timeout 1 nosuch')).status, 127);
  assert.match(await out('locale', s), /^LANG=C\.UTF-8\nLANGUAGE=\nLC_CTYPE="C\.UTF-8"\n/);
  assert.equal(await out('locale -a', s), 'C\nC.utf8\nPOSIX\n');
});

test('apt, perl, python3, ssh, useradd: Debian 12 texts; attacker code is never run', async () => {
  const s = debianShell();
  let r = await deploy().run('apt-get update');
  assert.equal(r.output, 'Reading package lists... Done\nE: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n');
  assert.equal(r.status, 100);
  r = await deploy().run('apt-get install git');
  assert.equal(r.output, 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
  r = await s.run('apt-get install -y nosuchpkg');
  assert.match(r.output, /E: Unable to locate package nosuchpkg\n$/);
  assert.equal(r.status, 100);
  r = await s.run('apt-get install -y git');
  assert.match(r.output, /^E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing\?$/m);
  assert.equal(r.status, 100);
  assert.equal(await out("perl -e 'print \"x\\n\"'", s), 'x\n');
  assert.equal(await out("perl -e 'system(\"rm -rf /\")'; ls -d /etc", s), '/etc\n');
  assert.equal(await out('perl nope.pl', s), 'Can\'t open perl script "nope.pl": No such file or directory\n');
  assert.equal(await out('python3 -V', s), 'Python 3.11.2\n');
  assert.equal(await out('python3 nope.py', s), "/usr/bin/python3: can't open file '/root/nope.py': [Errno 2] No such file or directory\n");
  assert.equal(await out("python3 -c 'import os; os.system(\"id\")'", s), '');
  assert.equal(await out('python3 -m pip', s), '/usr/bin/python3: No module named pip\n');
  assert.equal(await out('ssh -V', s), 'OpenSSH_9.2p1 Debian-2+deb12u7, OpenSSL 3.0.17 1 Jul 2025\n');
  r = await s.run('ssh root@203.0.113.9');
  assert.equal(r.output, 'ssh: connect to host 203.0.113.9 port 22: Connection refused\n');
  assert.equal(r.status, 255);
  assert.match(await out('apt-get update', s), new RegExp(`^Err:1 http://deb\\.debian\\.org/debian bookworm InRelease\n  Could not connect to deb\\.debian\\.org:80 \\(${pseudoAddress('deb.debian.org').replace(/\./g, '\\.')}\\)\\. - connect \\(111: Connection refused\\)\n`));
  assert.equal(await out('useradd root', s), "useradd: user 'root' already exists\n");
  assert.equal((await s.run('useradd -m -s /bin/bash backdoor')).output, '');
  r = await deploy().run('useradd x');
  assert.equal(r.output, 'useradd: Permission denied.\nuseradd: cannot lock /etc/passwd; try again later.\n');
  assert.equal(await out('userdel nosuch', s), "userdel: user 'nosuch' does not exist\n");
});

test('ssh-keygen: writes a key pair, -l fingerprints it as OpenSSH does; randomart matches the real tool', async () => {
  // A real ssh-keygen 9.2 output for this public key.
  const digest = Buffer.from('nNfQKvY2xn9hCXc5xLWCSK8kcbv/l4xFt5ja6ecGgF8=', 'base64');
  assert.equal(
    randomart(digest, '[ED25519 256]'),
    '+--[ED25519 256]--+\n|       . o    . o|\n|        + +..  o.|\n|       . +oo.....|\n|       .ooo=.Eo+o|\n|        So+ +o+o+|\n|       . =.. ++o |\n|          *.o.*..|\n|         o +.+.* |\n|            o+=. |\n+----[SHA256]-----+\n',
  );
  const s = debianShell();
  assert.equal(await out("echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHzaJuSyf5U5BVnkpg9WYmJMJg3aq5SfDh0mmjDtsLyF test' > /tmp/k.pub; ssh-keygen -l -f /tmp/k.pub", s), '256 SHA256:nNfQKvY2xn9hCXc5xLWCSK8kcbv/l4xFt5ja6ecGgF8 test (ED25519)\n');
  const gen = await out("ssh-keygen -t rsa -N '' -f /root/.ssh/id_rsa", s);
  assert.match(gen, /^Generating public\/private rsa key pair\.\nYour identification has been saved in \/root\/\.ssh\/id_rsa\nYour public key has been saved in \/root\/\.ssh\/id_rsa\.pub\nThe key fingerprint is:\nSHA256:[A-Za-z0-9+/]{43} root@web-prod-02\nThe key's randomart image is:\n\+---\[RSA 3072\]----\+\n/);
  const fp = /SHA256:\S+/.exec(gen)![0];
  assert.equal(await out('ssh-keygen -l -f /root/.ssh/id_rsa.pub', s), `3072 ${fp} root@web-prod-02 (RSA)\n`);
  assert.match(await out('head -n 1 /root/.ssh/id_rsa', s), /^-----BEGIN OPENSSH PRIVATE KEY-----\n$/);
  assert.match(await out("ssh-keygen -t rsa -N '' -f /root/.ssh/id_rsa", s), /already exists\.\nOverwrite \(y\/n\)\? $/);
});
