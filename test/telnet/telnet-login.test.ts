// End to end: the real telnet client on a pty against the Debian persona: negotiation, a wrong then a right
// password, a known and an unknown command, logout; the screen and the events checked field by field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { PhantomEvent } from '../../src/schema/events.js';
import { requirePrograms } from '../helpers/programs.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { telnetOnPty } from './terminal.js';

let t: TestApp;

before(async () => {
  t = await startTestApp({ telnet: { login_fail_delay_ms: 200 } });
});
after(async () => {
  await t.cleanup();
});

async function closedSessions(): Promise<PhantomEvent[][]> {
  for (let i = 0; i < 100; i++) {
    await t.app.settle();
    const by = new Map<string, PhantomEvent[]>();
    for (const e of await t.app.store.events({ limit: 100_000 })) by.set(e.session, [...(by.get(e.session) ?? []), e]);
    const done = [...by.values()].filter((ev) => ev.at(-1)?.eventid === 'session.closed');
    if (done.length > 0) return done;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no closed session in the store');
}

test('telnet: wrong then right password, uname -a and an unknown command, as the real client shows them', async (ctx) => {
  if (!requirePrograms(ctx, 'telnet', 'script')) return;
  const port = t.app.port('telnet');
  const term = telnetOnPty(port);
  try {
    let at = await term.waitFor('web-prod-02 login: ');
    term.type('root\r');
    at = await term.waitFor('Password: ', at);
    term.type('wrong-one\r');
    at = await term.waitFor('Login incorrect\r\n\r\nweb-prod-02 login: ', at);
    term.type('root\r');
    at = await term.waitFor('Password: ', at);
    term.type('123456\r');
    at = await term.waitFor('root@web-prod-02:~# ', at);
    term.type('uname -a\r');
    at = await term.waitFor(/x86_64 GNU\/Linux\r\n\x1b\[\?2004hroot@web-prod-02:~# /, at);
    term.type('frobnicate --now\r');
    at = await term.waitFor('-bash: frobnicate: command not found\r\n\x1b[?2004hroot@web-prod-02:~# ', at);
    term.type('exit\r');
    await term.waitFor('logout\r\n', at);
    await term.closed;
  } finally {
    term.kill();
  }
  const screen = term.screen();
  // The issue line, then login(1)'s prompt; the typed name echoed once, the password never.
  assert.match(screen, /Escape character is '\^]'\.\r\nDebian GNU\/Linux 12\r\nweb-prod-02 login: root\r\nPassword: \r\nLogin incorrect\r\n\r\nweb-prod-02 login: root\r\nPassword: \r\nLinux web-prod-02 6\.1\.0-37-amd64 /);
  assert.ok(!screen.includes('wrong-one') && !screen.includes('123456'), 'passwords are not echoed');
  // login(1)'s pam_lastlog line after the motd; bash's bracketed-paste codes around each line read.
  assert.match(screen, /permitted by applicable law\.\r\nLast login: \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4} from [\d.]+ on pts\/0\r\n\x1b\[\?2004hroot@web-prod-02:~# /);
  assert.ok(screen.includes('root@web-prod-02:~# uname -a\r\n\x1b[?2004l\rLinux web-prod-02 6.1.0-37-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22) x86_64 GNU/Linux\r\n'), JSON.stringify(screen));

  const [events] = await closedSessions();
  assert.ok(events);
  const ids = events.map((e) => e.eventid);
  assert.deepEqual(ids, ['session.connect', 'client.var', 'client.size', 'login.failed', 'login.success', 'session.params', 'command.input', 'command.input', 'command.failed', 'command.input', 'log.closed', 'session.closed']);
  const [connect, ttype, size, failed, ok, , in1, in2, unknown, in3, , closed] = events;
  // The terminal type the client answered to TTYPE.
  assert.ok(ttype?.eventid === 'client.var' && ttype.name === 'TERM' && /^xterm$/i.test(ttype.value));
  for (const e of events) {
    assert.equal(e.protocol, 'telnet');
    assert.equal(e.dst_port, port);
    assert.equal(e.src_ip, '127.0.0.1');
    assert.equal(e.session, connect!.session);
  }
  assert.ok(size?.eventid === 'client.size');
  // The pty was set to 100x30 before telnet started; NAWS carries it.
  assert.deepEqual([size.width, size.height], [100, 30]);
  assert.ok(failed?.eventid === 'login.failed');
  assert.deepEqual([failed.username, failed.password, failed.method], ['root', 'wrong-one', 'password']);
  assert.ok(ok?.eventid === 'login.success');
  assert.deepEqual([ok.username, ok.password, ok.method], ['root', '123456', 'password']);
  assert.ok(in1?.eventid === 'command.input' && in1.input === 'uname -a');
  assert.ok(in2?.eventid === 'command.input' && in2.input === 'frobnicate --now');
  assert.ok(unknown?.eventid === 'command.failed' && unknown.input === 'frobnicate --now');
  assert.ok(in3?.eventid === 'command.input' && in3.input === 'exit');
  assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'client');
});
