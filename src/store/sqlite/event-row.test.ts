// The events row layout stays in step with the envelope of the catalogue.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENVELOPE_FIELDS, type PhantomEvent } from '../../schema/events.js';
import { EVENT_COLUMNS, eventData, eventValues, rowToEvent } from './event-row.js';

const event: PhantomEvent = {
  id: '0194b0a0-0000-7000-8000-000000000001',
  timestamp: '2025-01-15T10:00:00.000Z',
  eventid: 'login.failed',
  sensor: 's1',
  session: 'abcdef012345',
  protocol: 'ssh',
  src_ip: '198.51.100.1',
  src_port: 40_000,
  dst_ip: '192.0.2.1',
  dst_port: 2222,
  username: 'root',
  password: 'x',
  method: 'password',
};

test('every envelope field and eventid has its own column, and data holds the rest', () => {
  assert.deepEqual(new Set(EVENT_COLUMNS), new Set([...ENVELOPE_FIELDS, 'eventid', 'data']));
  assert.deepEqual(JSON.parse(eventData(event)), { username: 'root', password: 'x', method: 'password' });
});

test('eventValues lines up with EVENT_COLUMNS and rowToEvent restores the event', () => {
  const row = Object.fromEntries(EVENT_COLUMNS.map((c, i) => [c, eventValues(event)[i]]));
  for (const field of [...ENVELOPE_FIELDS, 'eventid'] as const) assert.equal(row[field], event[field], field);
  assert.deepEqual(rowToEvent(row as Parameters<typeof rowToEvent>[0]), event);
});
