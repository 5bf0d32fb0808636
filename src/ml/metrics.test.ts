// Expected values below were worked out by hand (and agree with scikit-learn 1.2).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accuracy,
  averagePrecision,
  calibrationBins,
  classificationReport,
  confusionMatrix,
  evaluateProba,
  logLoss,
  matthewsCorrcoef,
  prAucOvr,
  rocAuc,
  rocAucOvr,
  topLabelCalibration,
} from './metrics.js';

const close = (a: number, b: number, tol = 1e-9): void => assert.ok(Math.abs(a - b) < tol, `${a} != ${b}`);

const yTrue = [0, 0, 0, 1, 1, 2];
const yPred = [0, 1, 0, 1, 2, 2];

test('accuracy and confusion matrix (rows true, columns predicted)', () => {
  close(accuracy(yTrue, yPred), 4 / 6);
  assert.deepEqual(confusionMatrix(yTrue, yPred).matrix, [[2, 1, 0], [0, 1, 1], [0, 0, 1]]);
  assert.deepEqual(confusionMatrix(['b', 'a'], ['a', 'a']), { labels: ['a', 'b'], matrix: [[1, 0], [1, 0]] });
});

test('precision / recall / F1 per class, macro and weighted', () => {
  const r = classificationReport(yTrue, yPred);
  // class 0: 2 of 2 predicted right, 2 of 3 found; class 1: 1/2, 1/2; class 2: 1/2, 1/1.
  assert.deepEqual(r.perClass.map((c) => c.support), [3, 2, 1]);
  close(r.perClass[0]!.precision, 1);
  close(r.perClass[0]!.recall, 2 / 3);
  close(r.perClass[0]!.f1, 0.8);
  close(r.perClass[1]!.f1, 0.5);
  close(r.perClass[2]!.f1, 2 / 3);
  close(r.macro.precision, 2 / 3);
  close(r.macro.recall, (2 / 3 + 0.5 + 1) / 3);
  close(r.macro.f1, (0.8 + 0.5 + 2 / 3) / 3);
  close(r.weighted.precision, (3 * 1 + 2 * 0.5 + 0.5) / 6);
  close(r.weighted.f1, (3 * 0.8 + 2 * 0.5 + 2 / 3) / 6);
  // A class never predicted has precision 0, not NaN (zero_division = 0).
  close(classificationReport([0, 1], [0, 0]).perClass[1]!.precision, 0);
});

test('multi-class MCC: (c*s - sum p*t) / sqrt((s^2 - sum p^2)(s^2 - sum t^2))', () => {
  // c = 4, s = 6, t = [3, 2, 1], p = [2, 2, 2]: (24 - 12) / sqrt(24 * 22)
  close(matthewsCorrcoef(yTrue, yPred), 12 / Math.sqrt(24 * 22));
  close(matthewsCorrcoef([1, 0, 1, 0], [1, 0, 1, 0]), 1);
  close(matthewsCorrcoef([1, 0, 1, 0], [0, 1, 0, 1]), -1);
  close(matthewsCorrcoef([1, 1, 1], [1, 1, 1]), 0);
});

test('ROC-AUC (rank statistic, ties count half) and average precision', () => {
  close(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 0.75);
  close(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]), 5 / 6);
  // Tied thresholds: pos {.9,.5,.1}, neg {.9,.5} -> 2 of 6 pairs; AP = (1/3)(.5) + (1/3)(.5) + (1/3)(.6)
  close(rocAuc([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.5, 0.1]), 1 / 3);
  close(averagePrecision([1, 0, 1, 0, 1], [0.9, 0.9, 0.5, 0.5, 0.1]), 0.5333333333333333);
  assert.ok(Number.isNaN(rocAuc([1, 1], [0.2, 0.3])));
});

const P = { data: Float64Array.from([0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3, 0.5, 0.25, 0.25, 0.2, 0.2, 0.6]), rows: 6, cols: 3 };
const yP = [0, 1, 2, 0, 1, 2];

test('one-vs-rest ROC-AUC and PR-AUC per class with macro and weighted averages', () => {
  const roc = rocAucOvr(yP, P, [0, 1, 2]);
  assert.deepEqual(roc.perClass.map((c) => c.value), [0.875, 0.75, 1]);
  close(roc.macro, 0.875);
  close(roc.weighted, 0.875);
  const pr = prAucOvr(yP, P, [0, 1, 2]);
  close(pr.perClass[0]!.value, 5 / 6);
  close(pr.perClass[1]!.value, 0.75);
  close(pr.perClass[2]!.value, 1);
});

test('log loss', () => {
  close(logLoss([0, 1], { data: Float64Array.from([0.9, 0.1, 0.2, 0.8]), rows: 2, cols: 2 }, [0, 1]), -(Math.log(0.9) + Math.log(0.8)) / 2);
  close(logLoss(yP, P, [0, 1, 2]), 0.776956756246081);
  // A confident wrong answer is clipped, not infinite.
  assert.ok(Number.isFinite(logLoss([0], { data: Float64Array.from([0, 1]), rows: 1, cols: 2 }, [0, 1])));
});

test('calibration bins and expected calibration error', () => {
  const { bins, ece } = calibrationBins([1, 0, 1, 1], [0.15, 0.12, 0.85, 0.95], 10);
  assert.equal(bins[1]!.count, 2);
  close(bins[1]!.meanPredicted, 0.135);
  close(bins[1]!.observed, 0.5);
  assert.equal(bins[0]!.count, 0);
  close(ece, 0.5 * 0.365 + 0.25 * 0.15 + 0.25 * 0.05);
  // Top-label: rows 0,1,2,5 right (conf .7,.5,.6,.6), rows 3,4 wrong (conf .4,.5).
  const top = topLabelCalibration(yP, P, [0, 1, 2], 10);
  assert.equal(top.bins[5]!.count, 2);
  close(top.bins[5]!.observed, 0.5);
  assert.equal(top.bins[6]!.count, 2);
  close(top.bins[6]!.observed, 1);
  assert.equal(top.bins[4]!.count, 1);
  close(top.bins[4]!.observed, 0);
});

test('evaluateProba bundles every scalar metric from argmax predictions', () => {
  const m = evaluateProba(yP, P, [0, 1, 2]);
  close(m.accuracy, 4 / 6);
  close(m.rocAucMacro, 0.875);
  close(m.logLoss, 0.776956756246081);
  assert.deepEqual(Object.keys(m).sort(), ['accuracy', 'ece', 'logLoss', 'macroF1', 'macroPrecision', 'macroRecall', 'mcc', 'prAucMacro', 'rocAucMacro', 'weightedF1']);
});
