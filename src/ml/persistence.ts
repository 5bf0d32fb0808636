// Versioned JSON model files: the fitted estimator plus what is needed to trust it later (feature
// schema hash, training-data fingerprint, metrics). Loading refuses unknown versions and schema drift.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { PhantomError } from '../core/errors.js';
import type { Estimator, EstimatorState } from './estimator.js';
import { IsolationForest } from './isolation-forest.js';
import { RandomForestClassifier } from './random-forest.js';
import { toMatrix } from './matrix.js';
import type { Label, LabelInput, MatrixInput } from './matrix.js';

export const MODEL_FORMAT = 'phantomnet-model';
/** Bump when the envelope or an estimator state changes incompatibly; load refuses other versions. */
export const MODEL_FORMAT_VERSION = 1;

/** sha256 over the training matrix and labels, so a model can be traced to the exact data it saw. */
export interface DataFingerprint {
  readonly sha256: string;
  readonly rows: number;
  readonly cols: number;
}

/** The on-disk envelope. */
export interface ModelFile {
  readonly format: typeof MODEL_FORMAT;
  readonly formatVersion: number;
  readonly kind: string;
  readonly featureSchemaHash: string;
  readonly hyperParameters: Readonly<Record<string, unknown>>;
  readonly classes: readonly Label[];
  readonly nFeatures: number;
  readonly dataFingerprint: DataFingerprint | null;
  readonly metrics: Readonly<Record<string, number>>;
  /** Caller-supplied (e.g. ISO time); omitted by default so equal fits give equal files. */
  readonly createdAt?: string;
  readonly estimator: EstimatorState;
}

export interface SaveOptions {
  /** Hash of the feature schema (names, order) the model was trained on; supplied by features/. */
  readonly featureSchemaHash: string;
  readonly fingerprint?: DataFingerprint | null;
  readonly metrics?: Readonly<Record<string, number>>;
  readonly createdAt?: string;
}

export interface LoadOptions {
  /** The running extractor's schema hash; a model trained on another schema is refused. */
  readonly expectedSchemaHash: string;
}

/** Hashes shape, X as float64 little-endian bytes (so Float32 and Float64 copies agree) and y. */
export function fingerprintData(xIn: MatrixInput, y?: LabelInput): DataFingerprint {
  const x = toMatrix(xIn);
  const h = createHash('sha256');
  h.update(`phantomnet-data-v1:${x.rows}x${x.cols}:`);
  const f64 = x.data instanceof Float64Array ? x.data : Float64Array.from(x.data);
  h.update(new Uint8Array(f64.buffer, f64.byteOffset, f64.byteLength));
  if (y) {
    const labels: Label[] = Array.from(y as ArrayLike<Label>);
    h.update(`:y:${JSON.stringify(labels)}`);
  }
  return { sha256: h.digest('hex'), rows: x.rows, cols: x.cols };
}

/** Builds the envelope for a fitted estimator. */
export function toModelFile(est: Estimator, opts: SaveOptions): ModelFile {
  if (typeof opts.featureSchemaHash !== 'string' || opts.featureSchemaHash.length === 0) {
    throw new PhantomError('PN_ERR_MODEL_INPUT', 'featureSchemaHash must be a non-empty string');
  }
  const state = est.toJSON();
  const file: ModelFile = {
    format: MODEL_FORMAT,
    formatVersion: MODEL_FORMAT_VERSION,
    kind: state.kind,
    featureSchemaHash: opts.featureSchemaHash,
    hyperParameters: state.params,
    classes: state.classes,
    nFeatures: state.nFeatures,
    dataFingerprint: opts.fingerprint ?? null,
    metrics: { ...(opts.metrics ?? {}) },
    ...(opts.createdAt !== undefined ? { createdAt: opts.createdAt } : {}),
    estimator: state,
  };
  return file;
}

/** Serialises to JSON text. */
export function saveModel(est: Estimator, opts: SaveOptions): string {
  return JSON.stringify(toModelFile(est, opts));
}

/**
 * Checks the envelope and rebuilds the estimator; throws PN_ERR_MODEL_FORMAT or
 * PN_ERR_MODEL_SCHEMA_MISMATCH. `input` is the JSON text or an already parsed object.
 */
export function loadModel(input: unknown, opts: LoadOptions): { estimator: Estimator; file: ModelFile } {
  let raw: unknown = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (err) {
      throw new PhantomError('PN_ERR_MODEL_FORMAT', `model is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  }
  const file = raw as Partial<ModelFile> | null;
  if (!file || typeof file !== 'object' || file.format !== MODEL_FORMAT) {
    throw new PhantomError('PN_ERR_MODEL_FORMAT', `not a PhantomNet model (expected format "${MODEL_FORMAT}")`);
  }
  if (file.formatVersion !== MODEL_FORMAT_VERSION) {
    throw new PhantomError(
      'PN_ERR_MODEL_FORMAT',
      `model format version ${String(file.formatVersion)} is not supported (this build reads version ${MODEL_FORMAT_VERSION}); retrain or use a matching PhantomNet`,
    );
  }
  if (file.featureSchemaHash !== opts.expectedSchemaHash) {
    throw new PhantomError(
      'PN_ERR_MODEL_SCHEMA_MISMATCH',
      `model was trained on feature schema ${String(file.featureSchemaHash)} but the running extractor has ${opts.expectedSchemaHash}; retrain the model or run the matching PhantomNet version`,
    );
  }
  const st = file.estimator;
  if (!st || typeof st !== 'object' || !Array.isArray(st.classes) || typeof st.nFeatures !== 'number') {
    throw new PhantomError('PN_ERR_MODEL_FORMAT', 'model file has no valid estimator state');
  }
  let estimator: Estimator;
  switch (st.kind) {
    case 'random_forest':
      estimator = RandomForestClassifier.fromJSON(st);
      break;
    case 'isolation_forest':
      estimator = IsolationForest.fromJSON(st);
      break;
    default:
      throw new PhantomError('PN_ERR_MODEL_FORMAT', `unknown estimator kind ${JSON.stringify(st.kind)}`);
  }
  return { estimator, file: file as ModelFile };
}

/**
 * Writes atomically (temp file + rename) so a crash never leaves a half-written model behind. A path
 * ending in .gz is gzip-compressed: fully grown forests shrink about 6x (one-hot leaves compress well).
 */
export function saveModelFile(path: string, est: Estimator, opts: SaveOptions): ModelFile {
  const file = toModelFile(est, opts);
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const text = JSON.stringify(file);
  writeFileSync(tmp, path.endsWith('.gz') ? gzipSync(text) : text);
  renameSync(tmp, path);
  return file;
}

/** Reads a file written by saveModelFile (gunzipping a .gz path). */
export function loadModelFile(path: string, opts: LoadOptions): { estimator: Estimator; file: ModelFile } {
  let text: string;
  try {
    const bytes = readFileSync(path);
    text = (path.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (err) {
    throw new PhantomError('PN_ERR_MODEL_FORMAT', `model file ${path} could not be read: ${(err as Error).message}`, { cause: err });
  }
  return loadModel(text, opts);
}
