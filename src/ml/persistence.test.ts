import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fingerprintData, loadModel, loadModelFile, MODEL_FORMAT_VERSION, saveModel, saveModelFile } from './persistence.js';
import { RandomForestClassifier } from './random-forest.js';
import { IsolationForest } from './isolation-forest.js';
import { makeClassification } from './synthetic.js';

const { x, y } = makeClassification({ rows: 300, features: 5, classes: 3, seed: 31 });
const SCHEMA = 'features-v1:abc123';

test('a saved forest reloads with identical probabilities and its metadata', async () => {
  const rf = await new RandomForestClassifier({ nEstimators: 8, seed: 2 }).fit(x, y);
  const fp = fingerprintData(x, y);
  const text = saveModel(rf, { featureSchemaHash: SCHEMA, fingerprint: fp, metrics: { accuracy: 0.9 } });
  const { estimator, file } = loadModel(text, { expectedSchemaHash: SCHEMA });
  assert.equal(file.formatVersion, MODEL_FORMAT_VERSION);
  assert.equal(file.kind, 'random_forest');
  assert.deepEqual(file.classes, [0, 1, 2]);
  assert.equal(file.hyperParameters['nEstimators'], 8);
  assert.deepEqual(file.dataFingerprint, fp);
  assert.deepEqual(file.metrics, { accuracy: 0.9 });
  assert.deepEqual(estimator.predictProba(x).data, rf.predictProba(x).data);
  assert.deepEqual((estimator as RandomForestClassifier).featureImportances, rf.featureImportances);
});

test('a model for another feature schema is refused with PN_ERR_MODEL_SCHEMA_MISMATCH', () => {
  const iso = new IsolationForest({ nEstimators: 3 }).fitSync(x);
  const text = saveModel(iso, { featureSchemaHash: SCHEMA });
  assert.throws(() => loadModel(text, { expectedSchemaHash: 'features-v2:def' }), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'PN_ERR_MODEL_SCHEMA_MISMATCH');
    assert.match(err.message, /features-v1:abc123.*features-v2:def/);
    return true;
  });
});

test('unknown versions, formats, kinds and corrupt arrays are refused with PN_ERR_MODEL_FORMAT', () => {
  const iso = new IsolationForest({ nEstimators: 3 }).fitSync(x);
  const file = JSON.parse(saveModel(iso, { featureSchemaHash: SCHEMA })) as Record<string, unknown>;
  const opts = { expectedSchemaHash: SCHEMA };
  const bad = [
    'not json {',
    JSON.stringify({ ...file, formatVersion: MODEL_FORMAT_VERSION + 1 }),
    JSON.stringify({ ...file, format: 'sklearn-pickle' }),
    JSON.stringify({ ...file, estimator: { ...(file['estimator'] as object), kind: 'svm' } }),
    JSON.stringify({
      ...file,
      estimator: { ...(file['estimator'] as Record<string, unknown>), state: { ...((file['estimator'] as Record<string, unknown>)['state'] as object), roots: { dtype: 'int32', length: 99, base64: 'AAAA' } } },
    }),
  ];
  for (const b of bad) assert.throws(() => loadModel(b, opts), { code: 'PN_ERR_MODEL_FORMAT' }, b.slice(0, 60));
  assert.throws(() => loadModel(bad[1] as string, opts), { message: /version 2 is not supported/ });
});

test('the data fingerprint is stable, dtype-independent and sensitive to any change', () => {
  const a = fingerprintData(x, y);
  assert.equal(a.sha256, fingerprintData(x, y).sha256);
  assert.match(a.sha256, /^[0-9a-f]{64}$/);
  const f32 = { data: Float32Array.from(x.data), rows: x.rows, cols: x.cols };
  const rounded = { data: Float64Array.from(f32.data), rows: x.rows, cols: x.cols };
  assert.equal(fingerprintData(f32, y).sha256, fingerprintData(rounded, y).sha256);
  const changed = { data: x.data.slice(), rows: x.rows, cols: x.cols };
  changed.data[17] = (changed.data[17] as number) + 1e-9;
  assert.notEqual(fingerprintData(changed, y).sha256, a.sha256);
  const y2 = y.slice();
  y2[0] = ((y2[0] as number) + 1) % 3;
  assert.notEqual(fingerprintData(x, y2).sha256, a.sha256);
  assert.notEqual(fingerprintData(x).sha256, a.sha256);
});

test('saveModelFile writes atomically (gzip for .gz) and loadModelFile reads it back', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-model-'));
  try {
    const rf = await new RandomForestClassifier({ nEstimators: 4, seed: 9 }).fit(x, y);
    const path = join(dir, 'sub', 'model.json');
    saveModelFile(path, rf, { featureSchemaHash: SCHEMA, createdAt: '2025-01-01T00:00:00Z' });
    assert.deepEqual(readdirSync(join(dir, 'sub')), ['model.json']);
    const { estimator, file } = loadModelFile(path, { expectedSchemaHash: SCHEMA });
    assert.equal(file.createdAt, '2025-01-01T00:00:00Z');
    assert.deepEqual(estimator.predict(x), rf.predict(x));
    assert.throws(() => loadModelFile(join(dir, 'missing.json'), { expectedSchemaHash: SCHEMA }), { code: 'PN_ERR_MODEL_FORMAT' });
    const gz = join(dir, 'model.json.gz');
    saveModelFile(gz, rf, { featureSchemaHash: SCHEMA });
    assert.deepEqual(readFileSync(gz).subarray(0, 2), Buffer.from([0x1f, 0x8b]));
    assert.deepEqual(loadModelFile(gz, { expectedSchemaHash: SCHEMA }).estimator.predictProba(x).data, rf.predictProba(x).data);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
