// vsftpd 3.0.3's exact reply bytes over a raw control connection, the PORT/EPRT and passive-data
// address rules, and the per-session limits (failed logins, command count, line length).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { commandsOf, Control, findSession } from './ftp-helpers.js';

let t: TestApp;
let port: number;

before(async () => {
  t = await startTestApp({ ftp: { enabled: true, delay_failed_login_ms: 0 } });
  port = t.app.port('ftp');
});
after(async () => {
  await t.cleanup();
});

async function login(c: Control): Promise<void> {
  assert.equal(await c.reply(), '220 (vsFTPd 3.0.3)\r\n');
  assert.equal(await c.send('USER admin'), '331 Please specify the password.\r\n');
  assert.equal(await c.send('PASS admin'), '230 Login successful.\r\n');
}

test('before login: greeting, FEAT, OPTS, refusals and a wrong password, byte for byte', async () => {
  const c = await Control.open(port);
  assert.equal(await c.reply(), '220 (vsFTPd 3.0.3)\r\n');
  assert.equal(await c.send('FEAT'), '211-Features:\r\n EPRT\r\n EPSV\r\n MDTM\r\n PASV\r\n REST STREAM\r\n SIZE\r\n TVFS\r\n UTF8\r\n211 End\r\n');
  assert.equal(await c.send('opts utf8 on'), '200 Always in UTF8 mode.\r\n');
  assert.equal(await c.send('OPTS MLST type;'), '501 Option not understood.\r\n');
  assert.equal(await c.send('SYST'), '530 Please login with USER and PASS.\r\n');
  assert.equal(await c.send('AUTH TLS'), '530 Please login with USER and PASS.\r\n');
  assert.equal(await c.send('PASS early'), '503 Login with USER first.\r\n');
  assert.equal(await c.send('USER root'), '331 Please specify the password.\r\n');
  assert.equal(await c.send('PASS wrong pass with spaces'), '530 Login incorrect.\r\n');
  assert.equal(await c.send('QUIT'), '221 Goodbye.\r\n');
  assert.equal(await c.reply(), '', 'the server closes after QUIT');
  const ev = await findSession(t, (e) => e.some((x) => x.eventid === 'login.failed' && x.password === 'wrong pass with spaces'));
  const failed = ev.find((e) => e.eventid === 'login.failed');
  assert.ok(failed?.eventid === 'login.failed');
  assert.equal(failed.username, 'root');
  assert.equal(failed.method, 'ftp');
  assert.deepEqual(commandsOf(ev), ['FEAT', 'OPTS utf8 on', 'OPTS MLST type;', 'SYST', 'AUTH TLS', 'PASS', 'USER root', 'PASS', 'QUIT']);
  assert.ok(!JSON.stringify(ev.filter((e) => e.eventid === 'ftp.command')).includes('wrong pass'), 'PASS arguments stay out of ftp.command');
  const closed = ev.at(-1);
  assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'client');
});

