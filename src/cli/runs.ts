// `phantomnet runs list|export-mlflow`: the training runs recorded in the store, and their export in
// MLflow's file-store layout. The TrainingRun -> RunRecord mapping lives here because ml must not see the store.
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { PhantomError } from '../core/errors.js';
import type { TrainingRun } from '../core/store.js';
import { exportMlflowRun } from '../ml/mlflow-export.js';
import type { RunRecord } from '../ml/mlflow-export.js';
import { mlContext, openStore, runCli, textTable } from './ml-context.js';

export interface RunsOptions {
  config?: string;
}

/**
 * The exporter logs <metric>_mean and <metric>_std itself from the per-fold values, so those aggregates
 * are not passed again (they would appear twice in the metric file).
 */
function singleValuedMetrics(run: TrainingRun): Record<string, number> {
  const perFold = new Set(run.fold_metrics.flatMap((f) => Object.keys(f)));
  return Object.fromEntries(
    Object.entries(run.metrics).filter(([k]) => {
      const m = /^(.*)_(mean|std)$/.exec(k);
      return !(m && perFold.has(m[1] as string));
    }),
  );
}

/** Maps a stored run to what the MLflow exporter takes; artefacts are read from the data directory. */
export function toRunRecord(run: TrainingRun, dataDir: string): RunRecord {
  const artifacts = run.artifacts
    .map((p) => (isAbsolute(p) ? p : resolve(dataDir, p)))
    .filter((p) => existsSync(p))
    .map((p) => ({ path: basename(p), content: readFileSync(p) }));
  return {
    runId: run.id,
    experimentName: run.experiment,
    runName: `train-${run.id.slice(0, 8)}`,
    startTime: Date.parse(run.start_time),
    endTime: Date.parse(run.end_time ?? run.start_time),
    params: run.params,
    foldMetrics: run.fold_metrics,
    metrics: singleValuedMetrics(run),
    tags: {
      ...run.tags,
      'phantomnet.run_id': run.id,
      'phantomnet.feature_schema_hash': run.feature_schema_hash,
      ...(run.model ? { 'phantomnet.model.name': run.model.name, 'phantomnet.model.version': String(run.model.version) } : {}),
    },
    artifacts,
    dataFingerprint: run.data_fingerprint,
  };
}

export function runsListCommand(opts: RunsOptions & { experiment?: string; limit: string; json?: boolean }): Promise<number> {
  return runCli(async () => {
    const ctx = mlContext(opts.config);
    const limit = Number(opts.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new PhantomError('PN_ERR_MODEL_INPUT', `--limit must be a positive integer, got ${opts.limit}`);
    const store = await openStore(ctx);
    try {
      const runs = await store.runs({ ...(opts.experiment !== undefined ? { experiment: opts.experiment } : {}), limit });
      if (opts.json) {
        process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
        return 0;
      }
      if (runs.length === 0) {
        process.stdout.write('no training runs recorded yet; run `phantomnet train` first\n');
        return 0;
      }
      const f = (v: number | undefined): string => (v === undefined ? '-' : v.toFixed(4));
      const rows = runs.map((r) => [
        r.id,
        r.experiment,
        r.status,
        r.start_time,
        r.model ? `${r.model.name} v${r.model.version}` : '-',
        f(r.metrics['accuracy_mean']),
        f(r.metrics['macroF1_mean']),
      ]);
      process.stdout.write(textTable(['run', 'experiment', 'status', 'started', 'model', 'accuracy', 'macroF1'], rows));
      return 0;
    } finally {
      await store.close();
    }
  });
}

export function runsExportCommand(dir: string, opts: RunsOptions & { run?: string }): Promise<number> {
  return runCli(async () => {
    const ctx = mlContext(opts.config);
    const store = await openStore(ctx);
    try {
      let runs: TrainingRun[];
      if (opts.run !== undefined) {
        const one = await store.run(opts.run);
        if (!one) throw new PhantomError('PN_ERR_MODEL_INPUT', `no training run ${opts.run} in the store`);
        if (one.status !== 'finished') throw new PhantomError('PN_ERR_MODEL_INPUT', `training run ${opts.run} is ${one.status}, only finished runs are exported`);
        runs = [one];
      } else {
        // Unbounded on purpose: an export is the full history.
        runs = await store.runs({ status: 'finished', limit: Number.MAX_SAFE_INTEGER });
      }
      const mlruns = resolve(dir);
      for (const run of runs) {
        const out = exportMlflowRun(mlruns, toRunRecord(run, ctx.dataDir));
        process.stdout.write(`exported run ${run.id} to ${out.runDir}\n`);
      }
      process.stdout.write(`${runs.length} run${runs.length === 1 ? '' : 's'} exported to ${mlruns}; browse with: mlflow ui --backend-store-uri ${mlruns}\n`);
      return 0;
    } finally {
      await store.close();
    }
  });
}
