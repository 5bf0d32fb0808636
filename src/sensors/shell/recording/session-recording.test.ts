import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SessionScope } from '../../../core/session-scope.js';
import type { PhantomEvent } from '../../../schema/events.js';
import { castRelativePath, findCast } from './cast-path.js';
import { parseCast } from './cast-reader.js';
import { SessionRecording } from './session-recording.js';

function setup(maxBytes = 8 * 1024 * 1024) {
  const dataDir = mkdtempSync(join(tmpdir(), 'pn-cast-'));
  const events: PhantomEvent[] = [];
  const scope = new SessionScope(
    { protocol: 'ssh', src_ip: '198.51.100.7', src_port: 40000, dst_ip: '192.0.2.1', dst_port: 2222 },
    { sensor: 's1', clock: { now: () => Date.now() }, publish: (e) => events.push(e), onInvalid: (id, p) => assert.fail(`${id}: ${p}`) },
  );
  const rec = SessionRecording.open({ enabled: true, dataDir, maxBytes }, scope, { width: 0, height: 0, term: 'xterm-256color', shell: '/bin/bash' });
  assert.ok(rec);
  return { dataDir, events, scope, rec, cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
}

test('a cast has the v2 header, input and output frames in order, and is found by session id', async () => {
  const { dataDir, scope, rec, cleanup } = setup();
  try {
    rec.output('Linux web 6.1\r\n$ ');
    rec.input(Buffer.from([0xc3]));
    rec.input(Buffer.from([0xa9, 0x0d])); // "é\r" split inside the UTF-8 sequence
    rec.resize(120, 40);
    rec.output('é\r\n');
    await rec.finish();
    const path = findCast(dataDir, scope.id);
    assert.equal(path, join(dataDir, castRelativePath(scope.id, Date.now())));
    const cast = parseCast(readFileSync(path!, 'utf8'));
    assert.deepEqual(cast.header.env, { TERM: 'xterm-256color', SHELL: '/bin/bash' });
    assert.deepEqual([cast.header.width, cast.header.height], [80, 24]);
    assert.ok(Math.abs(cast.header.timestamp - Date.now() / 1000) < 60);
    assert.deepEqual(cast.frames.map((f) => [f.code, f.data]), [['o', 'Linux web 6.1\r\n$ '], ['i', 'é\r'], ['r', '120x40'], ['o', 'é\r\n']]);
    for (let i = 1; i < cast.frames.length; i++) assert.ok(cast.frames[i]!.time >= cast.frames[i - 1]!.time);
    assert.equal(findCast(dataDir, 'ffffffffffff'), undefined);
    assert.equal(findCast(dataDir, '../../etc/passwd'), undefined);
  } finally {
    cleanup();
  }
});

test('log.closed carries the file hash and size and comes before session.closed, however the session ends', async () => {
  const { dataDir, events, scope, rec, cleanup } = setup();
  try {
    rec.output('hello\r\n');
    scope.close('idle');
    await rec.finish();
    const ids = events.map((e) => e.eventid);
    assert.deepEqual(ids, ['session.connect', 'log.closed', 'session.closed']);
    const lc = events[1]!;
    assert.ok(lc.eventid === 'log.closed');
    const file = readFileSync(join(dataDir, lc.ttylog));
    assert.equal(lc.size, file.length);
    assert.equal(lc.shasum, createHash('sha256').update(file).digest('hex'));
    assert.equal(lc.duplicate, false);
    assert.match(lc.ttylog, /^casts\/\d{4}\/\d\d\/\d\d\/[0-9a-f]{12}\.cast$/);
    assert.equal(statSync(join(dataDir, lc.ttylog)).mode & 0o777, 0o600);
    // Finishing again (the channel's own end path) emits nothing more.
    await rec.finish();
    assert.equal(events.length, 3);
  } finally {
    cleanup();
  }
});

test('the cap holds: frames past max_bytes are dropped and the cast ends with a truncated marker', async () => {
  const { dataDir, events, scope, rec, cleanup } = setup(4096);
  try {
    for (let i = 0; i < 500; i++) rec.output(`line ${i} ${'x'.repeat(40)}\r\n`);
    await rec.finish();
    const lc = events.find((e) => e.eventid === 'log.closed');
    assert.ok(lc?.eventid === 'log.closed');
    const text = readFileSync(join(dataDir, lc.ttylog), 'utf8');
    assert.ok(Buffer.byteLength(text) <= 4096, String(Buffer.byteLength(text)));
    assert.equal(lc.size, Buffer.byteLength(text));
    const cast = parseCast(text);
    assert.deepEqual(cast.frames.at(-1)?.code, 'm');
    assert.equal(cast.frames.at(-1)?.data, 'truncated');
    assert.ok(cast.frames.length > 10 && cast.frames.length < 500);
    scope.close('client');
  } finally {
    cleanup();
  }
});

test('recording off: nothing is written and no log.closed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pn-cast-'));
  try {
    const events: PhantomEvent[] = [];
    const scope = new SessionScope(
      { protocol: 'telnet', src_ip: '198.51.100.7', src_port: 1, dst_ip: '192.0.2.1', dst_port: 23 },
      { sensor: 's1', clock: { now: () => Date.now() }, publish: (e) => events.push(e), onInvalid: () => {} },
    );
    assert.equal(SessionRecording.open({ enabled: false, dataDir, maxBytes: 4096 }, scope, { width: 80, height: 24, term: 'xterm', shell: '/bin/sh' }), undefined);
    scope.close('client');
    assert.deepEqual(events.map((e) => e.eventid), ['session.connect', 'session.closed']);
    assert.equal(findCast(dataDir, scope.id), undefined);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a second shell in one session gets its own cast; both are reported before session.closed', async () => {
  const { dataDir, events, scope, rec, cleanup } = setup();
  try {
    const second = SessionRecording.open({ enabled: true, dataDir, maxBytes: 4096 }, scope, { width: 80, height: 24, term: 'xterm', shell: '/bin/bash' });
    assert.ok(second);
    rec.output('one');
    second.output('two');
    scope.close('client');
    await Promise.all([rec.finish(), second.finish()]);
    const logs = events.filter((e) => e.eventid === 'log.closed');
    assert.equal(logs.length, 2);
    const paths = logs.map((e) => (e.eventid === 'log.closed' ? e.ttylog : ''));
    assert.ok(paths.some((p) => p.endsWith(`/${scope.id}.cast`)) && paths.some((p) => p.endsWith(`/${scope.id}-2.cast`)), paths.join());
    assert.equal(events.at(-1)?.eventid, 'session.closed');
  } finally {
    cleanup();
  }
});
