// The BusyBox persona as a Mirai-style bot meets it: raw socket, the bot's IAC answers, the login dance,
// `enable`/`system`/`shell`/`sh`, then `/bin/busybox ECCHI` and BusyBox's "applet not found".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startTestApp } from '../helpers/test-app.js';

test('busybox persona: opening bytes, login prompts, Mirai escapes and "ECCHI: applet not found"', async () => {
  const t = await startTestApp({ telnet: { persona: 'busybox-telnetd-iot', hostname: 'ipcam', login_fail_delay_ms: 50 } });
  try {
    const s = connect(t.app.port('telnet'), '127.0.0.1');
    let got = Buffer.alloc(0);
    s.on('data', (d: Buffer) => (got = Buffer.concat([got, d])));
    const until = async (text: string, from: number): Promise<number> => {
      for (let i = 0; i < 300; i++) {
        const at = got.indexOf(text, from, 'latin1');
        if (at >= 0) return at + text.length;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`no ${JSON.stringify(text)} in ${JSON.stringify(got.toString('latin1'))}`);
    };
    let at = await until('ipcam login: ', 0);
    // BusyBox telnetd's iacs_to_send, then print_login_issue's "\r\n" through the tty (\r\r\n), then the prompt.
    assert.deepEqual(got.subarray(0, at), Buffer.from('\xff\xfd\x01\xff\xfd\x1f\xff\xfb\x01\xff\xfb\x03\r\r\nipcam login: ', 'latin1'));
    // Mirai answers DO NAWS with WILL NAWS and its window size, everything else with WONT/DONT.
    s.write(Buffer.from([255, 252, 1, 255, 251, 31, 255, 250, 31, 0, 80, 0, 24, 255, 240, 255, 254, 1, 255, 254, 3]));
    s.write('root\r\n');
    at = await until('Password: ', at);
    s.write('vizxv\r\n');
    at = await until('Login incorrect\r\nipcam login: ', at);
    s.write('admin\r\n');
    at = await until('Password: ', at);
    s.write('admin\r\n');
    at = await until('# ', at);
    s.write('enable\r\n');
    at = await until('# ', at);
    s.write('system\r\nshell\r\nsh\r\n');
    at = await until('system\r\n# shell\r\n# sh\r\n# ', at);
    s.write('/bin/busybox ECCHI\r\n');
    const start = at;
    at = await until('ECCHI: applet not found\r\n# ', at);
    assert.equal(got.subarray(start, at).toString('latin1'), '/bin/busybox ECCHI\r\nECCHI: applet not found\r\n# ');
    s.write('busybox echo hi\r\n');
    await until('hi\r\n# ', at);
    s.end();
    await new Promise((r) => s.on('close', r));
    for (let i = 0; i < 100; i++) {
      await t.app.settle();
      const ev = await t.app.store.events({ limit: 1000 });
      if (ev.some((e) => e.eventid === 'session.closed')) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const ev = await t.app.store.events({ limit: 1000 });
    const pick = (id: string): Record<string, unknown>[] => ev.filter((e) => e.eventid === id).map((e) => ({ ...e }));
    assert.deepEqual(pick('client.size').map((e) => [e.width, e.height]), [[80, 24]]);
    assert.deepEqual(pick('login.failed').map((e) => [e.username, e.password, e.method]), [['root', 'vizxv', 'password']]);
    assert.deepEqual(pick('login.success').map((e) => [e.username, e.password, e.method]), [['admin', 'admin', 'password']]);
    assert.deepEqual(pick('command.input').map((e) => e.input), ['enable', 'system', 'shell', 'sh', '/bin/busybox ECCHI', 'busybox echo hi']);
    assert.deepEqual(pick('command.failed'), []);
  } finally {
    await t.cleanup();
  }
});
