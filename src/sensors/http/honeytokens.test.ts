import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveHoneytokens, loadOrCreateSeed } from './honeytokens.js';

test('tokens have the real formats, are stable for a seed and differ between seeds', () => {
  const a = deriveHoneytokens(Buffer.alloc(32, 1));
  assert.match(a.aws_key_id, /^AKIA[A-Z2-7]{16}$/);
  assert.match(a.aws_secret, /^[A-Za-z0-9+/]{40}$/);
  assert.match(a.git_token, /^glpat-[A-Za-z0-9_-]{20}$/);
  assert.deepEqual(deriveHoneytokens(Buffer.alloc(32, 1)), a);
  const b = deriveHoneytokens(Buffer.alloc(32, 2));
  assert.notEqual(b.aws_key_id, a.aws_key_id);
  assert.notEqual(b.db_pass, a.db_pass);
});

test('the seed is created once, private, and read back', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'pn-seed-')), 'keys', 'seed');
  const s = loadOrCreateSeed(file);
  assert.equal(s.length, 32);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.deepEqual(loadOrCreateSeed(file), s);
});
