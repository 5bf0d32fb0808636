// Training runs to and from their `training_runs` row: the nested parts travel as JSON text.
import type { Selectable } from 'kysely';
import type { TrainingRun } from '../../core/training-run.js';
import type { TrainingRunsTable } from './schema.js';

export function runToRow(run: TrainingRun): TrainingRunsTable {
  return {
    id: run.id,
    experiment: run.experiment,
    start_time: run.start_time,
    end_time: run.end_time,
    status: run.status,
    params: JSON.stringify(run.params),
    fold_metrics: JSON.stringify(run.fold_metrics),
    metrics: JSON.stringify(run.metrics),
    artifacts: JSON.stringify(run.artifacts),
    data_sha256: run.data_fingerprint?.sha256 ?? null,
    data_rows: run.data_fingerprint?.rows ?? null,
    data_cols: run.data_fingerprint?.cols ?? null,
    feature_schema_hash: run.feature_schema_hash,
    model_name: run.model?.name ?? null,
    model_version: run.model?.version ?? null,
    tags: JSON.stringify(run.tags),
  };
}

export function rowToRun(row: Selectable<TrainingRunsTable>): TrainingRun {
  return {
    id: row.id,
    experiment: row.experiment,
    start_time: row.start_time,
    end_time: row.end_time,
    status: row.status,
    params: JSON.parse(row.params) as TrainingRun['params'],
    fold_metrics: JSON.parse(row.fold_metrics) as TrainingRun['fold_metrics'],
    metrics: JSON.parse(row.metrics) as TrainingRun['metrics'],
    artifacts: JSON.parse(row.artifacts) as TrainingRun['artifacts'],
    data_fingerprint:
      row.data_sha256 !== null && row.data_rows !== null && row.data_cols !== null
        ? { sha256: row.data_sha256, rows: row.data_rows, cols: row.data_cols }
        : null,
    feature_schema_hash: row.feature_schema_hash,
    model: row.model_name !== null && row.model_version !== null ? { name: row.model_name, version: row.model_version } : null,
    tags: JSON.parse(row.tags) as TrainingRun['tags'],
  };
}
