// Redis-style glob matching for KEYS and CONFIG GET, including patterns built to make backtracking explode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { globMatcher } from './glob.js';

test('* ? [set] [^set] [a-z] and escapes, case folding only when asked', () => {
  const m = (p: string, s: string, nocase = false) => globMatcher(p, nocase)(s);
  assert.ok(m('*', ''));
  assert.ok(m('h?llo', 'hello'));
  assert.ok(!m('h?llo', 'hllo'));
  assert.ok(m('h[ae]llo', 'hallo') && !m('h[ae]llo', 'hillo'));
  assert.ok(m('h[^e]llo', 'hallo') && !m('h[^e]llo', 'hello'));
  assert.ok(m('h[a-b]llo', 'hbllo') && !m('h[a-b]llo', 'hcllo'));
  assert.ok(m('a\\*b', 'a*b') && !m('a\\*b', 'axb'));
  assert.ok(m('*dir*', 'dir') && m('db*', 'dbfilename') && !m('db*', 'dir'));
  assert.ok(m('DIR', 'dir', true) && !m('DIR', 'dir'));
  assert.ok(m('*.ssh/*', '/root/.ssh/authorized_keys'));
});

test('a hostile pattern against a long subject is answered at once, and over-long patterns match nothing', () => {
  const subject = 'a'.repeat(200_000);
  assert.equal(globMatcher('*a'.repeat(40) + 'b', false)(subject), false);
  assert.equal(globMatcher('*a'.repeat(40), false)(subject), true);
  assert.equal(globMatcher('a'.repeat(300), false)('a'.repeat(300)), false);
});