test('after login: vsftpd reply texts for the directory, type, help and unknown commands', async () => {
  const c = await Control.open(port);
  await login(c);
  assert.equal(await c.send('SYST'), '215 UNIX Type: L8\r\n');
  assert.equal(await c.send('PWD'), '257 "/" is the current directory\r\n');
  assert.equal(await c.send('CWD backups'), '250 Directory successfully changed.\r\n');
  assert.equal(await c.send('PWD'), '257 "/backups" is the current directory\r\n');
  assert.equal(await c.send('CWD nowhere'), '550 Failed to change directory.\r\n');
  assert.equal(await c.send('CDUP'), '250 Directory successfully changed.\r\n');
  assert.equal(await c.send('CDUP'), '250 Directory successfully changed.\r\n');
  assert.equal(await c.send('PWD'), '257 "/" is the current directory\r\n', '".." stops at the root');
  assert.equal(await c.send('TYPE I'), '200 Switching to Binary mode.\r\n');
  assert.equal(await c.send('TYPE A'), '200 Switching to ASCII mode.\r\n');
  assert.equal(await c.send('TYPE X'), '500 Unrecognised TYPE command.\r\n');
  assert.equal(await c.send('NOOP'), '200 NOOP ok.\r\n');
  assert.equal(await c.send('SIZE notes.txt'), '213 93\r\n');
  assert.equal(await c.send('SIZE backups'), '550 Could not get file size.\r\n');
  assert.equal(await c.send('MDTM /backups/www_2025-09-28.tar.gz'), '213 20250928021407\r\n');
  assert.equal(await c.send('MDTM missing'), '550 Could not get file modification time.\r\n');
  assert.equal(await c.send('MKD new "dir"'), '257 "/new ""dir""" created\r\n');
  assert.equal(await c.send('MKD new "dir"'), '550 Create directory operation failed.\r\n');
  assert.equal(await c.send('DELE notes.txt'), '250 Delete operation successful.\r\n');
  assert.equal(await c.send('DELE notes.txt'), '550 Delete operation failed.\r\n');
  assert.equal(await c.send('RETR notes.txt'), '425 Use PORT or PASV first.\r\n');
  assert.equal(await c.send('LIST'), '425 Use PORT or PASV first.\r\n');
  assert.equal(await c.send('HELP'),
    '214-The following commands are recognized.\r\n' +
    ' ABOR ACCT ALLO APPE CDUP CWD  DELE EPRT EPSV FEAT HELP LIST MDTM MKD\r\n' +
    ' MODE NLST NOOP OPTS PASS PASV PORT PWD  QUIT REIN REST RETR RMD  RNFR\r\n' +
    ' RNTO SITE SIZE SMNT STAT STOR STOU STRU SYST TYPE USER XCUP XCWD XMKD\r\n' +
    ' XPWD XRMD\r\n' +
    '214 Help OK.\r\n');
  assert.equal(await c.send('XYZZY now'), '500 Unknown command.\r\n');
  assert.equal(await c.send('USER other'), "530 Can't change to another user.\r\n");
  assert.equal(await c.send('PASS again'), '230 Already logged in.\r\n');
  const stat = await c.send('STAT');
  assert.match(stat, /^211-FTP server status:\r\n     Connected to 127\.0\.0\.1\r\n     Logged in as admin\r\n     TYPE: ASCII\r\n/);
  assert.match(stat, /     vsFTPd 3\.0\.3 - secure, fast, stable\r\n211 End of status\r\n$/);
  assert.equal(await c.send('QUIT'), '221 Goodbye.\r\n');
  const ev = await findSession(t, (e) => commandsOf(e).includes('XYZZY now'));
  assert.ok(commandsOf(ev).includes('MKD new "dir"'));
});

test('PASV and EPSV answer in vsftpd\'s format and open a port on the control connection\'s address', async () => {
  const c = await Control.open(port);
  await login(c);
  const pasv = await c.send('PASV');
  const m = /^227 Entering Passive Mode \(127,0,0,1,(\d+),(\d+)\)\.\r\n$/.exec(pasv);
  assert.ok(m, pasv);
  const dataPort = Number(m[1]) * 256 + Number(m[2]);
  const data = connect(dataPort, '127.0.0.1');
  const chunks: Buffer[] = [];
  data.on('data', (d: Buffer) => chunks.push(d));
  const ended = new Promise((r) => data.on('close', r));
  assert.equal(await c.send('NLST'), '150 Here comes the directory listing.\r\n');
  assert.equal(await c.reply(), '226 Directory send OK.\r\n');
  await ended;
  assert.equal(Buffer.concat(chunks).toString(), 'backups\r\nnotes.txt\r\nscripts\r\n');
  assert.match(await c.send('EPSV'), /^229 Entering Extended Passive Mode \(\|\|\|\d+\|\)\r\n$/);
  assert.equal(await c.send('EPSV 2'), '522 Bad network protocol.\r\n');
  assert.equal(await c.send('EPSV ALL'), '200 EPSV ALL ok.\r\n');
  assert.equal(await c.send('PASV'), '550 Permission denied.\r\n');
  c.close();
});

