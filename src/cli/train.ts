// `phantomnet train`: cross-validate a random forest on a CSV, write the reports, fit on all rows, register
// the model in staging and record the run in the store, so every model can be traced to how it was made.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PhantomError } from '../core/errors.js';
import type { Store, TrainingRun } from '../core/store.js';
import type { RunParamValue } from '../core/training-run.js';
import { crossValidate } from '../ml/cross-validate.js';
import { argmaxRow } from '../ml/metrics.js';
import type { MetricSet } from '../ml/metrics.js';
import type { Label, Matrix } from '../ml/matrix.js';
import { fingerprintData } from '../ml/persistence.js';
import { RandomForestClassifier } from '../ml/random-forest.js';
import { groupKFold, stratifiedKFold } from '../ml/splits.js';
import type { Fold } from '../ml/splits.js';
import { classImbalanceMarkdown, classImbalanceReport } from '../ml/reports/class-imbalance.js';
import { cvStabilityMarkdown, cvStabilityReport } from '../ml/reports/cv-stability.js';
import { errorAnalysisMarkdown, errorAnalysisReport } from '../ml/reports/error-analysis.js';
import { evaluationMarkdown, evaluationReport } from '../ml/reports/evaluation.js';
import { CLASSIFIER_MODEL } from '../app/model-loader.js';
import { csvFeatureSchemaHash, readTrainingCsv } from './csv-data.js';
import { mlContext, openStore, runCli } from './ml-context.js';

export interface TrainOptions {
  config?: string;
  data: string;
  label: string;
  experiment: string;
  folds: string;
  trees: string;
  seed: string;
  jobs: string;
  group?: string;
  negativeLabel?: string;
  model: string;
}

/** Metrics shown on the summary line (and first in `model list`). */
export const HEADLINE_METRICS = ['accuracy', 'macroF1', 'rocAucMacro'] as const;

function fail(message: string): PhantomError {
  return new PhantomError('PN_ERR_MODEL_INPUT', message);
}

