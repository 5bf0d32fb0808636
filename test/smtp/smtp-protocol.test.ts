// Postfix's exact replies over a raw socket, the envelope rules, dot-stuffing, AUTH edge cases and the limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { PhantomEvent } from '../../src/schema/events.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { RawSmtp } from './raw-client.js';

const HOST = 'mx1.corp-mail.net';
let t: TestApp;
let port: number;

before(async () => {
  t = await startTestApp({
    smtp: { enabled: true, hostname: HOST, recipient_limit: 3, max_messages_per_session: 2, message_size_limit: 4096, capture_kib: 1 },
  });
  port = t.app.port('smtp');
});
after(async () => {
  await t.cleanup();
});

async function eventsOf(srcPort: number): Promise<PhantomEvent[]> {
  for (let i = 0; i < 50; i++) {
    await t.app.settle();
    const ev = (await t.app.store.events({ limit: 100_000 })).filter((e) => e.src_port === srcPort);
    if (ev.at(-1)?.eventid === 'session.closed') return ev;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`session from port ${srcPort} did not close`);
}

function closeReason(events: PhantomEvent[]): string | undefined {
  const c = events.at(-1);
  return c?.eventid === 'session.closed' ? c.reason : undefined;
}

type Script = [string, string][];

/** Open a session, check the greeting, run the script (each command's exact reply). */
async function converse(script: Script): Promise<RawSmtp> {
  const c = await RawSmtp.open(port);
  assert.equal(await c.reply(), `220 ${HOST} ESMTP Postfix (Debian/GNU)`);
  for (const [line, want] of script) assert.equal(await c.cmd(line), want, line);
  return c;
}

test('greeting, HELO/EHLO and the commands outside a transaction get Postfix replies byte for byte', async () => {
  // Fewer than 10 errors per session: beyond that Postfix (and we) slow every reply down.
  const c = await converse([
    ['RCPT TO:<v@example.com>', '503 5.5.1 Error: need MAIL command'],
    ['DATA', '503 5.5.1 Error: need RCPT command'],
    ['XYZZY plugh', '502 5.5.2 Error: command not recognized'],
    ['', '500 5.5.2 Error: bad syntax'],
    ['HELO', '501 Syntax: HELO hostname'],
    ['EHLO', '501 Syntax: EHLO hostname'],
    ['HELO kali', `250 ${HOST}`],
    ['ehlo kali', [`250-${HOST}`, '250-PIPELINING', '250-SIZE 4096', '250-VRFY', '250-ETRN', '250-AUTH PLAIN LOGIN', '250-ENHANCEDSTATUSCODES', '250-8BITMIME', '250-DSN', '250-SMTPUTF8', '250 CHUNKING'].join('\r\n')],
    ['STARTTLS', '502 5.5.1 Error: command not implemented'],
    ['VRFY root', '252 2.0.0 root'],
    ['VRFY', '501 5.5.4 Syntax: VRFY address'],
    ['ETRN example.com', '459 4.3.0 <example.com>: service unavailable'],
    ['NOOP', '250 2.0.0 Ok'],
    ['QUIT', '221 2.0.0 Bye'],
  ]);
  assert.equal(await c.waitClosed(), '');
});

test('MAIL FROM syntax, address and parameter errors', async () => {
  const c = await converse([
    ['MAIL TO:<a@example.org>', '501 5.5.4 Syntax: MAIL FROM:<address>'],
    ['MAIL FROM:', '501 5.5.4 Syntax: MAIL FROM:<address>'],
    ['MAIL FROM:<a@example.org', '501 5.1.7 Bad sender address syntax'],
    ['MAIL FROM:<a@example.org> SIZE=99999', '552 5.3.4 Message size exceeds fixed limit'],
    ['MAIL FROM:<a@example.org> SIZE=lots', '501 5.5.4 Bad message size syntax'],
    ['MAIL FROM:<a@example.org> FROB=1', '555 5.5.4 Unsupported option: FROB=1'],
    ['MAIL FROM:<jörg@example.org>', '553 5.6.7 Must declare SMTPUTF8 to send unicode address'],
    ['MAIL FROM:<>', '250 2.1.0 Ok'],
    ['RCPT TO:<zoë@example.com>', '553 5.6.7 Must declare SMTPUTF8 to send unicode address'],
    ['RSET', '250 2.0.0 Ok'],
    ['MAIL FROM:<jörg@example.org> SMTPUTF8', '250 2.1.0 Ok'],
    ['RCPT TO:<zoë@example.com>', '250 2.1.5 Ok'],
    ['QUIT', '221 2.0.0 Bye'],
  ]);
  await c.waitClosed();
});

