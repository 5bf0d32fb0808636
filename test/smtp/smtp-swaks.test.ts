// End to end: the real swaks client against the SMTP sensor. Its transcript must show Postfix's exact lines,
// and the store must hold every command, login and message field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { PhantomEvent } from '../../src/schema/events.js';
import { requirePrograms } from '../helpers/programs.js';
import { run } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

const HOST = 'mx1.corp-mail.net';
let t: TestApp;
let port: number;

before(async () => {
  t = await startTestApp({ smtp: { enabled: true, hostname: HOST, capture_kib: 1 } });
  port = t.app.port('smtp');
});
after(async () => {
  await t.cleanup();
});

function swaks(...args: string[]) {
  return run('swaks', ['--server', '127.0.0.1', '--port', String(port), '--helo', 'kali', '--to', 'victim@example.com', '--from', 'x@example.org', ...args]);
}

/** The server's lines as swaks prints them ("<-  " good, "<** " error). */
function serverLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('<-  ') || l.startsWith('<** '));
}

const GREETING_AND_EHLO = [
  `<-  220 ${HOST} ESMTP Postfix (Debian/GNU)`,
  `<-  250-${HOST}`,
  '<-  250-PIPELINING',
  '<-  250-SIZE 10240000',
  '<-  250-VRFY',
  '<-  250-ETRN',
  '<-  250-AUTH PLAIN LOGIN',
  '<-  250-ENHANCEDSTATUSCODES',
  '<-  250-8BITMIME',
  '<-  250-DSN',
  '<-  250-SMTPUTF8',
  '<-  250 CHUNKING',
];

