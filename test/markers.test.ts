// End to end: nothing an attacker can see matches a public honeypot fingerprint. The whole application runs
// with a freshly chosen instance identity; every sensor's greeting, a few pages, the TLS certificate and the
// output of the usual reconnaissance commands over a real SSH session are checked against the known markers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect as netConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIdentity, writeIdentity } from '../src/core/identity/store.js';
import type { InstanceIdentity } from '../src/schema/instance-identity.js';
import { requirePrograms } from './helpers/programs.js';
import { run, sshArgs } from './helpers/run.js';
import { startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Public fingerprints of Cowrie, Kippo and other honeypots, matched case-insensitively. A string is a
 * substring; a RegExp is for short words that need boundaries. Sources: Cowrie's cowrie.cfg.dist and honeyfs,
 * Kippo's defaults, and the published detection scripts that test for them.
 */
const MARKERS: readonly (string | RegExp)[] = [
  // Cowrie and Kippo default host names and users.
  'svr04', 'svr03', /\bnas3\b/, /\bphil\b/, 'Phil California', /\brichard\b/, 'John:x:1000', 'vboxsf', 'libuuid:x:100',
  // Cowrie's default uname (kernel_version / kernel_build_string) and /proc/version.
  '3.2.0-4-amd64', '3.2.0-4-686', '3.2.68-1+deb7u1', 'Debian 3.2.46-1', 'gcc version 4.6.3', '4.6.3-14',
  'Linux svr04 3.2.0-4-amd64 #1 SMP Debian 3.2.68-1+deb7u1 x86_64 GNU/Linux',
  // Cowrie's and Kippo's SSH version strings.
  'OpenSSH_6.0p1 Debian-4+deb7u2', 'deb7u2', 'OpenSSH_5.1p1 Debian-5', 'SSH-2.0-OpenSSH_5.1p1',
  // Cowrie's /proc/cpuinfo and /proc/meminfo (old and current honeyfs).
  'E8200', 'Core(TM)2 Duo', 'E9-2686', 'CPU E5-2686 v4 @ 2.30GHz', '4054744', '8147784', 'MemFree:          250576',
  // Cowrie's ifconfig (old net-tools layout with constant loopback counters) and coreutils version.
  'Link encap:', 'RX packets:110 ', 'uname (GNU coreutils) 8.25',
  // Cowrie's telnet prompts answer "Login incorrect" with a bare "login: "; Dionaea's and Mailoney's greetings.
  'DiskStation FTP server', 'Welcome to the ftp service', 'schizo', 'example.com', 'example.org',
  // Names that say what this is.
  'honeypot', 'honey-pot', 'phantom', 'cowrie', 'kippo', 'dionaea', 't-pot', 'tpot', 'opencanary', 'glastopf', 'conpot',
  'honeytrap', 'mailoney', 'sshesame', 'beelzebub', 'honeyd',
];

/** The fixed defaults this project had before instance identities: the same on every deployment. */
const OLD_DEFAULTS = ['web-prod-02', 'corp.internal', 'mail.web-prod-02.net'];

const RECON = [
  'uname -a', 'uname -r', 'uname -v', 'hostname', 'cat /etc/hostname', 'cat /etc/hosts', 'cat /proc/version', 'cat /proc/cpuinfo',
  'cat /proc/meminfo', 'cat /etc/passwd', 'cat /etc/group', 'cat /etc/shadow', 'cat /etc/os-release', 'cat /etc/issue', 'cat /etc/machine-id',
  'cat /sys/class/dmi/id/product_name', 'cat /sys/class/dmi/id/sys_vendor', 'cat /sys/class/dmi/id/product_serial', 'ls -la /', 'ls -la ~', 'ls -la /home',
  'w', 'who', 'id', 'ps aux', 'ifconfig', 'ifconfig -a', 'df -h', 'free -m', 'lscpu', 'nproc', 'uptime', 'cat /proc/uptime', 'cat /proc/mounts',
  'top -bn1', 'echo $HOSTNAME', 'env', 'last', 'history', 'cat /etc/motd', 'cat /etc/resolv.conf',
];

let t: TestApp;
let identity: InstanceIdentity;
let dir: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pn-markers-'));
  identity = createIdentity();
  writeIdentity(dir, identity);
  t = await startTestApp({}, dir);
});
after(async () => {
  await t?.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

function findMarkers(text: string): string[] {
  const lower = text.toLowerCase();
  const found = MARKERS.filter((m) => (typeof m === 'string' ? lower.includes(m.toLowerCase()) : new RegExp(m.source, 'i').test(text))).map(String);
  for (const d of OLD_DEFAULTS) if (!`${identity.hostname}.${identity.domain}`.includes(d) && lower.includes(d)) found.push(d);
  return found;
}

function assertClean(what: string, text: string): void {
  assert.ok(text.length > 0, `${what}: nothing collected`);
  const found = findMarkers(text);
  assert.deepEqual(found, [], `${what} shows honeypot markers ${JSON.stringify(found)}:\n${text.slice(0, 4000)}`);
}

/** Connect, send each line as soon as `until` shows the previous answer is complete, return every byte read. */
function exchange(port: number, steps: { send?: string; until: (sofar: string) => boolean }[], timeoutMs = 15_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = netConnect(port, '127.0.0.1');
    let data = '';
    let step = 0;
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`timed out at step ${step} on port ${port}; got ${JSON.stringify(data.slice(0, 500))}`));
    }, timeoutMs);
    const advance = (): void => {
      while (step < steps.length && steps[step]!.until(data)) {
        step++;
        const next = steps[step];
        if (next?.send !== undefined) socket.write(next.send);
      }
      if (step >= steps.length) {
        clearTimeout(timer);
        socket.destroy();
        resolve(data);
      }
    };
    socket.on('connect', () => {
      if (steps[0]?.send !== undefined) socket.write(steps[0].send);
    });
    socket.on('data', (d: Buffer) => {
      data += d.toString('latin1');
      advance();
    });
    socket.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

