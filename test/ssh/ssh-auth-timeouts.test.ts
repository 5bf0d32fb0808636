// End to end: keyboard-interactive capture with the real client, and the login grace and idle timers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import type { PhantomEvent } from '../../src/schema/events.js';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

async function closedSessions(t: TestApp, n: number, timeoutMs = 10_000): Promise<PhantomEvent[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.app.settle();
    const all = await t.app.store.events({ limit: 10_000 });
    if (all.filter((e) => e.eventid === 'session.closed').length >= n || Date.now() > deadline) return all;
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('keyboard-interactive logins are captured like password ones when the persona offers them', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const t = await startTestApp({ ssh: { keyboard_interactive: true, auth_fail_delay_ms: 100 } });
  try {
    const args = sshArgs(t.app.port('ssh'), ['-o', 'PreferredAuthentications=keyboard-interactive']);
    const bad = await run('sshpass', ['-p', 'kbd-wrong', 'ssh', ...args, 'oracle@127.0.0.1', 'true']);
    assert.equal(bad.code, 5, bad.stderr);
    const good = await run('sshpass', ['-p', 'oracle', 'ssh', ...args, 'oracle@127.0.0.1', 'whoami']);
    assert.equal(good.stdout, 'oracle\n', good.stderr);
    const all = await closedSessions(t, 2);
    const logins = all.flatMap((e) =>
      e.eventid === 'login.failed' || e.eventid === 'login.success' ? [[e.eventid, e.username, e.password, e.method]] : [],
    );
    assert.deepEqual(logins, [
      ['login.failed', 'oracle', 'kbd-wrong', 'keyboard-interactive'],
      ['login.success', 'oracle', 'oracle', 'keyboard-interactive'],
    ]);
  } finally {
    await t.cleanup();
  }
});

test('a client that never authenticates is cut at the login grace time', async () => {
  const t = await startTestApp({ ssh: { login_grace_time_s: 1, idle_timeout_s: 60 } });
  try {
    const s = connect(t.app.port('ssh'), '127.0.0.1');
    s.on('error', () => {});
    // Keep talking (so the idle timer never fires) but never finish the key exchange.
    s.write('SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.10\r\n');
    const closed = new Promise<void>((resolve) => s.on('close', () => resolve()));
    s.resume();
    await closed;
    const all = await closedSessions(t, 1);
    const c = all.find((e) => e.eventid === 'session.closed');
    assert.ok(c?.eventid === 'session.closed');
    assert.equal(c.reason, 'timeout');
    assert.ok(c.duration_ms >= 900 && c.duration_ms < 5000, String(c.duration_ms));
  } finally {
    await t.cleanup();
  }
});

test('an authenticated session with no input is closed at the idle timeout', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const t = await startTestApp({ ssh: { idle_timeout_s: 1 } });
  try {
    // stdin stays open and silent: the shell waits for input that never comes.
    const child = spawn('sshpass', ['-p', '123456', 'ssh', ...sshArgs(t.app.port('ssh'), ['-tt']), 'root@127.0.0.1'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
    const all = await closedSessions(t, 1);
    assert.ok(all.some((e) => e.eventid === 'login.success'));
    const c = all.find((e) => e.eventid === 'session.closed');
    assert.ok(c?.eventid === 'session.closed');
    assert.equal(c.reason, 'idle');
  } finally {
    await t.cleanup();
  }
});
