// BatchAggregate: the per-batch fold of events into session and source deltas.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchAggregate } from './batch-aggregate.js';
import type { PhantomEvent } from '../../schema/events.js';

let t = Date.parse('2025-02-01T00:00:00.000Z');
function ev(session: string, src_ip: string, fields: Record<string, unknown> & { eventid: PhantomEvent['eventid'] }): PhantomEvent {
  t += 1000;
  return {
    id: `id-${t}`,
    timestamp: new Date(t).toISOString(),
    sensor: 's',
    session,
    protocol: 'ssh',
    src_ip,
    src_port: 1,
    dst_ip: '192.0.2.1',
    dst_port: 22,
    ...fields,
  } as PhantomEvent;
}

test('a batch folds into one delta per session and per source', () => {
  const agg = new BatchAggregate(2);
  const events = [
    ev('a', '10.0.0.1', { eventid: 'session.connect' }),
    ev('b', '10.0.0.1', { eventid: 'session.connect' }),
    ev('a', '10.0.0.1', { eventid: 'client.version', version: 'SSH-2.0-x' }),
    ev('a', '10.0.0.1', { eventid: 'client.kex', hassh: 'f'.repeat(32), hasshAlgorithms: '', kexAlgs: [], keyAlgs: [], encCS: [], macCS: [], compCS: [], langCS: [] }),
    ev('a', '10.0.0.1', { eventid: 'login.failed', username: 'u1', password: 'p1', method: 'password' }),
    ev('a', '10.0.0.1', { eventid: 'login.failed', username: 'u2', password: 'p2', method: 'password' }),
    ev('a', '10.0.0.1', { eventid: 'login.success', username: 'u3', password: 'p3', method: 'password' }),
    ev('a', '10.0.0.1', { eventid: 'command.input', input: 'id' }),
    ev('a', '10.0.0.1', { eventid: 'command.failed', input: 'foo' }),
    ev('a', '10.0.0.1', { eventid: 'session.closed', duration_ms: 7, reason: 'client' }),
  ];
  for (const e of events) agg.add(e);
  assert.equal(agg.sessions.size, 2);
  const a = agg.sessions.get('a')!;
  assert.equal(a.start_time, events[0]!.timestamp);
  assert.equal(a.end_time, events[9]!.timestamp);
  assert.equal(a.event_count, 9);
  assert.equal(a.login_attempts, 3);
  assert.equal(a.login_successes, 1);
  assert.equal(a.commands, 1, 'command.failed accompanies a command.input and is not counted again');
  assert.deepEqual(a.credentials, [
    { username: 'u1', password: 'p1', success: false },
    { username: 'u2', password: 'p2', success: false },
  ]);
  assert.equal(a.username, 'u3');
  assert.equal(a.client_version, 'SSH-2.0-x');
  assert.equal(a.hassh, 'f'.repeat(32));
  assert.equal(a.duration_ms, 7);
  assert.equal(a.close_reason, 'client');
  assert.equal(agg.sessions.get('b')!.event_count, 1);
  assert.deepEqual(agg.sources.get('10.0.0.1'), {
    src_ip: '10.0.0.1',
    first_seen: events[0]!.timestamp,
    last_seen: events[9]!.timestamp,
    sessions: 2,
    events: 10,
    login_attempts: 3,
    login_successes: 1,
  });
});

test('a session seen without its connect starts at its earliest event, whatever the arrival order', () => {
  const agg = new BatchAggregate(10);
  const early = ev('c', '10.0.0.2', { eventid: 'command.input', input: 'a' });
  const late = ev('c', '10.0.0.2', { eventid: 'command.input', input: 'b' });
  agg.add(late);
  agg.add(early);
  assert.equal(agg.sessions.get('c')!.start_time, early.timestamp);
  assert.equal(agg.sources.get('10.0.0.2')!.sessions, 0);
  assert.equal(agg.sources.get('10.0.0.2')!.first_seen, early.timestamp);
  assert.equal(agg.sources.get('10.0.0.2')!.last_seen, late.timestamp);
});