test('a transaction: recipients (open relay, capped), DATA, dot-stuffing undone, exact size and hash', async () => {
  const c = await converse([
    ['MAIL FROM:<a@example.org> BODY=8BITMIME SIZE=100', '250 2.1.0 Ok'],
    ['MAIL FROM:<b@example.org>', '503 5.5.1 Error: nested MAIL command'],
    ['ETRN example.com', '503 5.5.1 Error: MAIL transaction in progress'],
    ['AUTH LOGIN', '503 5.5.1 Error: MAIL transaction in progress'],
    ['DATA', '554 5.5.1 Error: no valid recipients'],
    ['RCPT TO:<>', '501 5.1.3 Bad recipient address syntax'],
    ['RCPT FROM:<v@example.com>', '501 5.5.4 Syntax: RCPT TO:<address>'],
    ['RCPT TO:<v1@example.com>', '250 2.1.5 Ok'],
    ['rcpt to: <v2@example.net> NOTIFY=NEVER', '250 2.1.5 Ok'],
    ['RCPT TO:v3@example.net', '250 2.1.5 Ok'],
    ['RCPT TO:<v4@example.net>', '452 4.5.3 Error: too many recipients'],
    ['DATA now', '501 5.5.4 Syntax: DATA'],
    ['DATA', '354 End data with <CR><LF>.<CR><LF>'],
  ]);
  const srcPort = c.socket.localPort!;
  const body = 'Subject: hi\r\n\r\n..dot-stuffed line\r\n.\rnot the end\r\nbare LF line\nlast\r\n';
  c.write(body + '.\r\n');
  assert.match(await c.reply(), /^250 2\.0\.0 Ok: queued as [0-9A-F]{10,11}$/);
  assert.equal(await c.cmd('RSET'), '250 2.0.0 Ok');
  assert.equal(await c.cmd('RSET now'), '501 5.5.4 Syntax: RSET');
  assert.equal(await c.cmd('QUIT'), '221 2.0.0 Bye');
  assert.equal(await c.waitClosed(), '');

  const events = await eventsOf(srcPort);
  const msg = events.find((e) => e.eventid === 'smtp.message');
  assert.ok(msg?.eventid === 'smtp.message');
  // A leading dot is always dropped (".\r" followed by more text is not the end line).
  const unstuffed = 'Subject: hi\r\n\r\n.dot-stuffed line\r\n\rnot the end\r\nbare LF line\nlast\r\n';
  assert.equal(msg.mail_from, 'a@example.org');
  assert.deepEqual(msg.rcpt_to, ['v1@example.com', 'v2@example.net', 'v3@example.net']);
  assert.equal(msg.data, unstuffed);
  assert.equal(msg.size, Buffer.byteLength(unstuffed));
  assert.equal(msg.data_truncated, false);
  assert.equal(msg.shasum, createHash('sha256').update(unstuffed).digest('hex'));
  assert.equal(msg.complete, true);
  const commands = events.filter((e) => e.eventid === 'smtp.command');
  // Every command line is an event; the verb is upper-cased, the argument kept as sent.
  assert.equal(commands.length, 16);
  assert.ok(commands.some((e) => e.eventid === 'smtp.command' && e.command === 'RCPT' && e.argument === 'to: <v2@example.net> NOTIFY=NEVER'));
  assert.equal(closeReason(events), 'client');
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

test('AUTH edge cases: syntax, unknown mechanism, abort, bad base64, authzid, already authenticated', async () => {
  const c = await RawSmtp.open(port);
  const srcPort = c.socket.localPort!;
  await c.reply();
  assert.match(await c.cmd('EHLO kali'), /\r\n250 CHUNKING$/);
  const script: [string, string][] = [
    ['AUTH', '501 5.5.4 Syntax: AUTH mechanism'],
    ['AUTH CRAM-MD5', '535 5.7.8 Error: authentication failed: no mechanism available'],
    ['AUTH LOGIN', '334 VXNlcm5hbWU6'],
    ['*', '501 5.7.0 Authentication aborted'],
    ['AUTH PLAIN', '334 '],
    ['not base64!', '535 5.7.8 Error: authentication failed: Invalid base64 data in continued response'],
    ['AUTH LOGIN dXNlcg', '535 5.7.8 Error: authentication failed: Invalid base64 data in initial response'],
    [`AUTH PLAIN ${b64('boss\0root\0nope')}`, '535 5.7.8 Error: authentication failed: authentication failure'],
    [`AUTH login ${b64('test')}`, '334 UGFzc3dvcmQ6'],
    [b64('test-anything'), '235 2.7.0 Authentication successful'],
    [`AUTH PLAIN ${b64('\0root\x00123456')}`, '503 5.5.1 Error: already authenticated'],
    ['QUIT', '221 2.0.0 Bye'],
  ];
  for (const [line, want] of script) assert.equal(await c.cmd(line), want, line);
  await c.waitClosed();
  const events = await eventsOf(srcPort);
  const auths = events.filter((e) => e.eventid === 'smtp.command' && e.command === 'AUTH').map((e) => (e.eventid === 'smtp.command' ? e.argument : ''));
  assert.deepEqual(auths, ['', 'CRAM-MD5', 'LOGIN', 'PLAIN', 'LOGIN', 'PLAIN', 'login', 'PLAIN']);
  // Continuation lines (base64 credentials, "*") are not commands.
  assert.equal(events.filter((e) => e.eventid === 'smtp.command').length, 10);
  const logins = events.filter((e) => e.eventid === 'login.failed' || e.eventid === 'login.success').map((e) => {
    const { eventid, ...rest } = e as PhantomEvent & { username: string; password: string; method: string; auth_data?: string };
    return { eventid, username: rest.username, password: rest.password, method: rest.method, auth_data: rest.auth_data };
  });
  assert.deepEqual(logins, [
    { eventid: 'login.failed', username: 'root', password: 'nope', method: 'smtp-plain', auth_data: 'boss' },
    { eventid: 'login.success', username: 'test', password: 'test-anything', method: 'smtp-login', auth_data: undefined },
  ]);
  const bad = events.filter((e) => e.eventid === 'protocol.error').map((e) => (e.eventid === 'protocol.error' ? [e.message, e.data_hex] : []));
  assert.deepEqual(bad, [
    ['AUTH PLAIN: response is not base64', Buffer.from('not base64!').toString('hex')],
    ['AUTH LOGIN: response is not base64', Buffer.from('dXNlcg').toString('hex')],
  ]);
});

test('limits: message size (552, still recorded), messages per session, long and binary lines', async () => {
  const c = await RawSmtp.open(port);
  const srcPort = c.socket.localPort!;
  await c.reply();
  const big = 'X'.repeat(70) + '\r\n';
  const bigBody = big.repeat(72); // 5184 bytes > message_size_limit 4096
  assert.equal(await c.cmd('MAIL FROM:<s@example.org>'), '250 2.1.0 Ok');
  assert.equal(await c.cmd('RCPT TO:<r@example.com>'), '250 2.1.5 Ok');
  assert.equal(await c.cmd('DATA'), '354 End data with <CR><LF>.<CR><LF>');
  c.write(bigBody + '.\r\n');
  assert.equal(await c.reply(), '552 5.3.4 Error: message file too big');
  for (let i = 0; i < 2; i++) {
    assert.equal(await c.cmd('MAIL FROM:<s@example.org>'), '250 2.1.0 Ok');
    assert.equal(await c.cmd('RCPT TO:<r@example.com>'), '250 2.1.5 Ok');
    assert.equal(await c.cmd('DATA'), '354 End data with <CR><LF>.<CR><LF>');
    c.write(`message ${i}\r\n.\r\n`);
    assert.match(await c.reply(), /^250 2\.0\.0 Ok: queued as /);
  }
  assert.equal(await c.cmd('MAIL FROM:<s@example.org>'), '450 4.7.1 Error: too much mail from 127.0.0.1');
  const long = 'NOOP ' + 'y'.repeat(3000);
  assert.equal(await c.cmd(long), '250 2.0.0 Ok');
  // Postfix reads a command as a C string: the NUL ends it, so this is a HELO without a name.
  c.write(Buffer.from('HELO \x00kali\r\n', 'latin1'));
  assert.equal(await c.reply(), '501 Syntax: HELO hostname');
  c.write(Buffer.from('HELO k\xe4li\r\n', 'latin1'));
  assert.equal(await c.reply(), '500 5.5.2 Error: bad UTF-8 syntax');
  assert.equal(await c.cmd('HELO kälî'), `250 ${HOST}`, 'valid UTF-8 is fine (SMTPUTF8)');
  assert.equal(await c.cmd('QUIT'), '221 2.0.0 Bye');
  await c.waitClosed();

  const events = await eventsOf(srcPort);
  const messages = events.filter((e) => e.eventid === 'smtp.message');
  assert.equal(messages.length, 3);
  const first = messages[0]!;
  assert.ok(first.eventid === 'smtp.message');
  assert.equal(first.size, bigBody.length);
  assert.equal(first.data_truncated, true);
  assert.equal(first.data, bigBody.slice(0, 1024));
  assert.equal(first.shasum, createHash('sha256').update(bigBody).digest('hex'));
  const errors = events.filter((e) => e.eventid === 'protocol.error');
  assert.deepEqual(
    errors.map((e) => (e.eventid === 'protocol.error' ? [e.message, e.data_hex] : [])),
    [
      ['command line longer than the line length limit', Buffer.from(long.slice(0, 256)).toString('hex')],
      ['binary data in a command line', Buffer.from('HELO \x00kali', 'latin1').toString('hex')],
      ['binary data in a command line', Buffer.from('HELO k\xe4li', 'latin1').toString('hex')],
    ],
  );
});

test('BDAT (CHUNKING): chunks taken raw, no dot-stuffing; refusals still skip the chunk; DATA/MAIL/RCPT after BDAT refused', async () => {
  const c = await converse([]);
  const srcPort = c.socket.localPort!;
  c.write('BDAT 5\r\nHELLO');
  assert.equal(await c.reply(), '503 5.5.1 Error: need RCPT command', 'the 5 bytes are skipped, not read as a command');
  assert.equal(await c.cmd('BDAT 5 X'), '501 5.5.4 Syntax: BDAT count [LAST]');
  assert.equal(await c.cmd('MAIL FROM:<a@example.org>'), '250 2.1.0 Ok');
  assert.equal(await c.cmd('RCPT TO:<b@example.com>'), '250 2.1.5 Ok');
  c.write('BDAT 0\r\n');
  assert.equal(await c.reply(), '551 5.7.1 Null BDAT request');
  const part1 = 'Subject: chunked\r\n\r\n.not stuffed\r\n';
  const part2 = '.\r\nend\r\n';
  c.write(`BDAT ${part1.length}\r\n${part1}`);
  assert.equal(await c.reply(), `250 2.0.0 Ok: ${part1.length} bytes`);
  assert.equal(await c.cmd('DATA'), '503 5.5.1 Error: DATA after BDAT');
  assert.equal(await c.cmd('MAIL FROM:<x@example.org>'), '503 5.5.1 Error: MAIL after BDAT');
  assert.equal(await c.cmd('RCPT TO:<y@example.com>'), '503 5.5.1 Error: RCPT after BDAT');
  c.write(`BDAT ${part2.length} LAST\r\n${part2}`);
  assert.match(await c.reply(), /^250 2\.0\.0 Ok: queued as [0-9A-F]{10,11}$/);
  assert.equal(await c.cmd('QUIT'), '221 2.0.0 Bye');
  await c.waitClosed();
  const events = await eventsOf(srcPort);
  const msg = events.find((e) => e.eventid === 'smtp.message');
  assert.ok(msg?.eventid === 'smtp.message');
  assert.equal(msg.data, part1 + part2);
  assert.equal(msg.size, part1.length + part2.length);
  assert.equal(msg.shasum, createHash('sha256').update(part1 + part2).digest('hex'));
  assert.deepEqual(msg.rcpt_to, ['b@example.com']);
  const bdats = events.filter((e) => e.eventid === 'smtp.command' && e.command === 'BDAT').map((e) => (e.eventid === 'smtp.command' ? e.argument : ''));
  assert.deepEqual(bdats, ['5', '5 X', '0', String(part1.length), `${part2.length} LAST`]);
});

test('a client that hangs up in the middle of DATA: what arrived is recorded as an unfinished message', async () => {
  const c = await converse([
    ['MAIL FROM:<a@example.org>', '250 2.1.0 Ok'],
    ['RCPT TO:<b@example.com>', '250 2.1.5 Ok'],
    ['DATA', '354 End data with <CR><LF>.<CR><LF>'],
  ]);
  const srcPort = c.socket.localPort!;
  const partial = 'Subject: payload\r\n\r\nMZ\x90\x00 half of it';
  c.write(Buffer.from(partial, 'latin1'));
  await new Promise((r) => setTimeout(r, 100));
  c.socket.destroy();
  const events = await eventsOf(srcPort);
  const msg = events.find((e) => e.eventid === 'smtp.message');
  assert.ok(msg?.eventid === 'smtp.message');
  assert.equal(msg.complete, false);
  assert.equal(msg.size, Buffer.byteLength(partial, 'latin1'));
  assert.equal(msg.shasum, createHash('sha256').update(Buffer.from(partial, 'latin1')).digest('hex'));
  assert.deepEqual(msg.rcpt_to, ['b@example.com']);
  assert.equal(events.at(-1)?.eventid, 'session.closed');
});

test('an HTTP request gets Postfix\'s "I can break rules, too" and the connection ends', async () => {
  const c = await RawSmtp.open(port);
  const srcPort = c.socket.localPort!;
  await c.reply();
  c.write('GET / HTTP/1.0\r\nHost: x\r\n\r\n');
  assert.equal(await c.reply(), '221 2.7.0 Error: I can break rules, too. Goodbye.');
  assert.equal(await c.waitClosed(), '');
  const events = await eventsOf(srcPort);
  assert.deepEqual(events.map((e) => e.eventid), ['session.connect', 'smtp.command', 'session.closed']);
  assert.equal(closeReason(events), 'server');
});

test('20 errors: Postfix slows down after 10, then says "too many errors" and hangs up', async () => {
  const c = await RawSmtp.open(port);
  const srcPort = c.socket.localPort!;
  await c.reply();
  c.write('BOGUS\r\n'.repeat(25));
  const replies: string[] = [];
  for (let i = 0; i < 21; i++) replies.push(await c.reply());
  assert.deepEqual(replies, [...Array<string>(20).fill('502 5.5.2 Error: command not recognized'), `421 4.7.0 ${HOST} Error: too many errors`]);
  assert.equal(await c.waitClosed(), '');
  const events = await eventsOf(srcPort);
  assert.equal(events.filter((e) => e.eventid === 'smtp.command').length, 20, 'the lines after the limit are not read');
  assert.equal(closeReason(events), 'limit');
});
