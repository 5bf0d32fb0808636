// The more group's file tools against the texts Debian 12's coreutils, findutils, sed, gzip and file print.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { debianShell, out } from '../system/test-shell.js';


test('base64: 76-column encoding, -w0, -d, and coreutils\' invalid-input text with status 1', async () => {
  const s = debianShell();
  assert.equal(await out('echo hello | base64', s), 'aGVsbG8K\n');
  assert.equal(await out("seq 1 40 | tr -d '\\n' | base64 -w 40 | head -n 1", s), 'MTIzNDU2Nzg5MTAxMTEyMTMxNDE1MTYxNzE4MTky\n');
  assert.equal(await out('echo x | base64 -w0', s), 'eAo=');
  assert.equal(await out('echo aGVsbG8K | base64 -d', s), 'hello\n');
  const bad = await s.run("echo 'aGVs bG8K' | base64 -d");
  assert.equal(bad.output, 'helbase64: invalid input\n');
  assert.equal(bad.status, 1);
  assert.equal(await out('base64 -w x', s), 'base64: invalid wrap size: ‘x’\n');
  assert.equal(await out('base64 -x', s), "base64: invalid option -- 'x'\nTry 'base64 --help' for more information.\n");
});

test('md5sum, sha1sum, sha256sum: "<hex>  <name>", "-" for stdin, missing files with status 1', async () => {
  const s = debianShell();
  assert.equal(await out("printf 'hello\\n' | md5sum", s), 'b1946ac92492d2347c6235b4d2611184  -\n');
  assert.equal(await out("printf '' | sha256sum", s), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -\n');
  assert.equal(await out("printf 'hello\\n' > /tmp/h; sha1sum /tmp/h", s), 'f572d396fae9206628714fb2ce00f72e94f2258f  /tmp/h\n');
  const r = await s.run('md5sum /nope');
  assert.equal(r.output, 'md5sum: /nope: No such file or directory\n');
  assert.equal(r.status, 1);
  assert.equal(await out('sha256sum /tmp/h > /tmp/sums; sha256sum -c /tmp/sums', s), '/tmp/h: OK\n');
});

test('find: -name, -type, -maxdepth, -perm, -exec of a read-only tool, and findutils\' error texts', async () => {
  const s = debianShell();
  assert.equal(await out("find /etc -maxdepth 1 -name 'host*' | sort", s), '/etc/host.conf\n/etc/hostname\n/etc/hosts\n'.replace('/etc/host.conf\n', (await out('ls /etc/host.conf 2>/dev/null', s)) ? '/etc/host.conf\n' : ''));
  assert.equal(await out('find / -maxdepth 1 -type l -name bin', s), '/bin\n');
  assert.equal(await out('mkdir -p /tmp/d/e; touch /tmp/d/e/f; chmod 4755 /tmp/d/e/f; find /tmp/d -perm -4000', s), '/tmp/d/e/f\n');
  assert.equal(await out('find /tmp/d -type f -exec ls {} \\;', s), '/tmp/d/e/f\n');
  assert.equal(await out('find /tmp/d -type f -exec rm {} \\; ; ls /tmp/d/e', s), 'f\n', '-exec of anything but a read-only tool does nothing');
  let r = await s.run('find /nope');
  assert.equal(r.output, 'find: ‘/nope’: No such file or directory\n');
  assert.equal(r.status, 1);
  assert.equal(await out('find /etc -badopt', s), "find: unknown predicate `-badopt'\n");
  assert.equal(await out('find /etc -name', s), "find: missing argument to `-name'\n");
  assert.equal(await out('find /etc -type x', s), 'find: Unknown argument to -type: x\n');
  assert.equal(await out('find /etc -maxdepth x', s), 'find: Expected a positive decimal integer argument to -maxdepth, but got ‘x’\n');
  const user = debianShell({ user: { name: 'deploy', uid: 1000, home: '/home/deploy' } });
  r = await user.run('find /root');
  assert.equal(r.output, '/root\nfind: ‘/root’: Permission denied\n');
  assert.equal(r.status, 1);
});

test('sed: s///g with groups and &, -n p, d, $a, ranges, -i through the file system, and sed\'s script errors', async () => {
  const s = debianShell();
  assert.equal(await out("printf 'a\\nb\\nc\\n' | sed -n 2p", s), 'b\n');
  assert.equal(await out("printf 'a\\nb\\nc\\n' | sed '2d;$a end'", s), 'a\nc\nend\n');
  assert.equal(await out("echo ab | sed 's/\\(a\\)\\(b\\)/\\2\\1 & /'", s), 'ba ab \n');
  assert.equal(await out("echo aaa | sed 's/a/X/2g'", s), 'aXX\n');
  assert.equal(await out("echo ab | sed 's|a|/|'", s), '/b\n');
  assert.equal(await out("printf 'a\\nb\\n' | sed '1!d'", s), 'a\n');
  assert.equal(await out("printf 'x\\ny\\nz\\n' | sed -n '/x/,/y/p'", s), 'x\ny\n');
  assert.equal(await out("echo abc > /tmp/s; sed -i 's/b/B/' /tmp/s; cat /tmp/s", s), 'aBc\n');
  assert.equal(await out("echo x | sed 's/x/y/q'", s), "sed: -e expression #1, char 7: unknown option to `s'\n");
  assert.equal(await out('echo x | sed k', s), "sed: -e expression #1, char 1: unknown command: `k'\n");
  assert.equal(await out("echo x | sed 's/a/b'", s), "sed: -e expression #1, char 5: unterminated `s' command\n");
  assert.equal(await out("echo x | sed 'y/abc/d/'", s), "sed: -e expression #1, char 8: strings for `y' command are different lengths\n");
  const r = await s.run("sed 's/a/b/' /nope");
  assert.equal(r.output, "sed: can't read /nope: No such file or directory\n");
  assert.equal(r.status, 2);
});

test('xargs: runs emulated commands only, GNU batching, status 127 for an unknown command', async () => {
  const s = debianShell();
  assert.equal(await out('echo a b c | xargs -n1 echo x', s), 'x a\nx b\nx c\n');
  assert.equal(await out('echo | xargs', s), '\n');
  assert.equal(await out('echo /etc/hostname | xargs cat', s), 'web-prod-02\n');
  assert.equal(await out("printf 'a\\nb\\n' | xargs -I{} echo [{}]", s), '[a]\n[b]\n');
  const r = await s.run('echo a | xargs nosuch');
  assert.equal(r.output, 'xargs: nosuch: No such file or directory\n');
  assert.equal(r.status, 127);
  assert.equal(await out("echo \"a'b\" | xargs", s), 'xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n');
});

test('stat, du and file agree with the file system; gzip and tar round-trip through it', async () => {
  const s = debianShell();
  assert.equal(await out("printf 'abc' > /tmp/f; stat -c '%s %a %U %n %F' /tmp/f", s), '3 644 root /tmp/f regular file\n');
  assert.match(await out('stat /tmp/f', s), /^ {2}File: \/tmp\/f\n {2}Size: 3 {9}\tBlocks: 8 {10}IO Block: 4096   regular file\n/);
  assert.equal(await out('stat /nope', s), "stat: cannot statx '/nope': No such file or directory\n");
  assert.equal(await out('du -s /tmp/f', s), '4\t/tmp/f\n');
  assert.equal(await out('du /nope', s), "du: cannot access '/nope': No such file or directory\n");
  assert.equal(await out('file /tmp/f /etc/hostname /tmp /nope', s), '/tmp/f:        ASCII text\n/etc/hostname: ASCII text\n/tmp:          sticky, directory\n/nope:         cannot open `/nope\' (No such file or directory)\n');
  assert.equal(await out("printf '#!/bin/sh\\necho\\n' > /tmp/s.sh; file /tmp/s.sh", s), '/tmp/s.sh: POSIX shell script, ASCII text executable\n');
  assert.equal(await out("printf '\\177ELF\\001\\001\\001\\000\\000\\000\\000\\000\\000\\000\\000\\000\\002\\000\\050\\000' > /tmp/bot; file -b /tmp/bot", s), 'ELF 32-bit LSB executable, ARM, EABI5 version 1 (SYSV), statically linked, stripped\n');
  assert.equal(await out('echo hi > /tmp/g; gzip /tmp/g; ls /tmp/g*; gunzip /tmp/g.gz; cat /tmp/g', s), '/tmp/g.gz\nhi\n');
  assert.equal(await out('echo hi | gzip | gunzip', s), 'hi\n');
  assert.equal(await out('gzip /nope', s), 'gzip: /nope: No such file or directory\n');
  assert.equal(await out('tar xzf /nope.tgz', s), 'tar (child): /nope.tgz: Cannot open: No such file or directory\ntar (child): Error is not recoverable: exiting now\ntar: Child returned status 2\ntar: Error is not recoverable: exiting now\n');
  assert.equal(await out('tar', s), "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n");
});

test('dd: the records summary on stderr, /dev/zero into a file of the right size', async () => {
  const s = debianShell();
  const r = await out('dd if=/dev/zero of=/tmp/z bs=1M count=3', s);
  assert.match(r, /^3\+0 records in\n3\+0 records out\n3145728 bytes \(3\.1 MB, 3\.0 MiB\) copied, [\d.e-]+ s, [\d.]+ [kMG]B\/s\n$/);
  assert.equal(await out("stat -c '%s' /tmp/z", s), '3145728\n');
  assert.match(await out('dd if=/dev/zero bs=10 count=1 of=/dev/null', s), /^1\+0 records in\n1\+0 records out\n10 bytes copied, /);
  assert.equal(await out('dd foo=1', s), "dd: unrecognized operand ‘foo=1’\nTry 'dd --help' for more information.\n");
  assert.equal(await out('dd if=/nope', s), "dd: failed to open '/nope': No such file or directory\n");
});