test('the markers list catches what it lists (the check can fail)', () => {
  assert.deepEqual(findMarkers('Linux svr04 3.2.0-4-amd64 #1 SMP Debian 3.2.68-1+deb7u1 x86_64 GNU/Linux'), [
    'svr04', '3.2.0-4-amd64', '3.2.68-1+deb7u1', 'Linux svr04 3.2.0-4-amd64 #1 SMP Debian 3.2.68-1+deb7u1 x86_64 GNU/Linux',
  ]);
  assert.deepEqual(findMarkers('phil:x:1000:1000:Phil California,,,:/home/phil:/bin/bash'), ['/\\bphil\\b/', 'Phil California']);
  assert.deepEqual(findMarkers('a Honeypot'), ['honeypot']);
  assert.deepEqual(findMarkers('philosophy and richardson'), []);
});

test('SSH identification string and the pre-auth banner exchange', async () => {
  const ident = await exchange(t.app.port('ssh'), [{ until: (s) => s.includes('\r\n') }]);
  assert.match(ident, /^SSH-2\.0-OpenSSH_9\.2p1 Debian-2\+deb12u\d+\r\n/);
  assertClean('ssh ident', ident);
});

test('Telnet: option negotiation, issue and login prompt carry the instance name and no marker', async () => {
  const port = t.app.port('telnet');
  const greeting = await exchange(port, [{ until: (s) => s.includes('login: ') }]);
  // Cowrie's telnet sends a bare "login: " before any option; a real telnetd negotiates first.
  assert.equal(greeting.charCodeAt(0), 0xff, 'the first byte is IAC');
  assert.ok(greeting.includes(`${identity.hostname} login: `), JSON.stringify(greeting));
  const failed = await exchange(port, [{ until: (s) => s.includes('login: ') }, { send: 'root\r\n', until: (s) => s.includes('Password: ') }, { send: 'wrong-pw\r\n', until: (s) => /Login incorrect[\s\S]*login: $/.test(s) }], 30_000);
  assertClean('telnet', greeting + failed);
});

test('HTTP and HTTPS: headers and pages of the paths scanners ask for', async (ctx) => {
  if (!requirePrograms(ctx, 'curl')) return;
  let all = '';
  for (const [scheme, port] of [['http', t.app.port('http')], ['https', t.app.port('https')]] as const) {
    for (const path of ['/', '/index.html', '/robots.txt', '/wp-login.php', '/phpmyadmin/', '/admin', '/.env', '/.git/config', '/server-status', '/does-not-exist', '/cgi-bin/test.cgi']) {
      const r = await run('curl', ['-sk', '-i', '--max-time', '10', `${scheme}://127.0.0.1:${port}${path}`]);
      assert.equal(r.code, 0, `${scheme} ${path}: ${r.stderr}`);
      all += `${scheme} ${path}\n${r.stdout}\n`;
    }
  }
  assertClean('http pages', all);
});

