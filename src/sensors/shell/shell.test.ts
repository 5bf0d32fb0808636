import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Shell, type ShellOptions } from './shell.js';

const OS = {
  pretty_name: 'Debian GNU/Linux 12 (bookworm)',
  os_name: 'GNU/Linux',
  kernel_name: 'Linux',
  kernel_release: '6.1.0-37-amd64',
  kernel_version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22)',
  machine: 'x86_64',
  motd: '',
};

function shell(mode: ShellOptions['mode'] = 'exec', unknown: string[] = []): Shell {
  return new Shell({ user: { name: 'root', uid: 0, home: '/root' }, hostname: 'web-prod-02', os: OS, mode, onUnknown: (i) => unknown.push(i) });
}

test('and-or chains run as bash runs them, and $? follows', async () => {
  const s = shell();
  assert.equal((await s.run('false && echo no || echo yes; echo $?')).output, 'yes\n0\n');
  assert.equal((await s.run('nope; echo $?')).output, 'bash: line 1: nope: command not found\n127\n');
  assert.equal((await s.run('true && false')).status, 1);
  assert.equal((await s.run('! false; echo $?')).output, '0\n');
});

test('quotes, escapes, variables, export and command substitution', async () => {
  const s = shell();
  assert.equal((await s.run(`X='a  b'; echo $X "$X" \\$X`)).output, 'a b a  b $X\n');
  assert.equal((await s.run('export A=1 B=two; echo $A-$B ${A}')).output, '1-two 1\n');
  assert.equal((await s.run('echo "arch: $(uname -m)" `whoami`')).output, 'arch: x86_64 root\n');
  assert.equal((await s.run('echo $HOME ~ ~/x')).output, '/root /root /root/x\n');
  assert.equal((await s.run('echo -e "a\\tb\\x41" ; echo -n x; echo y')).output, 'a\tbA\nxy\n');
  assert.equal((await s.run(`echo $'\\x7fELF' | wc -c 2>/dev/null; echo ok`)).output.endsWith('ok\n'), true);
});

test('pipes feed stdin; redirections write session files that sh can run later', async () => {
  const s = shell();
  assert.equal((await s.run('echo "echo hi from script; uname" > /tmp/x.sh; sh /tmp/x.sh')).output, 'hi from script\nLinux\n');
  assert.equal((await s.run('cd /tmp && ./x.sh; echo $?')).output, 'bash: line 1: ./x.sh: Permission denied\n126\n');
  assert.equal((await s.run('chmod +x x.sh && ./x.sh')).output, 'hi from script\nLinux\n');
  assert.equal((await s.run('echo "uname -m" | sh')).output, 'x86_64\n');
  // Debian's sh is dash: `sh f` names the script and the line as dash does.
  assert.equal((await s.run('echo one > f; echo two >> f; sh f 2>&1')).output, 'f: 1: one: not found\nf: 2: two: not found\n');
  assert.equal((await s.run('nope 2>/dev/null; echo $?')).output, '127\n');
  assert.equal((await s.run('nope > /dev/null 2>&1; echo done')).output, 'done\n');
});

test('sh -c speaks dash, bash -c speaks bash', async () => {
  const unknown: string[] = [];
  const s = shell('exec', unknown);
  assert.equal((await s.run('sh -c "foo bar"')).output, 'sh: 1: foo: not found\n');
  assert.equal((await s.run("bash -c 'foo'")).output, 'bash: line 1: foo: command not found\n');
  assert.deepEqual(unknown, ['foo bar', 'foo']);
});

test("syntax errors: bash's text and status 2; an open quote asks for more on an interactive terminal", async () => {
  const s = shell('exec');
  const r = await s.run('echo a ;; b');
  assert.equal(r.status, 2);
  assert.equal(r.output, "bash: -c: line 1: syntax error near unexpected token `;;'\nbash: -c: line 1: `echo a ;; b'\n");
  const i = shell('interactive');
  const open = await i.run('echo "hello');
  assert.equal(open.continuation, true);
  assert.equal(i.prompt(), '> ');
  assert.equal((await i.run('world"')).output, 'hello\nworld\n');
  assert.equal(i.prompt(), 'root@web-prod-02:~# ');
  assert.equal((await i.run('echo a | | b')).output, "-bash: syntax error near unexpected token `|'\n");
});

test('exit ends the shell with its status; cd moves the prompt', async () => {
  const s = shell('interactive');
  await s.run('cd /var/log');
  assert.equal(s.prompt(), 'root@web-prod-02:/var/log# ');
  await s.run('cd');
  assert.equal(s.prompt(), 'root@web-prod-02:~# ');
  const r = await s.run('echo bye; exit 3; echo never');
  assert.deepEqual([r.exit, r.status, r.output], [true, 3, 'bye\n']);
});

test('self-invoking scripts stop at the nesting cap instead of recursing forever', async () => {
  const s = shell();
  const r = await s.run('echo "sh /tmp/r.sh" > /tmp/r.sh; sh /tmp/r.sh; echo survived');
  assert.equal(r.output, 'survived\n');
});

test('the ash flavour answers as BusyBox does', async () => {
  const unknown: string[] = [];
  const s = new Shell({ user: { name: 'root', uid: 0, home: '/root' }, hostname: 'ipcam', os: OS, mode: 'interactive', flavour: 'ash', onUnknown: (i) => unknown.push(i) });
  assert.equal((await s.run('tftp -g 10.0.0.1')).output, '-sh: tftp: not found\n');
  assert.equal((await s.run('echo $0')).output, '-sh\n');
  assert.deepEqual(unknown, ['tftp -g 10.0.0.1']);
});

test('files the session wrote are readable by commands; /proc and /sys refuse writes', async () => {
  const s = shell('interactive');
  assert.equal((await s.run('echo "hello world" > /tmp/a; cat /tmp/a | wc -w')).output, '2\n');
  const r = await s.run('echo 1 > /proc/sys/kernel/nmi_watchdog; echo $?');
  assert.match(r.output, /^-bash: \/proc\/sys\/kernel\/nmi_watchdog: .+\n1\n$/);
});
