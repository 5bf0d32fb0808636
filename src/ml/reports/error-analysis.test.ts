import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorAnalysisMarkdown, errorAnalysisReport } from './error-analysis.js';

// 100 rows, feature 0 = row index / 100; errors only where feature 0 >= 0.75 (rows 80, 85, 90, 95).
const rows = 100;
const x = { data: Float64Array.from({ length: rows * 2 }, (_, i) => (i % 2 === 0 ? Math.floor(i / 2) / 100 : (i * 7) % 13)), rows, cols: 2 };
const yTrue = Array.from({ length: rows }, (_, i) => (i % 2 === 0 ? 'benign' : 'scan'));
const proba = new Float64Array(rows * 2);
for (let i = 0; i < rows; i++) {
  const right = yTrue[i] === 'benign' ? 0 : 1;
  const wrong = i >= 80 && i % 5 === 0;
  const conf = i === 80 ? 0.95 : 0.55;
  proba[i * 2 + (wrong ? 1 - right : right)] = wrong ? conf : 0.9;
  proba[i * 2 + (wrong ? right : 1 - right)] = wrong ? 1 - conf : 0.1;
}

test('lists every FP and FN with confidence, most confident first', () => {
  const r = errorAnalysisReport({ x, yTrue, proba: { data: proba, rows, cols: 2 }, classes: ['benign', 'scan'], negativeLabel: 'benign', featureNames: ['hour', 'noise'] });
  assert.equal(r.errorCount, 4);
  assert.deepEqual(r.errors.map((e) => e.row), [80, 85, 90, 95]);
  assert.equal(r.errors[0]!.confidence, 0.95);
  // Even rows are benign: 80 and 90 are false positives, 85 and 95 false negatives.
  assert.deepEqual(r.errors.map((e) => e.kind), ['false_positive', 'false_negative', 'false_positive', 'false_negative']);
  assert.deepEqual(r.perClass, [
    { label: 'benign', falsePositives: 2, falseNegatives: 2 },
    { label: 'scan', falsePositives: 2, falseNegatives: 2 },
  ]);
  assert.equal(r.lowConfidenceShare, 0.75);
});

test('finds the feature range where errors cluster', () => {
  const r = errorAnalysisReport({ x, yTrue, proba: { data: proba, rows, cols: 2 }, classes: ['benign', 'scan'], featureNames: ['hour', 'noise'] });
  const top = r.clusters[0]!;
  assert.equal(top.feature, 'hour');
  assert.equal(top.lower, 0.75);
  assert.equal(top.errors, 4);
  assert.equal(top.lift, 4);
  assert.ok(r.errors.every((e) => e.kind === 'wrong_class'));
  const md = errorAnalysisMarkdown(r);
  assert.match(md, /4 errors in 100 rows/);
  assert.match(md, /\| hour \| \[0\.750, 0\.990\] \| 25 \| 4 \|/);
});
