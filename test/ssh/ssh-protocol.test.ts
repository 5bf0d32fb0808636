// End to end: what the SSH sensor shows of itself (banner, algorithm order, stable host keys), how it refuses
// forwarding, caps authentication attempts and connections, and records malformed input without crashing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { PhantomEvent } from '../../src/schema/events.js';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

async function events(t: TestApp): Promise<PhantomEvent[]> {
  await t.app.settle();
  return t.app.store.events({ limit: 100_000 });
}

async function waitFor(t: TestApp, pred: (all: PhantomEvent[]) => boolean): Promise<PhantomEvent[]> {
  for (let i = 0; i < 100; i++) {
    const all = await events(t);
    if (pred(all)) return all;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not met: ' + JSON.stringify((await events(t)).map((e) => e.eventid)));
}

test('banner and KEXINIT order are the persona\'s OpenSSH; host keys persist and are never RSA', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'ssh-keyscan')) return;
  const dir = mkdtempSync(join(tmpdir(), 'pn-keys-'));
  try {
    const persona = parse(readFileSync('src/personas/ssh/openssh-9.2p1-debian-12.yaml', 'utf8')) as {
      ident: string;
      algorithms: Record<string, string[]>;
    };
    let t = await startTestApp({}, dir);
    const port = t.app.port('ssh');
    const v = await run('ssh', sshArgs(port, ['-vv', '-o', 'BatchMode=yes', 'probe@127.0.0.1', 'true']));
    assert.match(v.stderr, new RegExp(`Remote protocol version 2\\.0, remote software version ${persona.ident.replace(/[.+]/g, '\\$&')}`));
    const kexLine = /debug2: KEX algorithms: (.*)/.exec(v.stderr.split('peer server KEXINIT proposal')[1] ?? '');
    assert.equal(kexLine?.[1], [...persona.algorithms.kex!, 'kex-strict-s-v00@openssh.com'].join(','));
    const hostKeyLine = /debug2: host key algorithms: (.*)/.exec(v.stderr.split('peer server KEXINIT proposal')[1] ?? '');
    assert.equal(hostKeyLine?.[1], persona.algorithms.server_host_key!.join(','));
    const cipherLine = /debug2: ciphers ctos: (.*)/.exec(v.stderr.split('peer server KEXINIT proposal')[1] ?? '');
    assert.equal(cipherLine?.[1], persona.algorithms.cipher!.join(','));
    const macLine = /debug2: MACs ctos: (.*)/.exec(v.stderr.split('peer server KEXINIT proposal')[1] ?? '');
    assert.equal(macLine?.[1], persona.algorithms.mac!.join(','));
    assert.match(v.stderr, /Authentications that can continue: publickey,password/);

    const scan1 = await run('ssh-keyscan', ['-p', String(port), '127.0.0.1']);
    assert.doesNotMatch(scan1.stdout, /ssh-rsa/);
    assert.match(scan1.stdout, /ssh-ed25519 /);
    assert.match(scan1.stdout, /ecdsa-sha2-nistp256 /);
    assert.equal(statSync(join(dir, 'keys', 'ssh_host_ed25519_key')).mode & 0o777, 0o600);
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    await t.app.stop();

    t = await startTestApp({}, dir);
    const scan2 = await run('ssh-keyscan', ['-p', String(t.app.port('ssh')), '127.0.0.1']);
    const keys = (s: string): string[] => s.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(' ').slice(1).join(' ')).sort();
    assert.deepEqual(keys(scan2.stdout), keys(scan1.stdout));
    await t.app.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('port forwarding requests are refused and recorded', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const t = await startTestApp();
  try {
    const port = t.app.port('ssh');
    const w = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(port, ['-W', '10.11.12.13:25']), 'root@127.0.0.1']);
    assert.notEqual(w.code, 0);
    assert.match(w.stderr, /open failed|administratively prohibited|stdio forwarding failed/i);
    const r = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(port, ['-o', 'ExitOnForwardFailure=yes', '-N', '-R', '4444:127.0.0.1:22']), 'root@127.0.0.1']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /remote port forwarding failed/i);
    const all = await waitFor(t, (a) => a.filter((e) => e.eventid === 'direct-tcpip.request').length === 2);
    const reqs = all.filter((e) => e.eventid === 'direct-tcpip.request');
    const [fwd, remote] = reqs;
    assert.ok(fwd?.eventid === 'direct-tcpip.request' && remote?.eventid === 'direct-tcpip.request');
    assert.deepEqual([fwd.kind, fwd.dst_host, fwd.dst_port_requested], ['direct-tcpip', '10.11.12.13', 25]);
    assert.deepEqual([remote.kind, remote.dst_port_requested], ['tcpip-forward', 4444]);
    // Identity fields stay those of the connection, whatever the client asked for.
    for (const e of reqs) assert.equal(e.dst_port, port);
  } finally {
    await t.cleanup();
  }
});