test('HTTPS certificate subject and issuer name the instance, nothing else', async () => {
  const cert = await new Promise<{ subject: string; issuer: string; san: string }>((resolve, reject) => {
    const s = tlsConnect({ host: '127.0.0.1', port: t.app.port('https'), rejectUnauthorized: false, servername: 'localhost' }, () => {
      const c = s.getPeerCertificate();
      s.destroy();
      resolve({ subject: JSON.stringify(c.subject), issuer: JSON.stringify(c.issuer), san: c.subjectaltname ?? '' });
    });
    s.on('error', reject);
  });
  assert.ok(cert.subject.includes(`${identity.hostname}.${identity.domain}`), cert.subject);
  assertClean('tls certificate', `${cert.subject}\n${cert.issuer}\n${cert.san}`);
});

test('FTP, SMTP, MySQL and Redis greetings and first answers', async () => {
  const ftp = await exchange(t.app.port('ftp'), [
    { until: (s) => /^220 .*\r\n$/m.test(s) },
    { send: 'FEAT\r\n', until: (s) => /\r\n211 [^\r]*\r\n$/.test(s) },
    { send: 'USER anonymous\r\n', until: (s) => /\r\n331 [^\r]*\r\n$/.test(s) },
    { send: 'PASS probe@\r\n', until: (s) => /\r\n(230|530) [^\r]*\r\n$/.test(s) },
    { send: 'SYST\r\n', until: (s) => /\r\n(215|530) [^\r]*\r\n$/.test(s) },
    { send: 'QUIT\r\n', until: (s) => s.includes('221') },
  ]);
  assertClean('ftp', ftp);
  const smtp = await exchange(t.app.port('smtp'), [
    { until: (s) => /^220 .*\r\n$/m.test(s) },
    { send: 'EHLO scanner.test\r\n', until: (s) => /\r\n250 [^\r]*\r\n$/.test(s) },
    { send: 'HELP\r\n', until: (s) => /\r\n(214|502) [^\r]*\r\n$/.test(s) },
    { send: 'QUIT\r\n', until: (s) => s.includes('221') },
  ]);
  assert.ok(smtp.startsWith(`220 ${identity.hostname}.${identity.domain} ESMTP`), smtp);
  assertClean('smtp', smtp);
  const mysql = await exchange(t.app.port('mysql'), [{ until: (s) => s.length >= 4 && s.length >= 4 + (s.charCodeAt(0) | (s.charCodeAt(1) << 8) | (s.charCodeAt(2) << 16)) }]);
  assertClean('mysql handshake', mysql);
  const redis = await exchange(t.app.port('redis'), [
    { send: 'INFO\r\n', until: (s) => /^\$(\d+)\r\n/.test(s) && s.length >= Number(/^\$(\d+)/.exec(s)![1]) + 4 },
    { send: 'CONFIG GET *\r\n', until: (s) => s.endsWith('\r\n') && /\r\n\*\d+\r\n/.test(s) },
  ]);
  assertClean('redis info', redis);
});

test('SSH: motd and the usual reconnaissance commands, as root and as another user', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const port = t.app.port('ssh');
  const exec = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(port), 'root@127.0.0.1', RECON.join('; ')], { timeoutMs: 60_000 });
  assert.ok(exec.stdout.includes(`Linux ${identity.hostname} ${identity.kernel.release} ${identity.kernel.version} x86_64 GNU/Linux\n`), exec.stdout.slice(0, 2000));
  assert.ok(exec.stdout.includes(`${identity.machine.user.name}:x:1000:1000:`), 'the admin account is in /etc/passwd');
  assertClean('recon as root', exec.stdout + exec.stderr);
  const interactive = await run('sshpass', ['-p', 'admin', 'ssh', ...sshArgs(port, ['-tt']), 'admin@127.0.0.1'], { input: `${RECON.slice(0, 12).join('\n')}\nexit\n`, timeoutMs: 60_000 });
  assert.ok(interactive.stdout.startsWith(`Linux ${identity.hostname} `), interactive.stdout.slice(0, 500));
  assertClean('interactive login as admin', interactive.stdout + interactive.stderr);
});
