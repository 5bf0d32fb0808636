import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LastLogins, ctime } from './last-login.js';

test('ctime as sshd prints it: day of month padded with a space, UTC', () => {
  assert.equal(ctime(Date.UTC(2025, 0, 6, 9, 2, 4)), 'Mon Jan  6 09:02:04 2025');
  assert.equal(ctime(Date.UTC(2024, 11, 31, 23, 59, 59)), 'Tue Dec 31 23:59:59 2024');
});

test('the previous login per user; an unseen user gets a stable, plausible earlier one', () => {
  const now = Date.UTC(2025, 5, 15, 12, 0, 0);
  const a = new LastLogins('sensor|host');
  const b = new LastLogins('sensor|host');
  const first = a.next('root', now, '203.0.113.9');
  assert.deepEqual(b.next('root', now + 3_600_000, '198.51.100.1'), first, 'same invented login later the same day and in another process');
  assert.ok(first.timeMs < Math.floor(now / 86_400_000) * 86_400_000 && first.timeMs > now - 22 * 86_400_000);
  assert.match(first.from, /^(192\.168|10)\./);
  assert.deepEqual(a.next('root', now + 1000, '198.51.100.2'), { timeMs: now, from: '203.0.113.9' });
  assert.notDeepEqual(new LastLogins('other|host').next('root', now, 'x'), first);
});

test('memory is bounded: the least recently seen user is forgotten first', () => {
  const l = new LastLogins('s');
  for (let i = 0; i <= 10_000; i++) l.next(`u${i}`, 1_000_000_000_000 + i, '203.0.113.1');
  // u0 was pushed out, so it gets an invented (private-address) login again.
  assert.match(l.next('u0', 1_000_000_100_000, 'x').from, /^(192\.168|10)\./);
  assert.equal(l.next('u10000', 1_000_000_100_000, 'x').from, '203.0.113.1');
});
