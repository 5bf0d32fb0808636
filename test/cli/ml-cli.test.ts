// The model lifecycle end to end with real processes and files: `train` writes reports, registers a
// staging model and records the run in SQLite; `model` promotes and rolls back; `runs` exports to
// MLflow's layout; `start` loads the production model and refuses a corrupt one.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PhantomError } from '../../src/core/errors.js';
import { makeClassification } from '../../src/ml/synthetic.js';
import { ModelRegistry } from '../../src/ml/registry.js';
import { csvFeatureSchemaHash } from '../../src/cli/csv-data.js';
import { CLASSIFIER_MODEL, modelsDir } from '../../src/app/model-loader.js';
import { run, type RunResult } from '../helpers/run.js';
import { startTestApp } from '../helpers/test-app.js';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];
const FEATURES = ['f0', 'f1', 'f2', 'f3', 'f4', 'f5'];
const CLASSES = ['benign', 'brute_force', 'scan'];

let root = '';
let dataDir = '';
let csv = '';
/** The same rows plus a src_ip column: a group for --group, a non-numeric feature without it. */
let grouped = '';
const runIds: string[] = [];

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PHANTOMNET_')) env[k] = v;
  return { ...env, PHANTOMNET_GENERAL_DATA_DIR: dataDir };
}

function cli(...args: string[]): Promise<RunResult> {
  return run('node', [...CLI, ...args], { env: cleanEnv(), timeoutMs: 30_000 });
}

async function train(seed: number, ...extra: string[]): Promise<{ id: string; version: number; r: RunResult }> {
  const r = await cli('train', '--label', 'class', '--folds', '4', '--trees', '8', '--seed', String(seed), '--experiment', 'ssh-sessions', ...extra);
  assert.equal(r.code, 0, r.stderr);
  const id = /^run ([0-9a-f]{32}) /m.exec(r.stdout)?.[1];
  const version = /version (\d+) registered in staging/.exec(r.stdout)?.[1];
  assert.ok(id && version, r.stdout);
  runIds.push(id);
  return { id, version: Number(version), r };
}

before(() => {
  root = mkdtempSync(join(tmpdir(), 'pn-ml-cli-'));
  dataDir = join(root, 'data');
  csv = join(root, 'sessions.csv');
  grouped = join(root, 'sessions-by-ip.csv');
  const { x, y } = makeClassification({ rows: 600, features: FEATURES.length, classes: 3, classSep: 1.5, seed: 11 });
  const plain = [[...FEATURES, 'class'].join(',')];
  const withIp = [[...FEATURES, 'src_ip', 'class'].join(',')];
  for (let i = 0; i < x.rows; i++) {
    const values = Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols), (v) => v.toFixed(6));
    const label = CLASSES[y[i] as number] as string;
    plain.push([...values, label].join(','));
    withIp.push([...values, `203.0.113.${i % 50}`, label].join(','));
  }
  writeFileSync(csv, plain.join('\n') + '\n');
  writeFileSync(grouped, withIp.join('\n') + '\n');
});

after(() => rmSync(root, { recursive: true, force: true }));

