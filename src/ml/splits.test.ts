import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupKFold, stratifiedKFold, stratifiedTrainTestSplit } from './splits.js';
import type { Fold } from './splits.js';

const y = [...Array(60).fill('benign'), ...Array(30).fill('scan'), ...Array(10).fill('brute')] as string[];

function countOf(idx: Int32Array, label: string): number {
  return Array.from(idx).filter((i) => y[i] === label).length;
}

function partitions(folds: Fold[], n: number): void {
  const seen = new Uint8Array(n);
  for (const f of folds) {
    assert.equal(f.train.length + f.test.length, n);
    const inTest = new Set(f.test);
    for (const i of f.train) assert.ok(!inTest.has(i));
    for (const i of f.test) seen[i] = (seen[i] as number) + 1;
  }
  assert.ok(seen.every((c) => c === 1), 'every row is tested exactly once');
}

test('stratified train/test split keeps class shares and is seeded', () => {
  const s = stratifiedTrainTestSplit(y, { testSize: 0.2, seed: 1 });
  assert.equal(s.test.length, 20);
  assert.deepEqual([countOf(s.test, 'benign'), countOf(s.test, 'scan'), countOf(s.test, 'brute')], [12, 6, 2]);
  assert.equal(s.train.length + s.test.length, 100);
  assert.deepEqual(stratifiedTrainTestSplit(y, { testSize: 0.2, seed: 1 }), s);
  assert.notDeepEqual(stratifiedTrainTestSplit(y, { testSize: 0.2, seed: 2 }).test, s.test);
  assert.throws(() => stratifiedTrainTestSplit(y, { testSize: 1.5, seed: 1 }), { code: 'PN_ERR_MODEL_INPUT' });
});

test('stratified k-fold: a partition, class shares equal per fold, seeded', () => {
  const folds = stratifiedKFold(y, 5, 3);
  partitions(folds, 100);
  for (const f of folds) {
    assert.equal(f.test.length, 20);
    assert.deepEqual([countOf(f.test, 'benign'), countOf(f.test, 'scan'), countOf(f.test, 'brute')], [12, 6, 2]);
  }
  assert.deepEqual(stratifiedKFold(y, 5, 3), folds);
  assert.throws(() => stratifiedKFold(y, 1, 3), { code: 'PN_ERR_MODEL_INPUT' });
});

test('group k-fold: no group on both sides, balanced, seeded', () => {
  // 25 attacker IPs with 1..7 rows each.
  const groups: string[] = [];
  for (let g = 0; g < 25; g++) for (let r = 0; r <= g % 7; r++) groups.push(`10.0.0.${g}`);
  const folds = groupKFold(groups, 4, 9);
  partitions(folds, groups.length);
  for (const f of folds) {
    const testGroups = new Set(Array.from(f.test, (i) => groups[i]));
    for (const i of f.train) assert.ok(!testGroups.has(groups[i]), `group ${groups[i]} leaks`);
  }
  const sizes = folds.map((f) => f.test.length);
  assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 7, `sizes ${sizes.join(',')}`);
  assert.deepEqual(groupKFold(groups, 4, 9), folds);
  assert.notDeepEqual(groupKFold(groups, 4, 10), folds);
  assert.throws(() => groupKFold(['a', 'a', 'b'], 3, 1), { code: 'PN_ERR_MODEL_INPUT' });
});
