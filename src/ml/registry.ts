// File-based model registry: numbered versions of named models, each in its own folder, plus stage
// pointers (staging, production) with a history, so promotion and rollback are one small atomic write.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PhantomError } from '../core/errors.js';
import { systemClock } from '../core/clock.js';
import type { Clock } from '../core/clock.js';
import type { Estimator } from './estimator.js';
import { loadModelFile, saveModelFile } from './persistence.js';
import type { DataFingerprint, LoadOptions, SaveOptions } from './persistence.js';

export type Stage = 'staging' | 'production';
export const STAGES: readonly Stage[] = ['staging', 'production'];

/** What the registry records about one version (meta.json beside model.json). */
export interface ModelVersion {
  readonly name: string;
  readonly version: number;
  readonly kind: string;
  readonly createdAt: string;
  readonly featureSchemaHash: string;
  readonly dataFingerprint: DataFingerprint | null;
  readonly metrics: Readonly<Record<string, number>>;
  readonly description: string;
}

/** stages.json: the current version per stage and the versions it replaced, newest last. */
interface StageState {
  current: number | null;
  history: number[];
}
type StagesFile = Record<Stage, StageState>;

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Gzipped: a fully grown 200-tree forest is ~100 MB of JSON but ~15 MB compressed. */
const MODEL_FILE = 'model.json.gz';

function fail(message: string, cause?: unknown): PhantomError {
  return new PhantomError('PN_ERR_MODEL_REGISTRY', message, cause === undefined ? undefined : { cause });
}

function writeJsonAtomic(path: string, value: unknown): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2));
  renameSync(tmp, path);
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch (err) {
    throw fail(`registry file ${path} could not be read: ${(err as Error).message}`, err);
  }
}

export class ModelRegistry {
  constructor(
    private readonly root: string,
    private readonly clock: Clock = systemClock,
  ) {}

  /** Stores a fitted estimator as the next version of `name` (1, 2, ...); stages are not touched. */
  register(name: string, est: Estimator, opts: SaveOptions & { readonly description?: string }): ModelVersion {
    const dir = this.modelDir(name);
    mkdirSync(join(dir, 'versions'), { recursive: true });
    const version = Math.max(0, ...this.versionNumbers(name)) + 1;
    const vdir = join(dir, 'versions', String(version));
    mkdirSync(vdir);
    const createdAt = opts.createdAt ?? new Date(this.clock.now()).toISOString();
    const file = saveModelFile(join(vdir, MODEL_FILE), est, { ...opts, createdAt });
    const meta: ModelVersion = {
      name,
      version,
      kind: file.kind,
      createdAt,
      featureSchemaHash: file.featureSchemaHash,
      dataFingerprint: file.dataFingerprint,
      metrics: file.metrics,
      description: opts.description ?? '',
    };
    writeJsonAtomic(join(vdir, 'meta.json'), meta);
    return meta;
  }

  /** Model names in the registry, sorted. */
  models(): string[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root, { withFileTypes: true })
      .filter((d) => d.isDirectory() && NAME.test(d.name))
      .map((d) => d.name)
      .sort();
  }

  versions(name: string): ModelVersion[] {
    return this.versionNumbers(name).map((v) => this.version(name, v));
  }

  version(name: string, version: number): ModelVersion {
    const path = join(this.modelDir(name), 'versions', String(version), 'meta.json');
    if (!existsSync(path)) throw fail(`model ${name} has no version ${version}`);
    return readJson<ModelVersion>(path);
  }

  /** The version currently in a stage, or null. */
  current(name: string, stage: Stage): number | null {
    return this.stages(name)[stage].current;
  }

  /** Puts a version into a stage; the version it replaces is kept for rollback. */
  transition(name: string, version: number, stage: Stage): void {
    this.version(name, version);
    const s = this.stages(name);
    const st = s[stage];
    if (st.current === version) return;
    if (st.current !== null) st.history.push(st.current);
    st.current = version;
    writeJsonAtomic(this.stagesPath(name), s);
  }

  /** Moves the staging version (or the given one) to production. */
  promote(name: string, version?: number): number {
    const v = version ?? this.current(name, 'staging');
    if (v === null) throw fail(`model ${name} has nothing in staging to promote`);
    this.transition(name, v, 'production');
    return v;
  }

  /** Restores the version a stage had before its last transition; returns it. */
  rollback(name: string, stage: Stage = 'production'): number {
    const s = this.stages(name);
    const st = s[stage];
    const previous = st.history.pop();
    if (previous === undefined) throw fail(`model ${name} has no earlier ${stage} version to roll back to`);
    st.current = previous;
    writeJsonAtomic(this.stagesPath(name), s);
    return previous;
  }

  /** Loads the estimator of a stage or a version number (checking the feature schema as persistence does). */
  load(name: string, which: Stage | number, opts: LoadOptions): { estimator: Estimator; version: ModelVersion } {
    const v = typeof which === 'number' ? which : this.current(name, which);
    if (v === null) throw fail(`model ${name} has no ${String(which)} version`);
    const version = this.version(name, v);
    const { estimator } = loadModelFile(join(this.modelDir(name), 'versions', String(v), MODEL_FILE), opts);
    return { estimator, version };
  }

  private modelDir(name: string): string {
    if (!NAME.test(name)) throw fail(`model name ${JSON.stringify(name)} must match ${NAME.source}`);
    return join(this.root, name);
  }

  private versionNumbers(name: string): number[] {
    const dir = join(this.modelDir(name), 'versions');
    if (!existsSync(dir)) return [];
    return readdirSync(dir)
      .filter((d) => /^[1-9][0-9]*$/.test(d))
      .map(Number)
      .sort((a, b) => a - b);
  }

  private stagesPath(name: string): string {
    return join(this.modelDir(name), 'stages.json');
  }

  private stages(name: string): StagesFile {
    if (this.versionNumbers(name).length === 0) throw fail(`no model named ${name} in ${this.root}`);
    const path = this.stagesPath(name);
    if (!existsSync(path)) return { staging: { current: null, history: [] }, production: { current: null, history: [] } };
    return readJson<StagesFile>(path);
  }
}