test('a passive data connection from another address fails the transfer (vsftpd pasv_promiscuous=NO)', async () => {
  const c = await Control.open(port);
  await login(c);
  const m = /\(\|\|\|(\d+)\|\)/.exec(await c.send('EPSV'));
  assert.ok(m);
  // Loopback is a /8 on Linux: 127.0.0.2 is a different client address on the same host.
  const stranger = connect({ port: Number(m[1]), host: '127.0.0.1', localAddress: '127.0.0.2' });
  stranger.on('error', () => {});
  await new Promise((r) => stranger.on('close', r));
  assert.equal(await c.send('LIST'), '425 Security: Bad IP connecting.\r\n');
  c.close();
});

test('PORT and EPRT only back to the client itself and never to a privileged port', async () => {
  const c = await Control.open(port);
  await login(c);
  assert.equal(await c.send('PORT 10,0,0,1,200,10'), '500 Illegal PORT command.\r\n');
  assert.equal(await c.send('PORT 127,0,0,1,0,22'), '500 Illegal PORT command.\r\n');
  assert.equal(await c.send('PORT 127,0,0,1,300,1'), '500 Illegal PORT command.\r\n');
  assert.equal(await c.send('PORT garbage'), '500 Illegal PORT command.\r\n');
  assert.equal(await c.send('RETR notes.txt'), '425 Use PORT or PASV first.\r\n', 'an illegal PORT leaves no data connection');
  assert.equal(await c.send('EPRT |1|192.0.2.7|4000|'), '500 Illegal EPRT command.\r\n');
  assert.equal(await c.send('EPRT |2|::1|4000|'), '500 Bad EPRT protocol.\r\n');
  assert.equal(await c.send('EPRT nonsense'), '500 Bad EPRT command.\r\n');
  assert.equal(await c.send('PORT 127,0,0,1,200,10'), '200 PORT command successful. Consider using PASV.\r\n');
  assert.equal(await c.send('EPRT |1|127.0.0.1|51210|'), '200 EPRT command successful. Consider using EPSV.\r\n');
  c.close();
});

test('limits: max_login_fails drops the connection, max_commands ends the session, an overlong line is recorded', async () => {
  const lim = await startTestApp({ ftp: { enabled: true, delay_failed_login_ms: 0, max_login_fails: 2, max_commands: 5 } });
  try {
    const p = lim.app.port('ftp');
    const a = await Control.open(p);
    await a.reply();
    for (let i = 0; i < 2; i++) {
      await a.send('USER root');
      assert.equal(await a.send(`PASS guess${i}`), '530 Login incorrect.\r\n');
    }
    assert.equal(await a.reply(), '', 'closed after the second failure');
    const ev = await findSession(lim, (e) => e.some((x) => x.eventid === 'login.failed'));
    assert.deepEqual(ev.filter((e) => e.eventid === 'login.failed').map((e) => e.eventid === 'login.failed' && e.password), ['guess0', 'guess1']);
    const end = ev.at(-1);
    assert.ok(end?.eventid === 'session.closed' && end.reason === 'auth_limit');

    const b = await Control.open(p);
    await b.reply();
    assert.equal(await b.send(Buffer.from(`NOOP ${'A'.repeat(5000)}\r\n`)), '530 Please login with USER and PASS.\r\n');
    for (let i = 0; i < 4; i++) assert.equal(await b.send('NOOP'), '530 Please login with USER and PASS.\r\n');
    assert.equal(await b.send('NOOP'), '', 'the sixth command closes the session');
    const ev2 = await findSession(lim, (e) => e.some((x) => x.eventid === 'protocol.error'));
    const pe = ev2.find((e) => e.eventid === 'protocol.error');
    assert.ok(pe?.eventid === 'protocol.error');
    assert.equal(pe.message, 'command line longer than 4096 bytes');
    assert.equal(pe.data_hex, Buffer.from(`NOOP ${'A'.repeat(251)}`).toString('hex'));
    const end2 = ev2.at(-1);
    assert.ok(end2?.eventid === 'session.closed' && end2.reason === 'limit', JSON.stringify(ev2.map((e) => [e.eventid, 'reason' in e ? e.reason : ''])));
  } finally {
    await lim.cleanup();
  }
});

