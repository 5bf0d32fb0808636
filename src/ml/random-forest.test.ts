import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RandomForestClassifier, RANDOM_FOREST_DEFAULTS, resolveTreeParams } from './random-forest.js';
import { makeClassification } from './synthetic.js';
import { takeRows } from './matrix.js';
import type { Label } from './matrix.js';

function split(rows: number, features: number, classes: number, seed: number, extra: { classSep?: number; weights?: number[]; flipY?: number; informative?: number } = {}) {
  const { x, y } = makeClassification({ rows, features, classes, informative: 4, redundant: 0, seed, flipY: 0, ...extra });
  const cut = Math.floor(rows * 0.7);
  const tr = Int32Array.from({ length: cut }, (_, i) => i);
  const te = Int32Array.from({ length: rows - cut }, (_, i) => cut + i);
  return { xtr: takeRows(x, tr), ytr: y.subarray(0, cut), xte: takeRows(x, te), yte: y.subarray(cut) };
}

function accuracy(pred: readonly Label[], y: ArrayLike<number>): number {
  let ok = 0;
  for (let i = 0; i < pred.length; i++) if (pred[i] === y[i]) ok++;
  return ok / pred.length;
}

test('learns a seeded, well separated 3-class problem (test accuracy >= 0.9)', () => {
  const d = split(900, 8, 3, 1, { classSep: 2.5, informative: 6 });
  const rf = new RandomForestClassifier({ nEstimators: 30, seed: 1 }).fitSync(d.xtr, d.ytr);
  assert.deepEqual(rf.classes, [0, 1, 2]);
  assert.ok(accuracy(rf.predict(d.xte), d.yte) >= 0.9);
});

test('entropy criterion and maxFeatures variants also learn', () => {
  const d = split(600, 8, 3, 2, { classSep: 2.5 });
  for (const maxFeatures of ['log2', 'all', 3, 0.5] as const) {
    const rf = new RandomForestClassifier({ nEstimators: 15, criterion: 'entropy', maxFeatures, seed: 2 }).fitSync(d.xtr, d.ytr);
    assert.ok(accuracy(rf.predict(d.xte), d.yte) >= 0.85, `maxFeatures ${String(maxFeatures)}`);
  }
});

test('string labels: classes are sorted and predictProba columns follow them', () => {
  const d = split(300, 4, 3, 3, { classSep: 3 });
  const names = ['scan', 'brute_force', 'benign'];
  const ys = Array.from(d.ytr, (c) => names[c] as string);
  const rf = new RandomForestClassifier({ nEstimators: 10, seed: 3 }).fitSync(d.xtr, ys);
  assert.deepEqual(rf.classes, ['benign', 'brute_force', 'scan']);
  const p = rf.predictProba(d.xte);
  const pred = rf.predict(d.xte);
  for (let i = 0; i < p.rows; i++) {
    let best = 0;
    for (let c = 1; c < 3; c++) if ((p.data[i * 3 + c] as number) > (p.data[i * 3 + best] as number)) best = c;
    assert.equal(pred[i], rf.classes[best]);
  }
  const trueNames = Array.from(d.yte, (c) => names[c] as string);
  assert.ok(accuracy(pred, trueNames as unknown as number[]) >= 0.9);
});

test('importances favour informative features and sum to 1', () => {
  // 4 informative columns first, then 4 pure-noise columns.
  const d = split(600, 8, 2, 4, { classSep: 2 });
  const rf = new RandomForestClassifier({ nEstimators: 20, seed: 4 }).fitSync(d.xtr, d.ytr);
  const imp = rf.featureImportances;
  assert.ok(Math.abs(imp.reduce((s, v) => s + v, 0) - 1) < 1e-9);
  const informative = imp.subarray(0, 4).reduce((s, v) => s + v, 0);
  assert.ok(informative > 0.7, `informative share ${informative}`);
});

test('out-of-bag score tracks held-out accuracy; off by default; needs bootstrap', () => {
  const d = split(800, 6, 3, 5, { classSep: 1.5, flipY: 0.05 });
  const rf = new RandomForestClassifier({ nEstimators: 40, oobScore: true, seed: 5 }).fitSync(d.xtr, d.ytr);
  const oob = rf.oobScore as number;
  assert.ok(Math.abs(oob - accuracy(rf.predict(d.xte), d.yte)) < 0.08, `oob ${oob}`);
  assert.equal(new RandomForestClassifier({ nEstimators: 2 }).fitSync(d.xtr, d.ytr).oobScore, null);
  assert.throws(() => new RandomForestClassifier({ oobScore: true, bootstrap: false }).fitSync(d.xtr, d.ytr), { code: 'PN_ERR_MODEL_INPUT' });
});

