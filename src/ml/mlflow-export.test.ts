import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exportMlflowRun } from './mlflow-export.js';
import type { RunRecord } from './mlflow-export.js';

const RUN: RunRecord = {
  experimentName: "attack-classifier 'v1'",
  runName: 'rf-200',
  startTime: 1_700_000_000_000,
  endTime: 1_700_000_060_000,
  params: { nEstimators: 200, criterion: 'gini', maxDepth: null, bootstrap: true },
  foldMetrics: [{ accuracy: 0.9, macroF1: 0.8 }, { accuracy: 0.92, macroF1: 0.84 }],
  metrics: { holdout_accuracy: 0.91 },
  artifacts: [{ path: 'model/model.json', content: '{"format":"phantomnet-model"}' }, { path: 'reports/cv.md', content: '# CV' }],
  dataFingerprint: { sha256: 'ab'.repeat(32), rows: 100, cols: 8 },
  tags: { team: 'ml' },
};

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'pn-mlflow-'));
  try {
    fn(join(dir, 'mlruns'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('writes the MLflow file-store layout with valid YAML metadata', () => {
  withDir((mlruns) => {
    const out = exportMlflowRun(mlruns, RUN);
    assert.equal(out.experimentId, '1');
    assert.match(out.runId, /^[0-9a-f]{32}$/);
    const exp = parse(readFileSync(join(mlruns, '1', 'meta.yaml'), 'utf8')) as Record<string, unknown>;
    assert.equal(exp['name'], "attack-classifier 'v1'");
    assert.equal(exp['experiment_id'], '1');
    assert.equal(exp['lifecycle_stage'], 'active');
    const meta = parse(readFileSync(join(out.runDir, 'meta.yaml'), 'utf8')) as Record<string, unknown>;
    assert.equal(meta['run_id'], out.runId);
    assert.equal(meta['run_uuid'], out.runId);
    assert.equal(meta['status'], 3);
    assert.equal(meta['start_time'], RUN.startTime);
    assert.equal(meta['end_time'], RUN.endTime);
    assert.deepEqual(meta['tags'], []);
    assert.match(String(meta['artifact_uri']), /^file:\/\/.*\/artifacts$/);
    assert.deepEqual(readdirSync(out.runDir).sort(), ['artifacts', 'meta.yaml', 'metrics', 'params', 'tags']);
  });
});

test('params, per-fold metric steps with mean and std, tags with the data fingerprint, artifacts', () => {
  withDir((mlruns) => {
    const { runDir } = exportMlflowRun(mlruns, RUN);
    assert.equal(readFileSync(join(runDir, 'params', 'nEstimators'), 'utf8'), '200');
    assert.equal(readFileSync(join(runDir, 'params', 'maxDepth'), 'utf8'), 'None');
    assert.equal(readFileSync(join(runDir, 'metrics', 'accuracy'), 'utf8'), `${RUN.endTime} 0.9 0\n${RUN.endTime} 0.92 1\n`);
    const [ts, value, step] = readFileSync(join(runDir, 'metrics', 'macroF1_mean'), 'utf8').trim().split(' ');
    assert.equal(ts, String(RUN.endTime));
    assert.ok(Math.abs(Number(value) - 0.82) < 1e-12);
    assert.equal(step, '0');
    assert.ok(Math.abs(Number(readFileSync(join(runDir, 'metrics', 'macroF1_std'), 'utf8').split(' ')[1]) - 0.02) < 1e-12);
    assert.equal(readFileSync(join(runDir, 'metrics', 'holdout_accuracy'), 'utf8'), `${RUN.endTime} 0.91 0\n`);
    assert.equal(readFileSync(join(runDir, 'tags', 'mlflow.runName'), 'utf8'), 'rf-200');
    assert.equal(readFileSync(join(runDir, 'tags', 'phantomnet.data.sha256'), 'utf8'), 'ab'.repeat(32));
    assert.equal(readFileSync(join(runDir, 'tags', 'team'), 'utf8'), 'ml');
    assert.equal(readFileSync(join(runDir, 'artifacts', 'model', 'model.json'), 'utf8'), '{"format":"phantomnet-model"}');
  });
});

test('the same experiment name reuses its id; re-export is idempotent; artifacts cannot escape', () => {
  withDir((mlruns) => {
    const a = exportMlflowRun(mlruns, RUN);
    const b = exportMlflowRun(mlruns, { ...RUN, runName: 'rf-100', params: { nEstimators: 100 } });
    const again = exportMlflowRun(mlruns, RUN);
    assert.equal(b.experimentId, a.experimentId);
    assert.notEqual(b.runId, a.runId);
    assert.equal(again.runId, a.runId);
    assert.equal(exportMlflowRun(mlruns, { ...RUN, experimentName: 'other' }).experimentId, '2');
    assert.throws(() => exportMlflowRun(mlruns, { ...RUN, runName: 'x', artifacts: [{ path: '../../evil', content: 'x' }] }), { code: 'PN_ERR_MODEL_INPUT' });
  });
});
