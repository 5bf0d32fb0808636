// One contract suite that every estimator runs (Hono's shared router suite, applied to models):
// adding an estimator means adding a case here, not writing new contract tests.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Estimator } from '../../src/ml/estimator.js';
import { RandomForestClassifier } from '../../src/ml/random-forest.js';
import { IsolationForest } from '../../src/ml/isolation-forest.js';
import { loadModel, saveModel } from '../../src/ml/persistence.js';
import { makeClassification } from '../../src/ml/synthetic.js';

interface Case {
  readonly name: string;
  readonly make: (seed: number) => Estimator;
}

const CASES: readonly Case[] = [
  { name: 'RandomForestClassifier', make: (seed) => new RandomForestClassifier({ nEstimators: 8, seed }) },
  { name: 'RandomForestClassifier (entropy, balanced, 2 workers)', make: (seed) => new RandomForestClassifier({ nEstimators: 6, criterion: 'entropy', classWeight: 'balanced', maxDepth: 6, nJobs: 2, seed }) },
  { name: 'IsolationForest', make: (seed) => new IsolationForest({ nEstimators: 20, seed }) },
  { name: 'IsolationForest (contamination 0.1)', make: (seed) => new IsolationForest({ nEstimators: 20, contamination: 0.1, maxSamples: 64, seed }) },
];

const { x, y } = makeClassification({ rows: 240, features: 5, classes: 3, seed: 99 });
const other = makeClassification({ rows: 120, features: 4, classes: 2, seed: 98 });
const SCHEMA = 'conformance-schema';

function sameProba(a: Estimator, b: Estimator): void {
  assert.deepEqual(a.predictProba(x).data, b.predictProba(x).data);
  assert.deepEqual(a.predict(x), b.predict(x));
}

for (const c of CASES) {
  describe(`estimator contract: ${c.name}`, () => {
    test('before fit: predict, predictProba, classes and toJSON throw PN_ERR_MODEL_NOT_FITTED', () => {
      const e = c.make(1);
      assert.equal(e.isFitted, false);
      const notFitted = { code: 'PN_ERR_MODEL_NOT_FITTED' };
      assert.throws(() => e.predict(x), notFitted);
      assert.throws(() => e.predictProba(x), notFitted);
      assert.throws(() => e.predictProbaOne([0, 0, 0, 0, 0]), notFitted);
      assert.throws(() => e.classes, notFitted);
      assert.throws(() => e.toJSON(), notFitted);
    });

    test('constructor only stores hyper-parameters; fit resolves to this', async () => {
      const e = c.make(1);
      const params = e.getParams();
      assert.equal(await e.fit(x, y), e);
      assert.equal(e.isFitted, true);
      assert.deepEqual(e.getParams(), params);
    });

    test('the same seed gives identical JSON; another seed does not', async () => {
      const a = JSON.stringify((await c.make(7).fit(x, y)).toJSON());
      const b = JSON.stringify((await c.make(7).fit(x, y)).toJSON());
      const d = JSON.stringify((await c.make(8).fit(x, y)).toJSON());
      assert.equal(a, b);
      assert.notEqual(a, d);
    });

    test('a second fit replaces the first', async () => {
      const e = await c.make(3).fit(other.x, other.y);
      assert.equal(e.nFeatures, 4);
      await e.fit(x, y);
      assert.equal(e.nFeatures, 5);
      const fresh = await c.make(3).fit(x, y);
      assert.equal(JSON.stringify(e.toJSON()), JSON.stringify(fresh.toJSON()));
    });

    test('a JSON round trip through persistence predicts identically', async () => {
      const e = await c.make(4).fit(x, y);
      const { estimator } = loadModel(saveModel(e, { featureSchemaHash: SCHEMA }), { expectedSchemaHash: SCHEMA });
      assert.equal(estimator.kind, e.kind);
      assert.deepEqual(estimator.classes, e.classes);
      sameProba(estimator, e);
    });

    test('predictProba: one column per class in classes order, rows sum to 1, argmax is predict', async () => {
      const e = await c.make(5).fit(x, y);
      const p = e.predictProba(x);
      assert.equal(p.rows, x.rows);
      assert.equal(p.cols, e.classes.length);
      const pred = e.predict(x);
      for (let i = 0; i < p.rows; i++) {
        let sum = 0;
        let best = 0;
        for (let k = 0; k < p.cols; k++) {
          const v = p.data[i * p.cols + k] as number;
          assert.ok(v >= 0 && v <= 1);
          sum += v;
          if (v > (p.data[i * p.cols + best] as number)) best = k;
        }
        assert.ok(Math.abs(sum - 1) < 1e-9, `row ${i} sums to ${sum}`);
        // IsolationForest predicts by its contamination threshold, not by argmax; skip it there.
        if (e.kind !== 'isolation_forest') assert.equal(pred[i], e.classes[best]);
      }
      assert.deepEqual(e.predictProbaOne(x.data.subarray(0, 5)), p.data.subarray(0, p.cols));
      const out = new Float64Array(p.cols).fill(9);
      assert.equal(e.predictProbaOne(x.data.subarray(5, 10), out), out);
      assert.deepEqual(out, p.data.subarray(p.cols, 2 * p.cols));
    });

    test('bad input is refused with PN_ERR_MODEL_INPUT', async () => {
      const e = await c.make(6).fit(x, y);
      const input = { code: 'PN_ERR_MODEL_INPUT' };
      assert.throws(() => e.predictProba(other.x), input);
      assert.throws(() => e.predictProbaOne([1, 2]), input);
      const nan = { data: x.data.slice(), rows: x.rows, cols: x.cols };
      nan.data[3] = Number.NaN;
      await assert.rejects(c.make(6).fit(nan, y), input);
      await assert.rejects(c.make(6).fit({ data: new Float64Array(0), rows: 0, cols: 5 }, []), input);
    });
  });
}
