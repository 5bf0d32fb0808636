// End to end: the real telnet client on a pty; the session is recorded from the login prompt on as an asciinema
// cast, the terminal type and environment the client sends become client.var, and the shell reports its arch.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PhantomEvent } from '../../src/schema/events.js';
import { parseCast } from '../../src/sensors/shell/recording/cast-reader.js';
import { requirePrograms } from '../helpers/programs.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { telnetOnPty } from './terminal.js';

let t: TestApp;

before(async () => {
  t = await startTestApp({ telnet: { login_fail_delay_ms: 100 }, shell: { command_latency_ms: 0 } });
});
after(async () => {
  await t.cleanup();
});

async function closedSession(): Promise<PhantomEvent[]> {
  for (let i = 0; i < 100; i++) {
    await t.app.settle();
    const by = new Map<string, PhantomEvent[]>();
    for (const e of await t.app.store.events({ limit: 100_000 })) by.set(e.session, [...(by.get(e.session) ?? []), e]);
    const done = [...by.values()].find((ev) => ev.at(-1)?.eventid === 'session.closed');
    if (done) return done;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no closed session in the store');
}

test('telnet: the session from the login prompt on is an asciinema cast; TERM is a client.var; log.closed before session.closed', async (ctx) => {
  if (!requirePrograms(ctx, 'telnet', 'script')) return;
  const term = telnetOnPty(t.app.port('telnet'));
  try {
    let at = await term.waitFor(' login: ');
    term.type('root\r');
    at = await term.waitFor('Password: ', at);
    term.type('wrong-one\r');
    at = await term.waitFor('Login incorrect\r\n\r\n', at);
    at = await term.waitFor(' login: ', at);
    term.type('root\r');
    at = await term.waitFor('Password: ', at);
    term.type('123456\r');
    at = await term.waitFor(':~# ', at);
    term.type('echo telnet-marker\r');
    at = await term.waitFor('telnet-marker\r\n', at + 20);
    term.type('exit\r');
    await term.waitFor('logout\r\n', at);
    await term.closed;
  } finally {
    term.kill();
  }
  const ev = await closedSession();
  const ids = ev.map((e) => e.eventid);
  assert.equal(ids.at(-1), 'session.closed');
  assert.ok(ids.indexOf('log.closed') >= 0 && ids.indexOf('log.closed') < ids.indexOf('session.closed'));
  // The client's terminal type (TTYPE), as the client sent it.
  const vars = ev.flatMap((e) => (e.eventid === 'client.var' ? [[e.name, e.value.toLowerCase()]] : []));
  assert.deepEqual(vars.find(([n]) => n === 'TERM'), ['TERM', 'xterm']);
  const params = ev.find((e) => e.eventid === 'session.params');
  assert.ok(params?.eventid === 'session.params' && params.arch === 'linux-x64-lsb');
  assert.ok(ids.indexOf('session.params') > ids.indexOf('login.success'));

  const lc = ev.find((e) => e.eventid === 'log.closed');
  assert.ok(lc?.eventid === 'log.closed');
  const path = join(t.dir, lc.ttylog);
  for (let i = 0; i < 50 && statSync(path).size < lc.size; i++) await new Promise((r) => setTimeout(r, 20));
  const file = readFileSync(path);
  assert.equal(file.length, lc.size);
  assert.equal(createHash('sha256').update(file).digest('hex'), lc.shasum);
  const cast = parseCast(file.toString('utf8'));
  // telnetd hands the terminal type on in lower case; the pty's 100x30 comes by NAWS, as the header's size or a resize.
  assert.equal(cast.header.env.TERM, 'xterm');
  const size = `${cast.header.width}x${cast.header.height}`;
  assert.ok(size === '100x30' || cast.frames.some((f) => f.code === 'r' && f.data === '100x30'), JSON.stringify(cast.frames.slice(0, 5)));
  const output = cast.frames.filter((f) => f.code === 'o').map((f) => f.data).join('');
  const input = cast.frames.filter((f) => f.code === 'i').map((f) => f.data).join('');
  assert.match(output, /^Debian GNU\/Linux 12\r\n\S+ login: root\r\nPassword: \r\nLogin incorrect\r\n/);
  assert.ok(output.includes('echo telnet-marker\r\n\x1b[?2004l\rtelnet-marker\r\n'), JSON.stringify(output));
  assert.ok(output.endsWith('logout\r\n'));
  // Input is recorded as typed, the password included (it is never echoed, so only the input frames hold it).
  assert.ok(input.includes('wrong-one\r'), JSON.stringify(input));
  assert.ok(input.includes('echo telnet-marker\r'));
  assert.ok(!output.includes('wrong-one'));
  for (let i = 1; i < cast.frames.length; i++) assert.ok(cast.frames[i]!.time >= cast.frames[i - 1]!.time);
});