test('train: reports on disk, version 1 in staging, the run row in SQLite', async () => {
  const { id, version, r } = await train(42, '--data', csv);
  assert.equal(version, 1);
  assert.match(r.stderr, /fold 1\/4: .*accuracy/);
  assert.match(r.stderr, /fold 4\/4/);
  assert.match(r.stdout, /cross-validation \(4 folds\): accuracy 0\.\d{4} ± 0\.\d{4}, macroF1/);

  const runDir = join(dataDir, 'runs', id);
  for (const base of ['cv-stability', 'evaluation', 'error-analysis', 'class-imbalance']) {
    assert.ok(existsSync(join(runDir, `${base}.json`)), `${base}.json`);
    assert.ok(readFileSync(join(runDir, `${base}.md`), 'utf8').startsWith('#'), `${base}.md`);
  }
  const stability = JSON.parse(readFileSync(join(runDir, 'cv-stability.json'), 'utf8')) as { nFolds: number; metrics: { accuracy: { mean: number } } };
  assert.equal(stability.nFolds, 4);
  assert.ok(stability.metrics.accuracy.mean > 0.6, 'separable data is learnt');

  const registry = new ModelRegistry(modelsDir(dataDir));
  assert.equal(registry.current(CLASSIFIER_MODEL, 'staging'), 1);
  assert.equal(registry.current(CLASSIFIER_MODEL, 'production'), null);
  assert.equal(registry.version(CLASSIFIER_MODEL, 1).featureSchemaHash, csvFeatureSchemaHash(FEATURES));

  const db = new Database(join(dataDir, 'phantomnet.sqlite'), { readonly: true });
  try {
    const row = db.prepare('select * from training_runs where id = ?').get(id) as Record<string, string | number | null>;
    assert.equal(row['status'], 'finished');
    assert.equal(row['experiment'], 'ssh-sessions');
    assert.equal(row['model_name'], CLASSIFIER_MODEL);
    assert.equal(row['model_version'], 1);
    assert.equal(row['feature_schema_hash'], csvFeatureSchemaHash(FEATURES));
    assert.match(String(row['data_sha256']), /^[0-9a-f]{64}$/);
    assert.equal(row['data_rows'], 600);
    assert.equal(row['data_cols'], FEATURES.length);
    assert.ok(row['end_time'] !== null && String(row['end_time']) >= String(row['start_time']));
    const folds = JSON.parse(String(row['fold_metrics'])) as Record<string, number>[];
    assert.equal(folds.length, 4);
    assert.ok(folds.every((f) => typeof f['accuracy'] === 'number' && typeof f['macroF1'] === 'number'));
    const params = JSON.parse(String(row['params'])) as Record<string, unknown>;
    assert.equal(params['nEstimators'], 8);
    assert.equal(params['folds'], 4);
    assert.equal(params['seed'], 42);
    const metrics = JSON.parse(String(row['metrics'])) as Record<string, number>;
    assert.ok(typeof metrics['macroF1_mean'] === 'number' && typeof metrics['oof_accuracy'] === 'number');
    assert.deepEqual(JSON.parse(String(row['artifacts'])), [
      ...['cv-stability', 'evaluation', 'error-analysis', 'class-imbalance'].flatMap((b) => [`runs/${id}/${b}.json`, `runs/${id}/${b}.md`]),
    ]);
  } finally {
    db.close();
  }
});

test('train: clear errors and exit 1 for a missing file, label column, a non-numeric cell, too few rows', async () => {
  const tiny = join(root, 'tiny.csv');
  writeFileSync(tiny, 'a,b,class\n1,2,x\n3,4,y\n5,6,x\n');
  const [missing, noLabel, nonNumeric, fewRows] = await Promise.all([
    cli('train', '--data', join(root, 'nope.csv'), '--label', 'class'),
    cli('train', '--data', csv, '--label', 'verdict'),
    // Without --group the address column is a feature, and not a number.
    cli('train', '--data', grouped, '--label', 'class'),
    cli('train', '--data', tiny, '--label', 'class', '--folds', '5'),
  ]);
  for (const r of [missing, noLabel, nonNumeric, fewRows]) {
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /PN_ERR_MODEL_INPUT/);
  }
  assert.match(missing.stderr, /nope\.csv does not exist/);
  assert.match(noLabel.stderr, /label column "verdict" is not in .*columns: f0, f1/);
  assert.match(fewRows.stderr, /3 data rows, fewer than --folds 5/);
  assert.match(nonNumeric.stderr, /line 2, column "src_ip": "203\.0\.113\.0" is not a finite number/);
});

test('model: promote puts v1 in production; after v2 is promoted, rollback returns to v1', async () => {
  const promote1 = await cli('model', 'promote', '1');
  assert.equal(promote1.code, 0, promote1.stderr);
  const list1 = await cli('model', 'list');
  assert.equal(list1.code, 0, list1.stderr);
  assert.match(list1.stdout, /^version\s+stage\s+metrics\s+created\s+schema/);
  assert.match(list1.stdout, new RegExp(`^1\\s+staging,production\\s+accuracy=0\\.\\d{4} .*${csvFeatureSchemaHash(FEATURES).slice(0, 12)}`, 'm'));

  // Group k-fold by source address: the features (and so the schema hash) are the same as v1's.
  const { version, r } = await train(43, '--data', grouped, '--group', 'src_ip');
  assert.equal(version, 2);
  assert.match(r.stderr, /4-fold group CV/);
  const promote2 = await cli('model', 'promote', '2', '--stage', 'production');
  assert.equal(promote2.code, 0, promote2.stderr);
  assert.match(promote2.stdout, /version 2 is now in production \(was version 1\)/);
  const registry = new ModelRegistry(modelsDir(dataDir));
  assert.equal(registry.current(CLASSIFIER_MODEL, 'production'), 2);

  const back = await cli('model', 'rollback');
  assert.equal(back.code, 0, back.stderr);
  assert.match(back.stdout, /production rolled back to version 1 \(was version 2\)/);
  assert.equal(registry.current(CLASSIFIER_MODEL, 'production'), 1);
  const versions = registry.versions(CLASSIFIER_MODEL).map((v) => v.version);
  assert.deepEqual(versions, [1, 2]);
  assert.equal(registry.current(CLASSIFIER_MODEL, 'staging'), 2);

  const [again, unknown] = await Promise.all([cli('model', 'rollback'), cli('model', 'promote', '9', '--stage', 'staging')]);
  for (const r of [again, unknown]) {
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /PN_ERR_MODEL_REGISTRY/);
  }
  assert.match(again.stderr, /no earlier production version/);
  assert.match(unknown.stderr, /no version 9/);
});