test('pasv_address and the passive port range are what PASV announces; an unused passive port times out', async () => {
  const nat = await startTestApp({ ftp: { enabled: true, pasv_address: '192.0.2.10', pasv_min_port: 21100, pasv_max_port: 21109, data_timeout_s: 1 } });
  try {
    const c = await Control.open(nat.app.port('ftp'));
    await login(c);
    for (let i = 0; i < 3; i++) {
      const m = /^227 Entering Passive Mode \(192,0,2,10,(\d+),(\d+)\)\.\r\n$/.exec(await c.send('PASV'));
      assert.ok(m);
      const p = Number(m[1]) * 256 + Number(m[2]);
      assert.ok(p >= 21100 && p <= 21109, `port ${p}`);
    }
    assert.equal(await c.send('LIST'), '425 Failed to establish connection.\r\n', 'nobody connected within data_timeout_s');
    assert.equal(await c.send('LIST'), '425 Use PORT or PASV first.\r\n', 'the listener is gone');
    c.close();
  } finally {
    await nat.cleanup();
  }
});

test('a scripted client that sends its whole batch and closes still has every attempt recorded', async () => {
  const slow = await startTestApp({ ftp: { enabled: true, delay_failed_login_ms: 200 } });
  try {
    const s = connect(slow.app.port('ftp'), '127.0.0.1', () => s.end('USER root\r\nPASS first\r\nUSER admin\r\nPASS second\r\nSTAT\r\n'));
    s.resume();
    await new Promise((r) => s.on('close', r));
    const ev = await findSession(slow, (e) => e.some((x) => x.eventid === 'login.failed'));
    assert.deepEqual(ev.filter((e) => e.eventid === 'login.failed').map((e) => e.eventid === 'login.failed' && `${e.username}:${e.password}`), ['root:first', 'admin:second']);
    assert.deepEqual(commandsOf(ev), ['USER root', 'PASS', 'USER admin', 'PASS', 'STAT']);
  } finally {
    await slow.cleanup();
  }
});

test('an upload still in flight when the control connection drops is recorded (truncated) before session.closed', async () => {
  const c = await Control.open(port);
  await login(c);
  const pasv = await c.send('EPSV');
  const dataPort = Number(/\(\|\|\|(\d+)\|\)/.exec(pasv)?.[1]);
  assert.ok(dataPort > 0, pasv);
  const data = connect({ port: dataPort, host: '127.0.0.1' });
  data.on('error', () => {});
  await new Promise<void>((r) => data.once('connect', () => r()));
  assert.equal(await c.send('STOR dropped.bin'), '150 Ok to send data.\r\n');
  const sent = Buffer.from('partial payload that never finished\n');
  await new Promise<void>((r) => data.write(sent, () => r()));
  // Let the bytes reach the server, then vanish without finishing the transfer.
  await new Promise((r) => setTimeout(r, 200));
  c.socket.destroy();
  const ev = await findSession(t, (e) => commandsOf(e).includes('STOR dropped.bin') && e.some((x) => x.eventid === 'session.closed'));
  data.destroy();
  const ids = ev.map((e) => e.eventid);
  const up = ev.find((e) => e.eventid === 'session.file_upload');
  assert.ok(up?.eventid === 'session.file_upload', `an upload event in ${ids.join(', ')}`);
  assert.equal(up.filename, 'dropped.bin');
  assert.equal(up.size, sent.length);
  assert.equal(up.truncated, true);
  assert.ok(ids.indexOf('session.file_upload') < ids.indexOf('session.closed'));
});
