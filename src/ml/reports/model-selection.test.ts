import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldsDigest, modelSelectionMarkdown, selectModel } from './model-selection.js';
import { RandomForestClassifier } from '../random-forest.js';
import { makeClassification } from '../synthetic.js';
import { stratifiedKFold } from '../splits.js';
import { crossValidate } from '../cross-validate.js';

const { x, y: yc } = makeClassification({ rows: 360, features: 6, classes: 3, informative: 4, classSep: 2, seed: 12 });
const y = Array.from(yc);
const folds = stratifiedKFold(y, 3, 4);

test('cross-validation gives per-fold metrics and out-of-fold probabilities for every row', async () => {
  const cv = await crossValidate(() => new RandomForestClassifier({ nEstimators: 10, seed: 1 }), x, y, folds, [0, 1, 2]);
  assert.equal(cv.folds.length, 3);
  assert.ok(cv.folds.every((m) => m.accuracy > 0.7));
  assert.ok(cv.oofFold.every((f) => f >= 0 && f < 3));
  for (let i = 0; i < x.rows; i++) {
    const s = (cv.oofProba.data[i * 3] as number) + (cv.oofProba.data[i * 3 + 1] as number) + (cv.oofProba.data[i * 3 + 2] as number);
    assert.ok(Math.abs(s - 1) < 1e-9);
  }
});

test('candidates are compared on the same folds and ranked by the primary metric', async () => {
  const report = await selectModel(
    [
      { name: 'stump', params: { maxDepth: 1 }, make: () => new RandomForestClassifier({ nEstimators: 10, maxDepth: 1, seed: 1 }) },
      { name: 'forest', params: { maxDepth: null }, make: () => new RandomForestClassifier({ nEstimators: 10, seed: 1 }) },
    ],
    x,
    y,
    folds,
    [0, 1, 2],
  );
  assert.equal(report.best, 'forest');
  assert.equal(report.candidates[0]!.name, 'forest');
  assert.ok(report.candidates[0]!.mean > report.candidates[1]!.mean);
  assert.equal(report.foldsDigest, foldsDigest(stratifiedKFold(y, 3, 4)));
  assert.notEqual(report.foldsDigest, foldsDigest(stratifiedKFold(y, 3, 5)));
  assert.match(modelSelectionMarkdown(report), /Best: \*\*forest\*\*/);
  const byLoss = await selectModel(report.candidates.map((c) => ({ name: c.name, params: c.params, make: () => new RandomForestClassifier({ nEstimators: 10, seed: 1, ...(c.name === 'stump' ? { maxDepth: 1 } : {}) }) })), x, y, folds, [0, 1, 2], 'logLoss');
  assert.ok(byLoss.candidates[0]!.mean <= byLoss.candidates[1]!.mean);
});
