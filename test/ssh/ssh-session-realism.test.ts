// End to end with the real OpenSSH client: what a careful attacker checks on a Debian login (motd then
// "Last login:", bash's bracketed-paste codes, CRLF lines, PAM's failed-password delay, exec confirmed before
// output, sshd's own CRLF error lines) and what the sensor keeps of it (asciinema cast, log.closed, client.var).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { PhantomEvent } from '../../src/schema/events.js';
import { parseCast } from '../../src/sensors/shell/recording/cast-reader.js';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let port: number;

before(async () => {
  t = await startTestApp({ ssh: { auth_fail_delay_ms: 300 }, shell: { command_latency_ms: 0 } });
  port = t.app.port('ssh');
});
after(async () => {
  await t.cleanup();
});

/** The events of the first closed session that `pred` accepts, in order. */
async function closedSession(app: TestApp, pred: (events: PhantomEvent[]) => boolean): Promise<PhantomEvent[]> {
  for (let i = 0; i < 100; i++) {
    await app.app.settle();
    const by = new Map<string, PhantomEvent[]>();
    for (const e of await app.app.store.events({ limit: 100_000 })) by.set(e.session, [...(by.get(e.session) ?? []), e]);
    for (const ev of by.values()) if (ev.at(-1)?.eventid === 'session.closed' && pred(ev)) return ev;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no matching closed session');
}

/** The cast a log.closed names, once it is all on disk. */
async function castOf(app: TestApp, lc: PhantomEvent): Promise<Buffer> {
  assert.ok(lc.eventid === 'log.closed');
  const path = join(app.dir, lc.ttylog);
  for (let i = 0; i < 50 && statSync(path).size < lc.size; i++) await new Promise((r) => setTimeout(r, 20));
  return readFileSync(path);
}

const login = (user: string, password: string, input: string, extra: string[] = []) =>
  run('sshpass', ['-p', password, 'ssh', ...sshArgs(port, ['-tt', ...extra]), `${user}@127.0.0.1`], {
    input,
    env: { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8' },
  });

test('an ssh -tt session is recorded as an asciinema v2 cast; log.closed (hash of the file) comes before session.closed', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const r = await login('pi', 'raspberry', 'echo recorded-marker\nnosuchcmd\nexit\n', ['-o', 'SetEnv=FOO=bar', '-o', 'SendEnv=LANG']);
  assert.equal(r.code, 127, r.stderr);
  const ev = await closedSession(t, (e) => e.some((x) => x.eventid === 'login.success' && x.username === 'pi'));
  const ids = ev.map((e) => e.eventid);
  assert.equal(ids.at(-1), 'session.closed');
  assert.equal(ids.filter((id) => id === 'log.closed').length, 1);
  assert.ok(ids.indexOf('log.closed') < ids.indexOf('session.closed'));

  // Every env request is recorded, accepted (LANG) or refused (FOO) as Debian's AcceptEnv decides.
  const vars = ev.flatMap((e) => (e.eventid === 'client.var' ? [[e.name, e.value]] : []));
  assert.deepEqual(vars.sort(), [['FOO', 'bar'], ['LANG', 'C.UTF-8']]);
  const params = ev.filter((e) => e.eventid === 'session.params');
  assert.equal(params.length, 1);
  assert.ok(params[0]?.eventid === 'session.params' && params[0].arch === 'linux-x64-lsb');

  const lc = ev.find((e) => e.eventid === 'log.closed');
  assert.ok(lc?.eventid === 'log.closed');
  assert.match(lc.ttylog, new RegExp(`^casts/\\d{4}/\\d\\d/\\d\\d/${lc.session}\\.cast$`));
  const file = await castOf(t, lc);
  assert.equal(file.length, lc.size);
  assert.equal(createHash('sha256').update(file).digest('hex'), lc.shasum);
  assert.equal(lc.duplicate, false);

  const cast = parseCast(file.toString('utf8'));
  assert.equal(cast.header.version, 2);
  assert.equal(cast.header.env.TERM, 'xterm-256color');
  assert.equal(cast.header.env.SHELL, '/bin/bash');
  const output = cast.frames.filter((f) => f.code === 'o').map((f) => f.data).join('');
  const input = cast.frames.filter((f) => f.code === 'i').map((f) => f.data).join('');
  assert.match(input, /echo recorded-marker\r?\n/);
  assert.ok(output.includes('recorded-marker\r\n'), output);
  assert.ok(output.includes('-bash: nosuchcmd: command not found\r\n'));
  // What the client received is what was recorded.
  assert.equal(output, r.stdout);
  for (let i = 1; i < cast.frames.length; i++) assert.ok(cast.frames[i]!.time >= cast.frames[i - 1]!.time, `frame ${i} goes back in time`);
});

test('interactive login as on Debian 12: motd, then "Last login:" (the previous login on the second one), bracketed paste, CRLF', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const first = await login('admin', 'admin', 'exit\n');
  assert.equal(first.code, 0, first.stderr);
  // Never seen before: an earlier login from the admin's network, stable for this user.
  const lastLine = /permitted by applicable law\.\r\nLast login: ([A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d \d{4}) from ([0-9.]+)\r\n\x1b\[\?2004hadmin@/;
  const m1 = lastLine.exec(first.stdout);
  assert.ok(m1, JSON.stringify(first.stdout));
  assert.ok(Date.parse(`${m1[1]} UTC`) < Date.now(), m1[1]);
  const firstSession = await closedSession(t, (e) => e.some((x) => x.eventid === 'login.success' && x.username === 'admin'));
  const firstLogin = firstSession.find((e) => e.eventid === 'login.success');
  assert.ok(firstLogin);

  const second = await login('admin', 'admin', 'id\nexit\n');
  const m2 = lastLine.exec(second.stdout);
  assert.ok(m2, JSON.stringify(second.stdout));
  assert.equal(m2[2], '127.0.0.1');
  const shown = Date.parse(`${m2[1]} UTC`);
  assert.ok(Math.abs(shown - Date.parse(firstLogin.timestamp)) < 5000, `${m2[1]} vs ${firstLogin.timestamp}`);

  // bash 5.2 turns bracketed paste on before each prompt and off (then CR) once a line is read.
  assert.match(second.stdout, /\x1b\[\?2004hadmin@[a-z0-9-]+:~\$ id\r\n\x1b\[\?2004l\ruid=/);
  assert.match(second.stdout, /\x1b\[\?2004hadmin@[a-z0-9-]+:~\$ exit\r\n\x1b\[\?2004l\rlogout\r\n$/);
  // Every line the server writes on the terminal ends in CRLF.
  assert.doesNotMatch(second.stdout, /[^\r]\n/);
});

test('a wrong password is refused only after PAM\'s fail delay, and other connections are not held up', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const dir = mkdtempSync(join(tmpdir(), 'pn-askpass-'));
  try {
    const askpass = join(dir, 'askpass.sh');
    writeFileSync(askpass, '#!/bin/sh\necho wrong-pass\n');
    chmodSync(askpass, 0o700);
    const slow = run('ssh', sshArgs(port, ['-o', 'NumberOfPasswordPrompts=2', 'oracle@127.0.0.1', 'true']), {
      env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' },
    });
    const fast = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(port), 'root@127.0.0.1', 'echo not held up']);
    assert.equal(fast.stdout, 'not held up\n');
    assert.equal((await slow).code, 255);
    const ev = await closedSession(t, (e) => e.filter((x) => x.eventid === 'login.failed' && x.username === 'oracle').length === 2);
    const times = ev.filter((e) => e.eventid === 'login.failed' || e.eventid === 'session.closed').map((e) => Date.parse(e.timestamp));
    // auth_fail_delay_ms is 300 here: PAM waits at least half of it before each refusal.
    assert.equal(times.length, 3);
    assert.ok(times[1]! - times[0]! >= 150, `second attempt ${times[1]! - times[0]!} ms after the first`);
    assert.ok(times[2]! - times[1]! >= 150, `closed ${times[2]! - times[1]!} ms after the last attempt`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('exec: the channel request is confirmed before any of the command\'s output', async () => {
  const log: string[] = [];
  const client = new ssh2.Client();
  const out = await new Promise<string>((resolve, reject) => {
    client.on('ready', () => {
      client.exec('echo confirmed-first', (err, stream) => {
        if (err) return reject(err);
        let data = '';
        stream.on('data', (d: Buffer) => (data += d.toString()));
        stream.on('close', () => resolve(data));
      });
    });
    client.on('error', reject);
    client.connect({ host: '127.0.0.1', port, username: 'root', password: '123456', debug: (m: string) => log.push(m) });
  });
  client.end();
  assert.equal(out, 'confirmed-first\n');
  const success = log.findIndex((l) => /Inbound: CHANNEL_SUCCESS/.test(l));
  const data = log.findIndex((l) => /Inbound: CHANNEL_DATA/.test(l));
  assert.ok(success >= 0 && data >= 0, log.join('\n'));
  assert.ok(success < data, 'CHANNEL_SUCCESS arrives before CHANNEL_DATA');
});

/** Everything the server sends on a raw connection after we send `line` in answer to its banner. */
function rawExchange(p: number, line: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(p, '127.0.0.1');
    let got = Buffer.alloc(0);
    let sent = false;
    s.on('data', (d: Buffer) => {
      got = Buffer.concat([got, d]);
      if (!sent && line !== undefined) {
        sent = true;
        s.write(line);
      }
    });
    s.on('error', () => {});
    s.on('close', () => resolve(got.toString('latin1')));
    setTimeout(() => s.destroy(), 3000).unref();
  });
}

test('sshd\'s own error lines end in CRLF, as OpenSSH 9.2 writes them', async () => {
  assert.match(await rawExchange(port, 'GET / HTTP/1.1\r\n'), /^SSH-2\.0-OpenSSH_9\.2p1 [^\r\n]+\r\nInvalid SSH identification string\.\r\n$/);
  assert.match(await rawExchange(port, 'SSH-1.5-PuTTY\r\n'), /\r\nProtocol major versions differ\.\r\n$/);
  const limited = await startTestApp({ ssh: { max_connections_per_source: 1 } });
  try {
    const p = limited.app.port('ssh');
    const first = connect(p, '127.0.0.1');
    first.on('error', () => {});
    await new Promise<void>((resolve) => first.once('data', () => resolve()));
    assert.equal(await rawExchange(p, undefined), 'Exceeded MaxStartups\r\n');
    first.destroy();
  } finally {
    await limited.cleanup();
  }
});

test('the cast stays within shell.recording.max_bytes and says it was cut', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const small = await startTestApp({ shell: { recording: { max_bytes: 4096 }, command_latency_ms: 0 } });
  try {
    const r = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(small.app.port('ssh'), ['-tt']), 'root@127.0.0.1'], { input: 'seq 1 3000\nexit\n' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\r\n3000\r\n/);
    const ev = await closedSession(small, (e) => e.some((x) => x.eventid === 'log.closed'));
    const lc = ev.find((e) => e.eventid === 'log.closed');
    assert.ok(lc?.eventid === 'log.closed');
    const file = await castOf(small, lc);
    assert.ok(file.length <= 4096, String(file.length));
    assert.equal(file.length, lc.size);
    const cast = parseCast(file.toString('utf8'));
    assert.deepEqual([cast.frames.at(-1)?.code, cast.frames.at(-1)?.data], ['m', 'truncated']);
  } finally {
    await small.cleanup();
  }
});