test("classWeight 'balanced' raises minority recall on a 95/5 problem", () => {
  const d = split(2000, 6, 2, 6, { classSep: 0.6, weights: [0.95, 0.05] });
  const recall1 = (rf: RandomForestClassifier): number => {
    const pred = rf.predict(d.xte);
    let tp = 0;
    let pos = 0;
    for (let i = 0; i < pred.length; i++) if (d.yte[i] === 1) { pos++; if (pred[i] === 1) tp++; }
    return tp / pos;
  };
  const base = { nEstimators: 30, minSamplesLeaf: 10, seed: 6 } as const;
  const plain = recall1(new RandomForestClassifier(base).fitSync(d.xtr, d.ytr));
  const balanced = recall1(new RandomForestClassifier({ ...base, classWeight: 'balanced' }).fitSync(d.xtr, d.ytr));
  assert.ok(balanced > plain, `balanced ${balanced} vs plain ${plain}`);
});

test('maxDepth bounds every tree; predictProbaOne equals the batch row', () => {
  const d = split(400, 5, 3, 7);
  const rf = new RandomForestClassifier({ nEstimators: 10, maxDepth: 2, seed: 7 }).fitSync(d.xtr, d.ytr);
  for (const depth of rf.treeDepths) assert.ok(depth <= 2);
  const p = rf.predictProba(d.xte);
  for (let i = 0; i < 10; i++) {
    assert.deepEqual(rf.predictProbaOne(d.xte.data.subarray(i * 5, i * 5 + 5)), p.data.subarray(i * 3, i * 3 + 3));
  }
});

test('a second fit replaces the first (features, classes, trees)', () => {
  const a = split(200, 4, 2, 8);
  const b = split(200, 6, 3, 9);
  const rf = new RandomForestClassifier({ nEstimators: 5 }).fitSync(a.xtr, a.ytr);
  rf.fitSync(b.xtr, b.ytr);
  assert.equal(rf.nFeatures, 6);
  assert.deepEqual(rf.classes, [0, 1, 2]);
  assert.equal(rf.predictProba(b.xte).cols, 3);
});

test('hyper-parameters resolve like scikit-learn and bad ones fail at fit', () => {
  const p = { ...RANDOM_FOREST_DEFAULTS };
  assert.equal(resolveTreeParams(p, 100, 32).maxFeatures, 5);
  assert.equal(resolveTreeParams({ ...p, maxFeatures: 'log2' }, 100, 32).maxFeatures, 5);
  assert.equal(resolveTreeParams({ ...p, maxFeatures: 0.25 }, 100, 32).maxFeatures, 8);
  assert.equal(resolveTreeParams({ ...p, maxFeatures: 7 }, 100, 32).maxFeatures, 7);
  assert.equal(resolveTreeParams({ ...p, maxFeatures: null }, 100, 32).maxFeatures, 32);
  assert.equal(resolveTreeParams({ ...p, minSamplesSplit: 0.1, minSamplesLeaf: 0.05 }, 100, 32).minSamplesSplit, 10);
  assert.equal(resolveTreeParams({ ...p, minSamplesLeaf: 0.05 }, 100, 32).minSamplesLeaf, 5);
  assert.equal(resolveTreeParams({ ...p, maxSamples: 0.5 }, 100, 32).nDraws, 50);
  const d = split(50, 3, 2, 10);
  for (const bad of [{ maxFeatures: 0 }, { minSamplesSplit: 1 }, { maxDepth: 0 }, { nEstimators: 0 }, { maxBins: 300 }, { criterion: 'mse' as 'gini' }]) {
    assert.throws(() => new RandomForestClassifier(bad).fitSync(d.xtr, d.ytr), { code: 'PN_ERR_MODEL_INPUT' }, JSON.stringify(bad));
  }
  assert.throws(() => new RandomForestClassifier().fitSync(d.xtr), { code: 'PN_ERR_MODEL_INPUT' });
});

test('Float32Array and nested-array input give the same model as the equal Float64Array', () => {
  const d = split(300, 4, 3, 11, { classSep: 2 });
  const f32 = { data: Float32Array.from(d.xtr.data), rows: d.xtr.rows, cols: d.xtr.cols };
  const f64 = { data: Float64Array.from(f32.data), rows: f32.rows, cols: f32.cols };
  const nested = Array.from({ length: f64.rows }, (_, i) => Array.from(f64.data.subarray(i * 4, i * 4 + 4)));
  const a = JSON.stringify(new RandomForestClassifier({ nEstimators: 5, seed: 1 }).fitSync(f32, d.ytr).toJSON());
  assert.equal(JSON.stringify(new RandomForestClassifier({ nEstimators: 5, seed: 1 }).fitSync(f64, d.ytr).toJSON()), a);
  assert.equal(JSON.stringify(new RandomForestClassifier({ nEstimators: 5, seed: 1 }).fitSync(nested, Array.from(d.ytr)).toJSON()), a);
});
