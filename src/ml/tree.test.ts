import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binMatrix, computeBinEdges } from './binning.js';
import { growTree, impurity } from './tree.js';
import type { FlatTree, TreeData, TreeParams } from './tree.js';
import { makeClassification } from './synthetic.js';
import type { Matrix } from './matrix.js';

const FULL: TreeParams = {
  criterion: 'gini',
  maxDepth: Number.MAX_SAFE_INTEGER,
  minSamplesSplit: 2,
  minSamplesLeaf: 1,
  maxFeatures: 2,
  bootstrap: false,
  nDraws: 0,
};

function treeData(x: Matrix, y: Int32Array, nClasses: number): TreeData {
  const bins = computeBinEdges(x, 255);
  return { binned: binMatrix(x, bins), nRows: x.rows, nCols: x.cols, y, nClasses, classWeight: new Float64Array(nClasses).fill(1), bins };
}

function leafOf(t: FlatTree, x: ArrayLike<number>, off: number): number {
  let n = 0;
  while ((t.feature[n] as number) >= 0) n = (x[off + (t.feature[n] as number)] as number) <= (t.threshold[n] as number) ? n + 1 : (t.right[n] as number);
  return t.right[n] as number;
}

test('gini and entropy of known class counts', () => {
  assert.equal(impurity(Float64Array.of(5, 5), 10, false), 0.5);
  assert.ok(Math.abs(impurity(Float64Array.of(5, 5), 10, true) - Math.LN2) < 1e-12);
  assert.equal(impurity(Float64Array.of(4, 0), 4, false), 0);
  assert.ok(Math.abs(impurity(Float64Array.of(1, 1, 2), 4, false) - 0.625) < 1e-12);
});

test('XOR is fitted exactly: every leaf is pure and training rows land in their class', () => {
  const pts: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < 200; i++) {
    const a = (i * 37) % 100;
    const b = (i * 53) % 100;
    pts.push(a, b);
    labels.push((a < 50) !== (b < 50) ? 1 : 0);
  }
  const x = { data: Float64Array.from(pts), rows: 200, cols: 2 };
  const y = Int32Array.from(labels);
  const t = growTree(treeData(x, y, 2), FULL, 1);
  for (let i = 0; i < 200; i++) {
    const leaf = leafOf(t, x.data, i * 2);
    assert.equal(t.leafValues[leaf * 2 + (y[i] as number)], 1);
  }
  // XOR needs both features, so both carry importance.
  assert.ok((t.importances[0] as number) > 0 && (t.importances[1] as number) > 0);
});

test('preorder layout: the left child of every internal node is the next node', () => {
  const { x, y } = makeClassification({ rows: 300, features: 5, classes: 3, seed: 2 });
  const t = growTree(treeData(x, y, 3), { ...FULL, maxFeatures: 3 }, 9);
  let leaves = 0;
  for (let i = 0; i < t.feature.length; i++) {
    if ((t.feature[i] as number) < 0) leaves++;
    else assert.ok((t.right[i] as number) > i + 1);
  }
  assert.equal(leaves * 3, t.leafValues.length);
  assert.equal(t.feature.length, 2 * leaves - 1);
});

test('maxDepth and minSamplesLeaf are respected', () => {
  const { x, y } = makeClassification({ rows: 500, features: 6, classes: 3, flipY: 0.2, seed: 4 });
  const shallow = growTree(treeData(x, y, 3), { ...FULL, maxDepth: 3 }, 1);
  assert.ok(shallow.depth <= 3);
  const t = growTree(treeData(x, y, 3), { ...FULL, minSamplesLeaf: 20 }, 1);
  const perLeaf = new Map<number, number>();
  for (let i = 0; i < x.rows; i++) {
    const l = leafOf(t, x.data, i * x.cols);
    perLeaf.set(l, (perLeaf.get(l) ?? 0) + 1);
  }
  for (const n of perLeaf.values()) assert.ok(n >= 20, `leaf with ${n} rows`);
});

test('bootstrap trees differ by seed and are identical for the same seed', () => {
  const { x, y } = makeClassification({ rows: 300, features: 5, classes: 2, seed: 5 });
  const d = treeData(x, y, 2);
  const p = { ...FULL, bootstrap: true, nDraws: 300 };
  assert.deepEqual(growTree(d, p, 11), growTree(d, p, 11));
  assert.notDeepEqual(growTree(d, p, 11).threshold, growTree(d, p, 12).threshold);
});
