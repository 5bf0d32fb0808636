// What the store keeps about one model training run, so any model can be traced back to its parameters,
// fold metrics, reports and exact data, and exported to MLflow later. Plain data: no ML types here.

export const TRAINING_RUN_STATUSES = ['running', 'finished', 'failed'] as const;
export type TrainingRunStatus = (typeof TRAINING_RUN_STATUSES)[number];

export type RunParamValue = string | number | boolean | null;

export interface TrainingRun {
  /** 32 lowercase hex digits: also the MLflow run id, so an export can be matched to the stored run. */
  id: string;
  experiment: string;
  /** ISO-8601. */
  start_time: string;
  /** ISO-8601, null while running. */
  end_time: string | null;
  status: TrainingRunStatus;
  params: Record<string, RunParamValue>;
  /** One object per cross-validation fold, in fold order. Values must be finite (JSON has no NaN). */
  fold_metrics: Record<string, number>[];
  /** Aggregated metrics (fold means and stds, out-of-fold scores). Finite values only. */
  metrics: Record<string, number>;
  /** Files the run produced; relative paths are inside the data directory. */
  artifacts: string[];
  /** sha256 over the training matrix and labels (see src/ml/persistence.ts fingerprintData). */
  data_fingerprint: { sha256: string; rows: number; cols: number } | null;
  feature_schema_hash: string;
  /** The registry entry the run produced, once registered. */
  model: { name: string; version: number } | null;
  tags: Record<string, string>;
}

export interface TrainingRunQuery {
  experiment?: string;
  status?: TrainingRunStatus;
  limit?: number;
}

/** Why a run cannot be stored as it is, or null; shared so every Store refuses the same runs. */
export function trainingRunProblem(run: TrainingRun): string | null {
  if (!/^[0-9a-f]{32}$/.test(run.id)) return `run id must be 32 lowercase hex digits, got ${JSON.stringify(run.id)}`;
  if (run.experiment.length === 0) return 'experiment name is empty';
  if (!(TRAINING_RUN_STATUSES as readonly string[]).includes(run.status)) return `unknown run status ${JSON.stringify(run.status)}`;
  const bad = (values: Record<string, number>): string | undefined => Object.keys(values).find((k) => !Number.isFinite(values[k]));
  const fromMetrics = bad(run.metrics);
  if (fromMetrics !== undefined) return `metric ${fromMetrics} is not a finite number`;
  for (let f = 0; f < run.fold_metrics.length; f++) {
    const k = bad(run.fold_metrics[f] as Record<string, number>);
    if (k !== undefined) return `metric ${k} of fold ${f} is not a finite number`;
  }
  return null;
}
