import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accumulateProba, accumulateProbaBatch, deinterleave, interleave, leafNode, packTrees } from './flat-forest.js';
import type { FlatTree } from './tree.js';

// Tree A: x0 <= 0.5 ? leaf0 (pure class 0) : leaf1 (0.25 / 0.75). Tree B: a single pure leaf of class 1.
const A: FlatTree = {
  feature: Int32Array.of(0, -1, -1),
  threshold: Float64Array.of(0.5, 0, 0),
  right: Int32Array.of(2, 0, 1),
  leafValues: Float64Array.of(1, 0, 0.25, 0.75),
  importances: new Float64Array(2),
  depth: 1,
};
const B: FlatTree = { feature: Int32Array.of(-1), threshold: Float64Array.of(0), right: Int32Array.of(0), leafValues: Float64Array.of(0, 1), importances: new Float64Array(2), depth: 0 };

test('packed trees predict the averaged leaf distributions, single and batch alike', () => {
  const f = packTrees([A, B], 2, 2);
  assert.deepEqual(Array.from(f.roots), [0, 3]);
  const one = new Float64Array(2);
  accumulateProba(f, [0.9, 0], 0, one, 0);
  assert.deepEqual(Array.from(one), [0.25, 1.75]);
  const batch = new Float64Array(4);
  accumulateProbaBatch(f, Float64Array.of(0.1, 0, 0.9, 0), 2, 2, batch);
  assert.deepEqual(Array.from(batch), [1, 1, 0.25, 1.75]);
  assert.equal(leafNode(f, 0, [0.5, 0], 0), 1, 'x == threshold goes left');
});

test('deinterleave restores the canonical arrays exactly', () => {
  const f = packTrees([A, B], 2, 2);
  assert.deepEqual(deinterleave(f), { feature: Int32Array.of(0, -1, -1, -1), threshold: Float64Array.of(0.5, 0, 0, 0), right: Int32Array.of(2, 0, 1, 2) });
});

test('corrupt structures are refused with PN_ERR_MODEL_FORMAT instead of looping or reading out of bounds', () => {
  const lv = Float64Array.of(1, 0, 0.25, 0.75);
  const bad = (feature: number[], right: number[], roots = [0], nFeatures = 2): void =>
    assert.throws(() => interleave({ feature: Int32Array.from(feature), threshold: new Float64Array(feature.length), right: Int32Array.from(right) }, Int32Array.from(roots), lv, 2, nFeatures), { code: 'PN_ERR_MODEL_FORMAT' });
  bad([0, -1, -1], [0, 0, 1]); // right child points back at the node: a loop
  bad([0, -1, -1], [2, 0, 5]); // leaf index beyond the leaf table
  bad([5, -1, -1], [2, 0, 1]); // feature beyond the fitted feature count
  bad([0, -1, -1], [2, 0, 1], [3]); // root outside the forest
  bad([0], [1]); // internal node without children
});
