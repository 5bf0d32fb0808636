import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluationMarkdown, evaluationReport } from './evaluation.js';

const P = { data: Float64Array.from([0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3, 0.5, 0.25, 0.25, 0.2, 0.2, 0.6]), rows: 6, cols: 3 };
const y = ['benign', 'scan', 'brute', 'benign', 'scan', 'brute'];
const classes = ['benign', 'scan', 'brute'];

test('evaluation report: per-class scores, confusion matrix, calibration and Markdown from the data', () => {
  const r = evaluationReport(y, P, classes);
  assert.equal(r.metrics.accuracy, 4 / 6);
  assert.deepEqual(r.confusion, [[1, 1, 0], [1, 1, 0], [0, 0, 2]]);
  assert.deepEqual(r.perClass.map((c) => c.rocAuc), [0.875, 0.75, 1]);
  assert.deepEqual(r.perClass.map((c) => c.support), [2, 2, 2]);
  assert.equal(r.calibration.bins.reduce((s, b) => s + b.count, 0), 6);
  const md = evaluationMarkdown(r);
  assert.match(md, /\| brute \| 0 \| 0 \| 2 \|/);
  assert.match(md, /\| 0\.6667 \|/);
  // The JSON form is plain data.
  assert.deepEqual(JSON.parse(JSON.stringify(r)).confusion, r.confusion);
});