function intOption(name: string, raw: string, min: number): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw fail(`--${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return v;
}

/** The store (and JSON) cannot hold NaN: a metric undefined in a fold (ROC-AUC of an absent class) is left out. */
function finite(values: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => Number.isFinite(v)));
}

function fmt(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? 'n/a' : v.toFixed(4);
}

function writeReport(dir: string, base: string, json: unknown, markdown: string): string[] {
  writeFileSync(join(dir, `${base}.json`), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(join(dir, `${base}.md`), markdown + '\n');
  return [`${base}.json`, `${base}.md`];
}

/** Cross-validates fold by fold (for progress lines), merging the out-of-fold probabilities. */
async function crossValidateWithProgress(
  make: () => RandomForestClassifier,
  x: Matrix,
  y: readonly Label[],
  folds: readonly Fold[],
  classes: readonly Label[],
): Promise<{ folds: MetricSet[]; oof: Matrix }> {
  const C = classes.length;
  const oof = new Float64Array(x.rows * C);
  const metrics: MetricSet[] = [];
  for (let f = 0; f < folds.length; f++) {
    const t0 = performance.now();
    const fold = folds[f] as Fold;
    const cv = await crossValidate(make, x, y, [fold], classes);
    for (const i of fold.test) oof.set(cv.oofProba.data.subarray(i * C, (i + 1) * C), i * C);
    const m = cv.folds[0] as MetricSet;
    metrics.push(m);
    process.stderr.write(
      `fold ${f + 1}/${folds.length}: ${fold.train.length} train / ${fold.test.length} test rows, ` +
        `accuracy ${fmt(m.accuracy)}, macroF1 ${fmt(m.macroF1)} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`,
    );
  }
  return { folds: metrics, oof: { data: oof, rows: x.rows, cols: C } };
}

export function trainCommand(opts: TrainOptions): Promise<number> {
  return runCli(async () => {
    const ctx = mlContext(opts.config);
    const k = intOption('folds', opts.folds, 2);
    const trees = intOption('trees', opts.trees, 1);
    const seed = intOption('seed', opts.seed, 0);
    const jobs = intOption('jobs', opts.jobs, 1);
    if (opts.experiment.trim() === '') throw fail('--experiment must not be empty');
    const dataPath = resolve(opts.data);
    const data = readTrainingCsv(dataPath, { label: opts.label, ...(opts.group !== undefined ? { group: opts.group } : {}) });
    const { x, y } = data;
    if (x.rows < k) throw fail(`${dataPath} has ${x.rows} data rows, fewer than --folds ${k}`);
    if (data.groups && new Set(data.groups).size < k) {
      throw fail(`the group column "${String(opts.group)}" has ${new Set(data.groups).size} distinct values, fewer than --folds ${k}`);
    }
    const classes = [...new Set(y)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : a < b ? -1 : a > b ? 1 : 0));
    if (classes.length < 2) throw fail(`the label column "${opts.label}" has only one class (${String(classes[0])}); a classifier needs two or more`);
    const negativeLabel: Label | undefined =
      opts.negativeLabel === undefined ? undefined : typeof classes[0] === 'number' ? Number(opts.negativeLabel) : opts.negativeLabel;
    if (negativeLabel !== undefined && !classes.includes(negativeLabel)) {
      throw fail(`--negative-label ${opts.negativeLabel ?? ''} is not a class of "${opts.label}" (classes: ${classes.join(', ')})`);
    }

    const schemaHash = csvFeatureSchemaHash(data.featureNames);
    const fingerprint = fingerprintData(x, y);
    const make = (): RandomForestClassifier => new RandomForestClassifier({ nEstimators: trees, seed, nJobs: jobs });
    const params: Record<string, RunParamValue> = {
      data: dataPath,
      label: opts.label,
      group: opts.group ?? null,
      cv: data.groups ? 'group_kfold' : 'stratified_kfold',
      folds: k,
      negative_label: opts.negativeLabel ?? null,
      estimator: 'random_forest',
    };
    for (const [name, v] of Object.entries(make().getParams())) {
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) params[name] = v as RunParamValue;
    }

    const id = randomUUID().replace(/-/g, '');
    const runDir = join(ctx.dataDir, 'runs', id);
    const run: TrainingRun = {
      id,
      experiment: opts.experiment,
      start_time: new Date().toISOString(),
      end_time: null,
      status: 'running',
      params,
      fold_metrics: [],
      metrics: {},
      artifacts: [],
      data_fingerprint: fingerprint,
      feature_schema_hash: schemaHash,
      model: null,
      tags: {
        'phantomnet.label': opts.label,
        'phantomnet.classes': JSON.stringify(classes),
        'phantomnet.features': data.featureNames.join(','),
      },
    };
    const store: Store = await openStore(ctx);
    try {
      await store.recordRun(run);
      process.stderr.write(
        `training run ${id}: ${x.rows} rows, ${x.cols} features, ${classes.length} classes, ${k}-fold ${data.groups ? 'group' : 'stratified'} CV, ${trees} trees\n`,
      );
      try {
        const folds = data.groups ? groupKFold(data.groups, k, seed) : stratifiedKFold(y, k, seed);
        const cv = await crossValidateWithProgress(make, x, y, folds, classes);

        mkdirSync(runDir, { recursive: true });
        const stability = cvStabilityReport(cv.folds);
        const evaluation = evaluationReport(y, cv.oof, classes);
        const yPred = Array.from({ length: x.rows }, (_, i) => classes[argmaxRow(cv.oof, i)] as Label);
        const withNegative = negativeLabel !== undefined ? { negativeLabel } : {};
        const errors = errorAnalysisReport({ x, yTrue: y, proba: cv.oof, classes, featureNames: data.featureNames, ...withNegative });
        const imbalance = classImbalanceReport({ yTrue: y, yPred, ...withNegative });
        const files = [
          ...writeReport(runDir, 'cv-stability', stability, cvStabilityMarkdown(stability)),
          ...writeReport(runDir, 'evaluation', evaluation, evaluationMarkdown(evaluation)),
          ...writeReport(runDir, 'error-analysis', errors, errorAnalysisMarkdown(errors)),
          ...writeReport(runDir, 'class-imbalance', imbalance, classImbalanceMarkdown(imbalance)),
        ];

        process.stderr.write(`fitting the final model on all ${x.rows} rows\n`);
        const est = await make().fit(x, y);
        const means = finite(Object.fromEntries(Object.entries(stability.metrics).map(([m, s]) => [m, s.mean])));
        const version = ctx.registry.register(opts.model, est, {
          featureSchemaHash: schemaHash,
          fingerprint,
          metrics: means,
          description: `phantomnet train run ${id} (${k}-fold CV means)`,
        });
        ctx.registry.transition(opts.model, version.version, 'staging');

        const metrics: Record<string, number> = {};
        for (const [m, s] of Object.entries(stability.metrics)) {
          metrics[`${m}_mean`] = s.mean;
          metrics[`${m}_std`] = s.std;
        }
        for (const [m, v] of Object.entries(evaluation.metrics)) metrics[`oof_${m}`] = v;
        Object.assign(run, {
          status: 'finished',
          end_time: new Date().toISOString(),
          fold_metrics: cv.folds.map((f) => finite(f as unknown as Record<string, number>)),
          metrics: finite(metrics),
          artifacts: files.map((f) => join('runs', id, f)),
          model: { name: opts.model, version: version.version },
          tags: { ...run.tags, 'phantomnet.cv.verdict': stability.verdict },
        } satisfies Partial<TrainingRun>);
        await store.recordRun(run);

        const headline = HEADLINE_METRICS.map((m) => `${m} ${fmt(stability.metrics[m]?.mean)} ± ${fmt(stability.metrics[m]?.std)}`).join(', ');
        process.stdout.write(
          `run ${id} (experiment ${opts.experiment})\n` +
            `model ${opts.model} version ${version.version} registered in staging (feature schema ${schemaHash.slice(0, 12)})\n` +
            `cross-validation (${k} folds): ${headline}; ${stability.verdict}\n` +
            `reports: ${runDir}\n`,
        );
        return 0;
      } catch (e) {
        // The training error is what the operator needs; a failure to mark the run failed must not hide it.
        await store
          .recordRun({
            ...run,
            status: 'failed',
            end_time: new Date().toISOString(),
            tags: { ...run.tags, 'phantomnet.error': e instanceof Error ? e.message.slice(0, 500) : String(e) },
          })
          .catch(() => undefined);
        throw e;
      }
    } finally {
      await store.close();
    }
  });
}