test('after max_auth_tries failures the connection is cut, and every attempt is recorded', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh')) return;
  const t = await startTestApp({ ssh: { max_auth_tries: 3, auth_fail_delay_ms: 100 } });
  const dir = mkdtempSync(join(tmpdir(), 'pn-askpass-'));
  try {
    const askpass = join(dir, 'askpass.sh');
    writeFileSync(askpass, '#!/bin/sh\necho wrong-pass\n');
    chmodSync(askpass, 0o700);
    const r = await run('ssh', sshArgs(t.app.port('ssh'), ['-o', 'NumberOfPasswordPrompts=10', 'admin@127.0.0.1', 'true']), {
      env: { ...process.env, SSH_ASKPASS: askpass, SSH_ASKPASS_REQUIRE: 'force', DISPLAY: ':0' },
    });
    assert.equal(r.code, 255, r.stderr);
    const all = await waitFor(t, (a) => a.some((e) => e.eventid === 'session.closed'));
    const failed = all.filter((e) => e.eventid === 'login.failed');
    assert.equal(failed.length, 3);
    const closed = all.find((e) => e.eventid === 'session.closed');
    assert.ok(closed?.eventid === 'session.closed');
    assert.equal(closed.reason, 'auth_limit');
    const row = await t.app.store.session(closed.session);
    assert.equal(row?.login_attempts, 3);
    assert.equal(row?.credentials.length, 3);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await t.cleanup();
  }
});

test('per-source connection cap: the extra connection is recorded and dropped', async () => {
  const t = await startTestApp({ ssh: { max_connections_per_source: 2 } });
  try {
    const port = t.app.port('ssh');
    const open = () =>
      new Promise<import('node:net').Socket>((resolve) => {
        const s = connect(port, '127.0.0.1', () => resolve(s));
        s.on('error', () => {});
      });
    const a = await open();
    const b = await open();
    const c = await open();
    // Read, as a real client does, so sshd's "Exceeded MaxStartups" line and then the close get through.
    c.resume();
    const cPort = c.localPort;
    const closedC = new Promise<void>((resolve) => c.on('close', () => resolve()));
    await closedC;
    const all = await waitFor(t, (ev) => ev.some((e) => e.eventid === 'session.closed'));
    const limited = all.filter((e) => e.eventid === 'session.closed' && e.reason === 'limit');
    assert.equal(limited.length, 1);
    assert.equal(limited[0]?.src_port, cPort);
    assert.equal(t.app.metrics.get('ssh.refused_limit'), 1);
    a.destroy();
    b.destroy();
  } finally {
    await t.cleanup();
  }
});

test('non-SSH bytes become a protocol.error event; the sensor keeps serving', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const t = await startTestApp();
  try {
    const port = t.app.port('ssh');
    await new Promise<void>((resolve) => {
      const s = connect(port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n' + 'A'.repeat(10_000) + '\n'));
      s.on('error', () => {});
      s.on('close', () => resolve());
      s.resume();
    });
    const all = await waitFor(t, (a) => a.some((e) => e.eventid === 'session.closed'));
    const err = all.find((e) => e.eventid === 'protocol.error');
    assert.ok(err?.eventid === 'protocol.error');
    assert.match(Buffer.from(err.data_hex, 'hex').toString('latin1'), /^GET \/ HTTP\/1\.1/);
    const closed = all.find((e) => e.eventid === 'session.closed');
    assert.ok(closed?.eventid === 'session.closed' && closed.reason === 'error');
    const ok = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(port), 'root@127.0.0.1', 'echo still here']);
    assert.equal(ok.stdout, 'still here\n');
  } finally {
    await t.cleanup();
  }
});

test('shutdown closes live sessions: each gets session.closed with reason shutdown', async () => {
  const t = await startTestApp();
  const port = t.app.port('ssh');
  const s = connect(port, '127.0.0.1');
  s.on('error', () => {});
  await new Promise<void>((resolve) => s.once('data', () => resolve()));
  await t.app.stop();
  // Re-open the data directory to read what was committed before exit.
  const again = await startTestApp({ ssh: { enabled: false } }, t.dir);
  try {
    const ev = await again.app.store.events({ limit: 100 });
    const ids = ev.map((e) => e.eventid);
    assert.equal(ids[0], 'session.connect');
    const closed = ev.find((e) => e.eventid === 'session.closed');
    assert.ok(closed?.eventid === 'session.closed');
    assert.equal(closed.reason, 'shutdown');
  } finally {
    await again.cleanup();
    rmSync(t.dir, { recursive: true, force: true });
  }
});