test('runs: list shows both runs; export-mlflow writes the MLflow file-store layout', async () => {
  const mlruns = join(root, 'mlruns');
  const [list, exp, one] = await Promise.all([
    cli('runs', 'list'),
    cli('runs', 'export-mlflow', mlruns),
    cli('runs', 'export-mlflow', join(root, 'mlruns-one'), '--run', runIds[0] as string),
  ]);
  assert.equal(list.code, 0, list.stderr);
  for (const id of runIds) assert.match(list.stdout, new RegExp(`^${id}\\s+ssh-sessions\\s+finished`, 'm'));

  assert.equal(exp.code, 0, exp.stderr);
  assert.match(exp.stdout, /2 runs exported/);
  const expIds = readdirSync(mlruns).filter((d) => /^[0-9]+$/.test(d));
  assert.equal(expIds.length, 1);
  const expDir = join(mlruns, expIds[0] as string);
  assert.match(readFileSync(join(expDir, 'meta.yaml'), 'utf8'), /^name: 'ssh-sessions'$/m);
  for (const id of runIds) {
    const runDir = join(expDir, id);
    assert.match(readFileSync(join(runDir, 'meta.yaml'), 'utf8'), new RegExp(`^run_id: '${id}'$`, 'm'));
    for (const d of ['params', 'metrics', 'tags', 'artifacts']) assert.ok(existsSync(join(runDir, d)), d);
    assert.equal(readFileSync(join(runDir, 'params', 'folds'), 'utf8'), '4');
    const accuracy = readFileSync(join(runDir, 'metrics', 'accuracy'), 'utf8').trim().split('\n');
    assert.deepEqual(accuracy.map((l) => l.split(' ')[2]), ['0', '1', '2', '3'], 'one step per fold');
    assert.equal(readFileSync(join(runDir, 'metrics', 'accuracy_mean'), 'utf8').trim().split('\n').length, 1, 'the mean is logged once');
    assert.match(readFileSync(join(runDir, 'tags', 'phantomnet.data.sha256'), 'utf8'), /^[0-9a-f]{64}$/);
    assert.equal(readFileSync(join(runDir, 'tags', 'phantomnet.feature_schema_hash'), 'utf8'), csvFeatureSchemaHash(FEATURES));
    assert.ok(readFileSync(join(runDir, 'artifacts', 'cv-stability.md'), 'utf8').includes('Cross-validation stability'));
  }

  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /1 run exported/);
});

test('start: the production version is loaded and kept on the app', async () => {
  const t = await startTestApp({}, dataDir);
  try {
    assert.ok(t.app.model, 'a model is loaded');
    assert.equal(t.app.model.version, 1);
    assert.equal(t.app.model.featureSchemaHash, csvFeatureSchemaHash(FEATURES));
    assert.deepEqual(t.app.model.estimator.classes, CLASSES);
    assert.ok(t.logs.some((l) => l.includes('model loaded') && l.includes('version=1') && l.includes(`schema_hash=${csvFeatureSchemaHash(FEATURES)}`)));
  } finally {
    await t.cleanup();
  }
});

test('start: no model is fine and logged', async () => {
  const t = await startTestApp();
  try {
    assert.equal(t.app.model, null);
    assert.ok(t.logs.some((l) => l.includes('no model loaded')));
  } finally {
    await t.cleanup();
  }
});

test('start: a corrupt production model stops start-up with a PN_ERR_MODEL_* code', async () => {
  writeFileSync(join(modelsDir(dataDir), CLASSIFIER_MODEL, 'versions', '1', 'model.json.gz'), 'not a model');
  await assert.rejects(startTestApp({}, dataDir), (err: unknown) => err instanceof PhantomError && err.code === 'PN_ERR_MODEL_FORMAT');
});
