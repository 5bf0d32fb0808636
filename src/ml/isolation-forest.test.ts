import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IsolationForest, percentile } from './isolation-forest.js';
import { averagePathLength } from './isolation-tree.js';
import { SeededRng } from '../core/rng.js';
import { gaussian } from './synthetic.js';

function blob(n: number, seed: number): Float64Array {
  const rng = new SeededRng(seed);
  const d = new Float64Array(n * 2);
  for (let i = 0; i < d.length; i++) d[i] = gaussian(rng);
  return d;
}

test('c(n) is scikit-learn\'s average path length', () => {
  assert.equal(averagePathLength(1), 0);
  assert.equal(averagePathLength(2), 1);
  // 2 (ln 255 + 0.5772156649) - 2 * 255 / 256, by hand: 10.24477...
  assert.ok(Math.abs(averagePathLength(256) - 10.244770920) < 1e-8);
  assert.ok(Math.abs(averagePathLength(3) - (2 * (Math.log(2) + 0.5772156649015329) - 4 / 3)) < 1e-12);
});

test('two distinct points with maxSamples 2: every path is 1, so both score exactly 2^-1', () => {
  const x = { data: Float64Array.of(0, 0, 1, 1), rows: 2, cols: 2 };
  const iso = new IsolationForest({ nEstimators: 10, maxSamples: 2, seed: 1 }).fitSync(x);
  assert.deepEqual(Array.from(iso.scoreSamples(x)), [0.5, 0.5]);
});

test('an obvious outlier scores high and is flagged; the centre of the blob scores low', () => {
  const data = blob(500, 2);
  const x = { data, rows: 500, cols: 2 };
  const iso = new IsolationForest({ nEstimators: 100, seed: 3 }).fitSync(x);
  assert.equal(iso.maxSamplesUsed, 256);
  const outlier = iso.scoreOne([8, 8]);
  const centre = iso.scoreOne([0, 0]);
  assert.ok(outlier > 0.7, `outlier ${outlier}`);
  assert.ok(centre < 0.45, `centre ${centre}`);
  assert.deepEqual(iso.predict([[8, 8], [0, 0]]), [1, 0]);
  const s = iso.scoreSamples(x);
  for (const v of s) assert.ok(v > 0 && v <= 1);
  assert.ok(iso.decisionFunction([[8, 8]])[0]! < 0);
});

test('contamination sets the threshold so that share of training rows is flagged', () => {
  const x = { data: blob(1000, 4), rows: 1000, cols: 2 };
  const iso = new IsolationForest({ nEstimators: 50, contamination: 0.1, seed: 5 }).fitSync(x);
  const flagged = iso.predict(x).filter((p) => p === 1).length;
  assert.ok(flagged >= 95 && flagged <= 105, `flagged ${flagged}`);
  assert.equal(new IsolationForest({ nEstimators: 5 }).fitSync(x).threshold, 0.5);
  assert.throws(() => new IsolationForest({ contamination: 0.9 }).fitSync(x), { code: 'PN_ERR_MODEL_INPUT' });
});

test('maxSamples: auto is min(256, n), a fraction takes that share of rows', () => {
  const x = { data: blob(100, 6), rows: 100, cols: 2 };
  const iso = new IsolationForest({ nEstimators: 5, seed: 7 }).fitSync(x);
  assert.equal(iso.maxSamplesUsed, 100);
  const iso2 = new IsolationForest({ nEstimators: 5, maxSamples: 0.5, seed: 7 }).fitSync(x);
  assert.equal(iso2.maxSamplesUsed, 50);
});

test('percentile matches numpy linear interpolation', () => {
  const v = Float64Array.of(1, 2, 3, 4);
  assert.equal(percentile(v, 50), 2.5);
  assert.ok(Math.abs(percentile(v, 90) - 3.7) < 1e-12);
  assert.equal(percentile(v, 0), 1);
  assert.equal(percentile(v, 100), 4);
});
