// Loads the production model from the registry in the data directory at start-up, so a corrupt or
// mismatched model stops the process with a PN_ERR_MODEL_* code instead of scoring silently wrong.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/logger.js';
import type { Estimator } from '../ml/estimator.js';
import { ModelRegistry } from '../ml/registry.js';
import type { ModelVersion } from '../ml/registry.js';

/** The registered name of the attack classifier `phantomnet train` produces and `start` loads. */
export const CLASSIFIER_MODEL = 'classifier';

/** The model registry lives in <data_dir>/models. */
export function modelsDir(dataDir: string): string {
  return join(dataDir, 'models');
}

export interface LoadedModel {
  readonly name: string;
  readonly version: number;
  readonly featureSchemaHash: string;
  readonly meta: ModelVersion;
  readonly estimator: Estimator;
}

export interface LoadModelOptions {
  readonly name?: string;
  /**
   * The running feature extractor's schema hash. Until src/features exists the registry's own record of
   * the version is the reference, which still catches a model file that does not belong to its version.
   */
  readonly expectedSchemaHash?: string;
}

/** The production version, or null when the registry has none (logged either way). Throws PN_ERR_MODEL_*. */
export function loadProductionModel(dataDir: string, logger: Logger, opts: LoadModelOptions = {}): LoadedModel | null {
  const name = opts.name ?? CLASSIFIER_MODEL;
  const dir = modelsDir(dataDir);
  const registry = new ModelRegistry(dir);
  if (!existsSync(dir) || !registry.models().includes(name) || registry.versions(name).length === 0) {
    logger.info('no model loaded: the registry has no model yet', { model: name, registry: dir });
    return null;
  }
  const version = registry.current(name, 'production');
  if (version === null) {
    logger.info('no model loaded: no version is in production', { model: name, registry: dir });
    return null;
  }
  const meta = registry.version(name, version);
  const { estimator } = registry.load(name, version, { expectedSchemaHash: opts.expectedSchemaHash ?? meta.featureSchemaHash });
  logger.info('model loaded', { model: name, version, schema_hash: meta.featureSchemaHash, kind: meta.kind });
  return { name, version, featureSchemaHash: meta.featureSchemaHash, meta, estimator };
}
