import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PhantomEvent } from '../schema/events.js';
import { SessionScope } from './session-scope.js';

function scope(now = { t: 1_000_000 }) {
  const events: PhantomEvent[] = [];
  const invalid: string[] = [];
  const s = new SessionScope(
    { protocol: 'ssh', src_ip: '::ffff:198.51.100.7', src_port: 40000, dst_ip: '::ffff:192.0.2.1', dst_port: 2222 },
    { sensor: 's1', clock: { now: () => now.t }, publish: (e) => events.push(e), onInvalid: (id, p) => invalid.push(`${id}: ${p}`) },
  );
  return { s, events, invalid, now };
}

test('session.connect is written at once, with the envelope bound and IPv4-mapped addresses normalised', () => {
  const { s, events } = scope();
  assert.equal(events.length, 1);
  const [c] = events;
  assert.equal(c?.eventid, 'session.connect');
  assert.equal(c?.session, s.id);
  assert.equal(c?.src_ip, '198.51.100.7');
  assert.equal(c?.dst_ip, '192.0.2.1');
  assert.equal(c?.timestamp, new Date(1_000_000).toISOString());
});

test('fields an emitter passes can never overwrite the envelope', () => {
  const { s, events } = scope();
  const hostile = { username: 'root', password: 'x', method: 'password', src_ip: '6.6.6.6', session: 'evil', eventid: 'session.closed' };
  s.emit('login.failed', hostile as unknown as { username: string; password: string; method: 'password' });
  assert.equal(events.length, 2);
  const e = events[1];
  assert.equal(e?.eventid, 'login.failed');
  assert.equal(e?.src_ip, '198.51.100.7');
  assert.equal(e?.session, s.id);
});

test('session.closed is written once, last, with integer duration; later emits are ignored', () => {
  const { s, events, now } = scope();
  s.emit('command.input', { input: 'id' });
  now.t += 1234.6;
  let hooks = 0;
  s.onClose(() => hooks++);
  s.close('idle');
  s.close('client');
  s.emit('command.input', { input: 'late' });
  assert.deepEqual(events.map((e) => e.eventid), ['session.connect', 'command.input', 'session.closed']);
  const closed = events[2];
  assert.ok(closed?.eventid === 'session.closed');
  assert.equal(closed.duration_ms, 1235);
  assert.equal(closed.reason, 'idle');
  assert.equal(hooks, 1);
  assert.equal(s.closed, true);
});

test('an event outside the catalogue is reported, not published', () => {
  const { s, events, invalid } = scope();
  s.emit('client.size', { width: -1, height: 3 });
  assert.equal(events.length, 1);
  assert.equal(invalid.length, 1);
  assert.match(invalid[0]!, /client\.size: width/);
});

test('a field outside an event\'s catalogue entry is refused, as is an eventid the catalogue lacks', () => {
  const { s, events, invalid } = scope();
  s.emit('command.input', { input: 'id', extra: 1 } as unknown as { input: string });
  s.emit('no.such.event' as 'command.input', { input: 'id' });
  assert.equal(events.length, 1);
  assert.equal(invalid.length, 2);
  assert.match(invalid[0]!, /command\.input: .*extra/);
  assert.match(invalid[1]!, /no\.such\.event/);
});

test('an envelope outside the catalogue makes every event of the session invalid, session.connect included', () => {
  const events: PhantomEvent[] = [];
  const invalid: string[] = [];
  const s = new SessionScope(
    { protocol: 'ssh', src_ip: '198.51.100.7', src_port: 70000, dst_ip: '192.0.2.1', dst_port: 22 },
    { sensor: 's1', clock: { now: () => 1 }, publish: (e) => events.push(e), onInvalid: (id, p) => invalid.push(`${id}: ${p}`) },
  );
  s.emit('command.input', { input: 'id' });
  assert.equal(events.length, 0);
  assert.deepEqual(invalid.map((i) => i.split(':')[0]), ['session.connect', 'command.input']);
  assert.match(invalid[0]!, /src_port/);
});
