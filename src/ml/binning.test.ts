import { test } from 'node:test';
import assert from 'node:assert/strict';
import { binMatrix, binOf, computeBinEdges } from './binning.js';
import { SeededRng } from '../core/rng.js';

test('few distinct values get one bin each, split at midpoints', () => {
  const x = { data: Float64Array.from([3, 1, 2, 1, 3, 2]), rows: 6, cols: 1 };
  const be = computeBinEdges(x, 255);
  assert.deepEqual(Array.from(be.edges), [1.5, 2.5]);
  assert.equal(be.nBins[0], 3);
  assert.deepEqual(Array.from(binMatrix(x, be)), [2, 0, 1, 0, 2, 1]);
});

test('many distinct values are cut into at most maxBins roughly equal-frequency bins', () => {
  const rng = new SeededRng(7);
  const n = 10_000;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = rng.next() ** 3; // skewed on purpose
  const x = { data, rows: n, cols: 1 };
  const be = computeBinEdges(x, 16);
  assert.ok((be.nBins[0] as number) <= 16 && (be.nBins[0] as number) >= 15);
  const counts = new Array<number>(16).fill(0);
  for (const b of binMatrix(x, be)) counts[b] = (counts[b] ?? 0) + 1;
  for (let b = 0; b < (be.nBins[0] as number); b++) {
    assert.ok(Math.abs((counts[b] as number) - n / 16) < n / 64, `bin ${b} holds ${counts[b]}`);
  }
});

test('bin <= b on the binned matrix agrees with x <= edge[b] on raw values', () => {
  const rng = new SeededRng(3);
  const n = 2000;
  const data = new Float64Array(n);
  for (let i = 0; i < n; i++) data[i] = Math.round(rng.next() * 500) / 7;
  const x = { data, rows: n, cols: 1 };
  const be = computeBinEdges(x, 32);
  const bins = binMatrix(x, be);
  for (let i = 0; i < n; i++) {
    for (let b = 0; b < be.edges.length; b++) {
      assert.equal((bins[i] as number) <= b, (data[i] as number) <= (be.edges[b] as number));
    }
  }
});

test('binned matrix is column-major and shared', () => {
  const x = { data: Float64Array.from([0, 10, 1, 11, 2, 12]), rows: 3, cols: 2 };
  const be = computeBinEdges(x, 255);
  const bins = binMatrix(x, be);
  assert.ok(bins.buffer instanceof SharedArrayBuffer);
  assert.deepEqual(Array.from(bins), [0, 1, 2, 0, 1, 2]);
  assert.equal(binOf(be.edges, be.offsets[1] as number, be.offsets[2] as number, 100), 2);
});
