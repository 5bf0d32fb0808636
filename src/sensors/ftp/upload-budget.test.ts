import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UploadBudget } from './upload-budget.js';

test('grants what is left, never more, and takes back what is returned', () => {
  const b = new UploadBudget(100);
  assert.equal(b.take(60), 60);
  assert.equal(b.take(60), 40);
  assert.equal(b.take(1), 0);
  b.give(60);
  assert.equal(b.take(70), 60);
});
