// Exports a training/evaluation run to MLflow's file store layout (mlruns/), so `mlflow ui` can browse
// PhantomNet runs without PhantomNet depending on MLflow. Layout as MLflow's FileStore writes it:
// mlruns/<experiment id>/meta.yaml and mlruns/<experiment id>/<run id>/{meta.yaml,params,metrics,tags,artifacts}.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PhantomError } from '../core/errors.js';
import type { DataFingerprint } from './persistence.js';

/** Everything one run produced. Times are milliseconds since the epoch. */
export interface RunRecord {
  readonly experimentName: string;
  readonly runName: string;
  readonly startTime: number;
  readonly endTime: number;
  readonly params: Readonly<Record<string, string | number | boolean | null>>;
  /** Metrics per cross-validation fold: logged as steps 0..k-1, plus <name>_mean and <name>_std. */
  readonly foldMetrics?: readonly Readonly<Record<string, number>>[];
  /** Single-valued metrics (e.g. hold-out scores), logged at step 0. */
  readonly metrics?: Readonly<Record<string, number>>;
  readonly tags?: Readonly<Record<string, string>>;
  /** Files to place under artifacts/, by relative path (model.json, report.md, ...). */
  readonly artifacts?: readonly { readonly path: string; readonly content: string | Uint8Array }[];
  readonly dataFingerprint?: DataFingerprint | null;
  readonly user?: string;
  /** Defaults to a hash of the record's identity, so re-exporting the same run is idempotent. */
  readonly runId?: string;
}

export interface ExportedRun {
  readonly experimentId: string;
  readonly runId: string;
  readonly runDir: string;
}

// MLflow's RunStatus.FINISHED and SourceType.LOCAL.
const STATUS_FINISHED = 3;
const SOURCE_LOCAL = 4;

function yamlScalar(v: string | number): string {
  return typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
}

function yaml(obj: Readonly<Record<string, string | number | readonly never[]>>): string {
  return Object.entries(obj)
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? '[]' : yamlScalar(v as string | number)}`)
    .join('\n') + '\n';
}

/** MLflow keys allow alphanumerics, '_', '-', '.', ' ' and '/'; anything else becomes '_'. */
function key(k: string): string {
  const s = k.replace(/[^A-Za-z0-9_\-. /]/g, '_');
  if (s.length === 0 || s.split('/').some((p) => p === '..' || p === '.')) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `invalid MLflow key ${JSON.stringify(k)}`);
  }
  return s;
}

function writeUnder(dir: string, rel: string, content: string | Uint8Array): void {
  const target = resolve(dir, normalize(rel));
  if (!target.startsWith(resolve(dir) + sep)) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', `artifact path ${JSON.stringify(rel)} leaves the artifacts folder`);
  }
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, content);
}

/** Finds the experiment of that name under mlruns, or creates it with the next free numeric id. */
function experimentId(mlruns: string, name: string, now: number): string {
  mkdirSync(mlruns, { recursive: true });
  const ids = readdirSync(mlruns).filter((d) => /^[0-9]+$/.test(d));
  for (const id of ids) {
    const meta = join(mlruns, id, 'meta.yaml');
    if (!existsSync(meta)) continue;
    const m = /^name: (.*)$/m.exec(readFileSync(meta, 'utf8'));
    if (m && (m[1] === yamlScalar(name) || m[1] === name)) return id;
  }
  // 0 is MLflow's "Default" experiment; never reuse it for a named one.
  const id = String(Math.max(0, ...ids.map(Number)) + 1);
  mkdirSync(join(mlruns, id), { recursive: true });
  writeFileSync(
    join(mlruns, id, 'meta.yaml'),
    yaml({
      artifact_location: pathToFileURL(resolve(mlruns, id)).href,
      creation_time: now,
      experiment_id: id,
      last_update_time: now,
      lifecycle_stage: 'active',
      name,
    }),
  );
  return id;
}

function mean(v: readonly number[]): number {
  return v.reduce((s, x) => s + x, 0) / v.length;
}

/** Writes the run; returns where it went. */
export function exportMlflowRun(mlruns: string, run: RunRecord): ExportedRun {
  const expId = experimentId(mlruns, run.experimentName, run.startTime);
  const runId =
    run.runId ??
    createHash('sha256').update(JSON.stringify([run.experimentName, run.runName, run.startTime, run.params])).digest('hex').slice(0, 32);
  if (!/^[0-9a-f]{32}$/.test(runId)) throw new PhantomError('PN_ERR_MODEL_INPUT', `MLflow run id must be 32 hex digits, got ${runId}`);
  const runDir = join(mlruns, expId, runId);
  for (const d of ['params', 'metrics', 'tags', 'artifacts']) mkdirSync(join(runDir, d), { recursive: true });

  writeFileSync(
    join(runDir, 'meta.yaml'),
    yaml({
      artifact_uri: pathToFileURL(resolve(runDir, 'artifacts')).href,
      end_time: run.endTime,
      entry_point_name: '',
      experiment_id: expId,
      lifecycle_stage: 'active',
      run_id: runId,
      run_name: run.runName,
      run_uuid: runId,
      source_name: '',
      source_type: SOURCE_LOCAL,
      source_version: '',
      start_time: run.startTime,
      status: STATUS_FINISHED,
      tags: [],
      user_id: run.user ?? 'phantomnet',
    }),
  );

  for (const [k, v] of Object.entries(run.params)) writeFileSync(join(runDir, 'params', key(k)), v === null ? 'None' : String(v));

  // One line per logged value: "<timestamp ms> <value> <step>".
  const lines = new Map<string, string[]>();
  const log = (k: string, value: number, step: number): void => {
    const name = key(k);
    if (!lines.has(name)) lines.set(name, []);
    (lines.get(name) as string[]).push(`${run.endTime} ${value} ${step}`);
  };
  const folds = run.foldMetrics ?? [];
  const names = new Set(folds.flatMap((f) => Object.keys(f)));
  for (const name of names) {
    const values = folds.map((f) => f[name]).filter((v): v is number => typeof v === 'number');
    values.forEach((v, step) => log(name, v, step));
    if (values.length > 0) {
      const m = mean(values);
      log(`${name}_mean`, m, 0);
      log(`${name}_std`, Math.sqrt(mean(values.map((v) => (v - m) ** 2))), 0);
    }
  }
  for (const [k, v] of Object.entries(run.metrics ?? {})) log(k, v, 0);
  for (const [name, ls] of lines) writeFileSync(join(runDir, 'metrics', name), ls.join('\n') + '\n');

  const tags: Record<string, string> = {
    'mlflow.runName': run.runName,
    'mlflow.user': run.user ?? 'phantomnet',
    'mlflow.source.type': 'LOCAL',
    'mlflow.source.name': 'phantomnet',
    ...(run.dataFingerprint
      ? {
          'phantomnet.data.sha256': run.dataFingerprint.sha256,
          'phantomnet.data.rows': String(run.dataFingerprint.rows),
          'phantomnet.data.cols': String(run.dataFingerprint.cols),
        }
      : {}),
    ...(run.tags ?? {}),
  };
  for (const [k, v] of Object.entries(tags)) writeFileSync(join(runDir, 'tags', key(k)), v);
  for (const a of run.artifacts ?? []) writeUnder(join(runDir, 'artifacts'), a.path, a.content);
  return { experimentId: expId, runId, runDir };
}
