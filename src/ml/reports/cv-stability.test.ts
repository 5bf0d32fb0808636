import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cvStabilityMarkdown, cvStabilityReport, summarise, verdictFor } from './cv-stability.js';

test('mean and population std per metric', () => {
  const s = summarise([0.8, 0.9, 1.0]);
  assert.ok(Math.abs(s.mean - 0.9) < 1e-12);
  assert.ok(Math.abs(s.std - Math.sqrt(0.02 / 3)) < 1e-12);
  assert.equal(s.min, 0.8);
  assert.equal(s.max, 1);
});

test('verdict thresholds: < 0.05 STABLE, < 0.10 MODERATELY STABLE, else UNSTABLE', () => {
  assert.equal(verdictFor(0.049), 'STABLE');
  assert.equal(verdictFor(0.05), 'MODERATELY STABLE');
  assert.equal(verdictFor(0.099), 'MODERATELY STABLE');
  assert.equal(verdictFor(0.1), 'UNSTABLE');
});

test('the verdict follows the most variable bounded metric; log loss does not count', () => {
  const r = cvStabilityReport([
    { accuracy: 0.9, macroF1: 0.8, logLoss: 0.2 },
    { accuracy: 0.92, macroF1: 0.6, logLoss: 3 },
  ]);
  assert.equal(r.largestStd.metric, 'macroF1');
  assert.ok(Math.abs(r.largestStd.std - 0.1) < 1e-12);
  assert.equal(r.verdict, 'UNSTABLE');
  const md = cvStabilityMarkdown(r);
  assert.match(md, /\| accuracy \| 0\.9100 ± 0\.0100 \|/);
  assert.match(md, /\*\*UNSTABLE\*\*/);
  assert.equal(cvStabilityReport([{ accuracy: 0.9 }, { accuracy: 0.91 }]).verdict, 'STABLE');
});