async function sessionWhere(pred: (events: PhantomEvent[]) => boolean): Promise<PhantomEvent[]> {
  for (let i = 0; i < 50; i++) {
    await t.app.settle();
    const by = new Map<string, PhantomEvent[]>();
    for (const e of await t.app.store.events({ limit: 100_000 })) by.set(e.session, [...(by.get(e.session) ?? []), e]);
    for (const events of by.values()) if (events.at(-1)?.eventid === 'session.closed' && pred(events)) return events;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no matching session in the store');
}

function closeReason(events: PhantomEvent[]): string | undefined {
  const c = events.at(-1);
  return c?.eventid === 'session.closed' ? c.reason : undefined;
}

function strip(e: PhantomEvent): Record<string, unknown> {
  const { id: _i, timestamp: _t, session: _s, sensor: _n, src_port: _p, dst_port: _d, ...rest } = e;
  return rest;
}

test('AUTH LOGIN accepted by the userdb, then a message: Postfix transcript and every event', async (ctx) => {
  if (!requirePrograms(ctx, 'swaks')) return;
  const r = await swaks('--auth', 'LOGIN', '--auth-user', 'admin', '--auth-password', 'admin', '--body', 'hello from swaks');
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const lines = serverLines(r.stdout);
  assert.deepEqual(lines.slice(0, 12), GREETING_AND_EHLO);
  assert.deepEqual(lines.slice(12, 20), [
    '<-  334 VXNlcm5hbWU6',
    '<-  334 UGFzc3dvcmQ6',
    '<-  235 2.7.0 Authentication successful',
    '<-  250 2.1.0 Ok',
    '<-  250 2.1.5 Ok',
    '<-  354 End data with <CR><LF>.<CR><LF>',
    lines[18]!,
    '<-  221 2.0.0 Bye',
  ]);
  // A Postfix short queue id: 5 hex digits of microseconds, then the inode number in hex.
  assert.match(lines[18]!, /^<- {2}250 2\.0\.0 Ok: queued as [0-9A-F]{10,11}$/);

  const events = await sessionWhere((ev) => ev.some((e) => e.eventid === 'login.success' && e.username === 'admin'));
  assert.deepEqual(
    events.map((e) => e.eventid),
    ['session.connect', 'smtp.command', 'smtp.command', 'login.success', 'smtp.command', 'smtp.command', 'smtp.command', 'smtp.message', 'smtp.command', 'session.closed'],
  );
  const base = { protocol: 'smtp', src_ip: '127.0.0.1', dst_ip: '127.0.0.1' };
  assert.deepEqual(events.slice(1, 9).map(strip), [
    { ...base, eventid: 'smtp.command', command: 'EHLO', argument: 'kali' },
    // The mechanism only: the base64 username and password never appear as commands.
    { ...base, eventid: 'smtp.command', command: 'AUTH', argument: 'LOGIN' },
    { ...base, eventid: 'login.success', username: 'admin', password: 'admin', method: 'smtp-login' },
    { ...base, eventid: 'smtp.command', command: 'MAIL', argument: 'FROM:<x@example.org>' },
    { ...base, eventid: 'smtp.command', command: 'RCPT', argument: 'TO:<victim@example.com>' },
    { ...base, eventid: 'smtp.command', command: 'DATA', argument: '' },
    strip(events[7]!),
    { ...base, eventid: 'smtp.command', command: 'QUIT', argument: '' },
  ]);
  const msg = events[7]!;
  assert.ok(msg.eventid === 'smtp.message');
  assert.equal(msg.mail_from, 'x@example.org');
  assert.deepEqual(msg.rcpt_to, ['victim@example.com']);
  assert.match(msg.data, /^Date: .*\r\nTo: victim@example\.com\r\nFrom: x@example\.org\r\nSubject: test /);
  assert.match(msg.data, /\r\n\r\nhello from swaks\r\n/);
  assert.equal(msg.size, Buffer.byteLength(msg.data));
  assert.equal(msg.data_truncated, false);
  assert.equal(msg.complete, true);
  assert.match(msg.shasum, /^[0-9a-f]{64}$/);
  assert.equal(closeReason(events), 'client');
  const encoded = Buffer.from('admin').toString('base64');
  assert.ok(!events.some((e) => e.eventid === 'smtp.command' && e.argument.includes(encoded)));
});

test('AUTH PLAIN with a wrong password: 535 as Postfix says it, recorded as login.failed', async (ctx) => {
  if (!requirePrograms(ctx, 'swaks')) return;
  const r = await swaks('--auth', 'PLAIN', '--auth-user', 'root', '--auth-password', 'wrong-pass');
  assert.equal(r.code, 28, 'swaks exit code for a failed AUTH');
  const lines = serverLines(r.stdout);
  assert.deepEqual(lines, [...GREETING_AND_EHLO, '<** 535 5.7.8 Error: authentication failed: authentication failure', '<-  221 2.0.0 Bye']);
  assert.match(r.stdout, /^ -> AUTH PLAIN AHJvb3QAd3JvbmctcGFzcw==$/m);
  const events = await sessionWhere((ev) => ev.some((e) => e.eventid === 'login.failed' && e.password === 'wrong-pass'));
  const failed = events.find((e) => e.eventid === 'login.failed')!;
  assert.deepEqual(strip(failed), { protocol: 'smtp', src_ip: '127.0.0.1', dst_ip: '127.0.0.1', eventid: 'login.failed', username: 'root', password: 'wrong-pass', method: 'smtp-plain' });
  const auth = events.find((e) => e.eventid === 'smtp.command' && e.command === 'AUTH');
  assert.ok(auth?.eventid === 'smtp.command');
  assert.equal(auth.argument, 'PLAIN');
  assert.ok(!events.some((e) => e.eventid === 'smtp.message'));
});

test('AUTH PLAIN accepted, and a message over the capture size: kept in part, counted and hashed whole', async (ctx) => {
  if (!requirePrograms(ctx, 'swaks')) return;
  const body = 'A'.repeat(3000) + '\n.leading dot line\n' + 'B'.repeat(2000);
  const r = await swaks('--auth', 'PLAIN', '--auth-user', 'root', '--auth-password', '123456', '--body', body);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.ok(serverLines(r.stdout).includes('<-  235 2.7.0 Authentication successful'));
  const events = await sessionWhere((ev) => ev.some((e) => e.eventid === 'login.success' && e.method === 'smtp-plain'));
  const ok = events.find((e) => e.eventid === 'login.success');
  assert.ok(ok?.eventid === 'login.success');
  assert.equal(ok.username, 'root');
  assert.equal(ok.password, '123456');
  const msg = events.find((e) => e.eventid === 'smtp.message');
  assert.ok(msg?.eventid === 'smtp.message');
  assert.equal(msg.data_truncated, true);
  assert.equal(Buffer.byteLength(msg.data), 1024, 'capture_kib: 1');
  assert.ok(msg.size > 5000 + 18, `size counts everything: ${msg.size}`);
  assert.match(msg.shasum, /^[0-9a-f]{64}$/);
});
