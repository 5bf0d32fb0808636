// Queue ids look like Postfix's short ones and do not repeat within a sensor's life.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueIds } from './queue-id.js';

test('5 hex digits of microseconds then a hex inode number; distinct', () => {
  const q = new QueueIds();
  const ids = Array.from({ length: 1000 }, () => q.next());
  for (const id of ids) assert.match(id, /^[0-9A-F]{5}[1-9A-F][0-9A-F]{5}$/);
  assert.equal(new Set(ids).size, ids.length);
});
