// End to end: the real OpenSSH client (with sshpass) against the SSH sensor; events checked field by
// field in the store and in the cowrie-json log.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PhantomEvent } from '../../src/schema/events.js';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let port: number;

before(async () => {
  // A short PAM fail delay keeps the wrong-password case quick (its length is tested in ssh-session-realism).
  t = await startTestApp({ ssh: { auth_fail_delay_ms: 100 } });
  port = t.app.port('ssh');
});
after(async () => {
  await t.cleanup();
});

async function sessionsOf(srcPort?: number): Promise<Map<string, PhantomEvent[]>> {
  await t.app.settle();
  const all = await t.app.store.events({ limit: 100_000 });
  const bySession = new Map<string, PhantomEvent[]>();
  for (const e of all) {
    if (srcPort !== undefined && e.src_port !== srcPort) continue;
    const list = bySession.get(e.session) ?? [];
    list.push(e);
    bySession.set(e.session, list);
  }
  return bySession;
}

function cowrieLines(): Record<string, unknown>[] {
  return readFileSync(join(t.dir, 'logs', 'cowrie.json'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

async function findSession(pred: (events: PhantomEvent[]) => boolean): Promise<PhantomEvent[]> {
  for (let i = 0; i < 50; i++) {
    // A session is complete once its session.closed is committed.
    for (const events of (await sessionsOf()).values()) if (events.at(-1)?.eventid === 'session.closed' && pred(events)) return events;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no matching session in the store');
}

test('a wrong password, then a right one with an exec command, as OpenSSH sends them', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;

  const bad = await run('sshpass', ['-p', 'not-the-password', 'ssh', ...sshArgs(port), 'root@127.0.0.1', 'uname -a']);
  assert.equal(bad.code, 5, `sshpass reports a wrong password: ${bad.stderr}`);

  const good = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(port), 'root@127.0.0.1', 'uname -a; whoami; frobnicate --now']);
  assert.equal(good.code, 127, `exit status of the last command is bash's 127: ${good.stderr}`);
  assert.equal(good.stdout, 'Linux web-prod-02 6.1.0-37-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22) x86_64 GNU/Linux\nroot\n');
  // As from sshd: without a pty, bash's error arrives on the channel's stderr stream, not mixed into stdout.
  assert.match(good.stderr, /^bash: line 1: frobnicate: command not found$/m);

  const failed = await findSession((ev) => ev.some((e) => e.eventid === 'login.failed' && e.password === 'not-the-password'));
  const ids = failed.map((e) => e.eventid);
  assert.equal(ids[0], 'session.connect');
  assert.equal(ids.at(-1), 'session.closed');
  assert.deepEqual(
    ids.filter((id) => id !== 'client.size'),
    ['session.connect', 'client.version', 'client.kex', 'login.failed', 'session.closed'],
  );
  const version = failed.find((e) => e.eventid === 'client.version');
  assert.ok(version?.eventid === 'client.version' && /^SSH-2\.0-OpenSSH_\d/.test(version.version), JSON.stringify(version));
  const kex = failed.find((e) => e.eventid === 'client.kex');
  assert.ok(kex?.eventid === 'client.kex');
  assert.match(kex.hassh, /^[0-9a-f]{32}$/);
  assert.ok(kex.kexAlgs.includes('curve25519-sha256'), kex.kexAlgs.join(','));
  assert.equal(kex.hasshAlgorithms.split(';').length, 4);
  const lf = failed.find((e) => e.eventid === 'login.failed');
  assert.ok(lf?.eventid === 'login.failed');
  assert.equal(lf.username, 'root');
  assert.equal(lf.password, 'not-the-password');
  assert.equal(lf.method, 'password');
  assert.equal(lf.protocol, 'ssh');
  assert.equal(lf.src_ip, '127.0.0.1');
  assert.equal(lf.dst_ip, '127.0.0.1');
  assert.equal(lf.dst_port, port);
  assert.equal(lf.sensor, 'sensor-01');

  const ok = await findSession((ev) => ev.some((e) => e.eventid === 'login.success'));
  const okIds = ok.map((e) => e.eventid);
  assert.deepEqual(okIds, [
    'session.connect',
    'client.version',
    'client.kex',
    'login.success',
    'command.input',
    'command.failed',
    'session.closed',
  ]);
  const input = ok.find((e) => e.eventid === 'command.input');
  assert.ok(input?.eventid === 'command.input');
  assert.equal(input.input, 'uname -a; whoami; frobnicate --now');
  const cf = ok.find((e) => e.eventid === 'command.failed');
  assert.ok(cf?.eventid === 'command.failed');
  assert.equal(cf.input, 'frobnicate --now');
  const closed = ok.at(-1);
  assert.ok(closed?.eventid === 'session.closed');
  assert.ok(Number.isInteger(closed.duration_ms) && closed.duration_ms >= 0);
  assert.equal(closed.reason, 'client');
  for (const e of ok) {
    assert.equal(e.session, ok[0]!.session);
    assert.equal(e.src_port, ok[0]!.src_port);
    assert.match(e.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  }

  // The session row summarises the connection.
  const row = await t.app.store.session(ok[0]!.session);
  assert.ok(row);
  assert.equal(row.outcome, 'authenticated');
  assert.equal(row.username, 'root');
  assert.equal(row.login_attempts, 1);
  assert.equal(row.commands, 1);
  assert.deepEqual(row.credentials, [{ username: 'root', password: '123456', success: true }]);
  assert.equal(row.duration_ms, closed.duration_ms);
  assert.equal(row.hassh, kex.hassh);
  const failedRow = await t.app.store.session(failed[0]!.session);
  assert.equal(failedRow?.outcome, 'auth_failed');

  // The same events, in Cowrie's format, in the cowrie-json log.
  const lines = cowrieLines();
  const cowrieOk = lines.filter((l) => l.session === ok[0]!.session);
  assert.deepEqual(
    cowrieOk.map((l) => l.eventid),
    okIds.map((id) => `cowrie.${id}`),
  );
  const cLogin = cowrieOk.find((l) => l.eventid === 'cowrie.login.success');
  assert.equal(cLogin?.username, 'root');
  assert.equal(cLogin?.password, '123456');
  assert.equal(cLogin?.src_ip, '127.0.0.1');
  assert.equal(cLogin?.src_port, ok[0]!.src_port);
  assert.equal(cLogin?.dst_port, port);
  assert.equal(cLogin?.sensor, 'sensor-01');
  assert.equal(cLogin?.protocol, 'ssh');
  assert.equal(typeof cLogin?.message, 'string');
  assert.match(String(cLogin?.timestamp), /Z$/);
  const cCmd = cowrieOk.find((l) => l.eventid === 'cowrie.command.input');
  assert.equal(cCmd?.input, 'uname -a; whoami; frobnicate --now');
  const cKex = cowrieOk.find((l) => l.eventid === 'cowrie.client.kex');
  assert.equal(cKex?.hassh, kex.hassh);
  const cVer = cowrieOk.find((l) => l.eventid === 'cowrie.client.version');
  assert.equal(cVer?.version, version.version);
  const cClosed = cowrieOk.find((l) => l.eventid === 'cowrie.session.closed');
  assert.equal(cClosed?.duration_ms, closed.duration_ms);
  const cFailed = lines.find((l) => l.eventid === 'cowrie.login.failed' && l.session === failed[0]!.session);
  assert.equal(cFailed?.password, 'not-the-password');
});

test('an interactive login on a pty: motd, prompt, echo, bash errors and logout', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const r = await run('sshpass', ['-p', 'raspberry', 'ssh', ...sshArgs(port, ['-tt']), 'pi@127.0.0.1'], {
    input: 'id\nnosuchcmd\nexit\n',
  });
  // As in bash, a bare `exit` returns the last command's status: 127 from the unknown command.
  assert.equal(r.code, 127, r.stderr);
  assert.match(r.stdout, /^Linux web-prod-02 6\.1\.0-37-amd64 /);
  assert.match(r.stdout, /Debian GNU\/Linux comes with ABSOLUTELY NO WARRANTY/);
  // uid 1000 is the machine's own admin (instance.json); an account the attacker logs into is the next one.
  assert.match(r.stdout, /pi@web-prod-02:~\$ id\r\n\x1b\[\?2004l\ruid=1001\(pi\) gid=1001\(pi\) groups=1001\(pi\),100\(users\)/);
  assert.match(r.stdout, /-bash: nosuchcmd: command not found\r\n/);
  assert.match(r.stdout, /logout\r\n/);
  const s = await findSession((ev) => ev.some((e) => e.eventid === 'login.success' && e.username === 'pi'));
  const size = s.find((e) => e.eventid === 'client.size');
  // ssh -tt without a local terminal asks for a 0x0 pty; the size is recorded as asked.
  assert.ok(size?.eventid === 'client.size');
  assert.deepEqual([size.width, size.height], [0, 0]);
  const inputs = s.flatMap((e) => (e.eventid === 'command.input' ? [e.input] : []));
  assert.deepEqual(inputs, ['id', 'nosuchcmd', 'exit']);
  assert.equal(s.at(-1)?.eventid, 'session.closed');
});
