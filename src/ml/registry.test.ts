import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ModelRegistry } from './registry.js';
import { IsolationForest } from './isolation-forest.js';
import { RandomForestClassifier } from './random-forest.js';
import { makeClassification } from './synthetic.js';

const { x, y } = makeClassification({ rows: 150, features: 4, classes: 2, seed: 41 });
const SCHEMA = 'schema-1';
const clock = { now: () => Date.UTC(2025, 0, 2, 3, 4, 5) };

function withRegistry(fn: (reg: ModelRegistry, dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'pn-registry-'));
  try {
    fn(new ModelRegistry(dir, clock), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('versions are numbered from 1 with their metadata; stages start empty', () => {
  withRegistry((reg, dir) => {
    const a = reg.register('attack-classifier', new RandomForestClassifier({ nEstimators: 3 }).fitSync(x, y), { featureSchemaHash: SCHEMA, metrics: { macroF1: 0.8 }, description: 'first' });
    const b = reg.register('attack-classifier', new RandomForestClassifier({ nEstimators: 4 }).fitSync(x, y), { featureSchemaHash: SCHEMA });
    assert.equal(a.version, 1);
    assert.equal(b.version, 2);
    assert.equal(a.createdAt, '2025-01-02T03:04:05.000Z');
    assert.deepEqual(reg.version('attack-classifier', 1).metrics, { macroF1: 0.8 });
    assert.deepEqual(reg.versions('attack-classifier').map((v) => v.version), [1, 2]);
    assert.deepEqual(reg.models(), ['attack-classifier']);
    assert.ok(existsSync(join(dir, 'attack-classifier', 'versions', '2', 'model.json.gz')));
    assert.equal(reg.current('attack-classifier', 'production'), null);
  });
});

test('staging -> production promotion, then rollback restores the previous production version', () => {
  withRegistry((reg) => {
    const m1 = new RandomForestClassifier({ nEstimators: 3, seed: 1 }).fitSync(x, y);
    const m2 = new RandomForestClassifier({ nEstimators: 3, seed: 2 }).fitSync(x, y);
    reg.register('rf', m1, { featureSchemaHash: SCHEMA });
    reg.register('rf', m2, { featureSchemaHash: SCHEMA });
    reg.transition('rf', 1, 'staging');
    assert.equal(reg.promote('rf'), 1);
    reg.transition('rf', 2, 'staging');
    assert.equal(reg.promote('rf'), 2);
    assert.equal(reg.current('rf', 'production'), 2);
    assert.deepEqual(reg.load('rf', 'production', { expectedSchemaHash: SCHEMA }).estimator.predictProba(x).data, m2.predictProba(x).data);
    assert.equal(reg.rollback('rf'), 1);
    assert.equal(reg.current('rf', 'production'), 1);
    assert.deepEqual(reg.load('rf', 'production', { expectedSchemaHash: SCHEMA }).estimator.predictProba(x).data, m1.predictProba(x).data);
    assert.throws(() => reg.rollback('rf'), { code: 'PN_ERR_MODEL_REGISTRY' });
  });
});

test('unknown models, versions, empty stages and bad names fail with PN_ERR_MODEL_REGISTRY; schema is still checked', () => {
  withRegistry((reg) => {
    const code = { code: 'PN_ERR_MODEL_REGISTRY' };
    assert.throws(() => reg.current('nope', 'production'), code);
    reg.register('iso', new IsolationForest({ nEstimators: 3 }).fitSync(x), { featureSchemaHash: SCHEMA });
    assert.throws(() => reg.version('iso', 7), code);
    assert.throws(() => reg.transition('iso', 7, 'staging'), code);
    assert.throws(() => reg.promote('iso'), code);
    assert.throws(() => reg.load('iso', 'production', { expectedSchemaHash: SCHEMA }), code);
    assert.throws(() => reg.register('../escape', new IsolationForest().fitSync(x), { featureSchemaHash: SCHEMA }), code);
    assert.throws(() => reg.load('iso', 1, { expectedSchemaHash: 'other' }), { code: 'PN_ERR_MODEL_SCHEMA_MISMATCH' });
  });
});
