// Loads the configuration: file (--config, $PHANTOMNET_CONFIG or ./phantomnet.yaml), then PHANTOMNET_* overrides,
// then the schema; every problem comes back at once, each pinned to a file line or an environment variable.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { ConfigSchema, crossFieldProblems } from '../schema/config.js';
import type { Config } from '../schema/config.js';
import { PhantomError } from './errors.js';
import { dottedPath, makeProblem, showValue } from './config-problems.js';
import type { ConfigProblem, ProblemOrigin } from './config-problems.js';
import { CONFIG_FILE_ENV, readEnvOverrides } from './config-env.js';
import type { EnvOverride } from './config-env.js';
import { parseYamlConfig } from './config-yaml.js';
import type { YamlConfig } from './config-yaml.js';
import { validateConfigData } from './config-validate.js';
import type { ConfigSpec, Issue } from './config-validate.js';

export { CONFIG_FILE_ENV } from './config-env.js';
export type { ConfigProblem, ProblemOrigin } from './config-problems.js';
export type { ConfigSpec } from './config-validate.js';

/** Looked for in the working directory when neither --config nor $PHANTOMNET_CONFIG names a file. */
export const DEFAULT_CONFIG_FILE = 'phantomnet.yaml';

export interface LoadOptions {
  /** Config file (--config); relative to `cwd`. It must exist. */
  file?: string;
  /** Defaults to process.cwd(). */
  cwd?: string;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

/** `source` is the absolute path of the file read (or that could not be read), null when running on defaults. */
export type LoadResult<T = Config> =
  | { ok: true; config: T; source: string | null; problems: [] }
  | { ok: false; config: null; source: string | null; problems: ConfigProblem[] };

export const DEFAULT_CONFIG_SPEC: ConfigSpec<Config> = { schema: ConfigSchema, crossField: (cfg) => crossFieldProblems(cfg) };

export function loadConfig(options: LoadOptions = {}): LoadResult {
  return loadConfigWith(DEFAULT_CONFIG_SPEC, options);
}

/** Like loadConfig, but throws PhantomError listing every problem, one per line. */
export function loadConfigOrThrow(options: LoadOptions = {}): Config {
  const r = loadConfig(options);
  if (r.ok) return r.config;
  // A file that cannot be read or parsed is a different fault (and fix) than a wrong value.
  const code = r.problems.some((p) => p.code === 'PN_ERR_CONFIG_READ') ? 'PN_ERR_CONFIG_READ' : 'PN_ERR_CONFIG_INVALID';
  throw new PhantomError(code, r.problems.map((p) => p.message).join('\n'));
}

/**
 * The absolute data directory. The loader has already resolved it (see loadConfigWith); a config built some
 * other way (ConfigSchema.parse in a test) gets it resolved against the working directory.
 */
export function resolvedDataDir(config: { general: { data_dir: string } }): string {
  return resolve(config.general.data_dir);
}

/**
 * Relative paths in the config (store.path, outputs.cowrie_json.path, ...) are inside general.data_dir;
 * absolute paths are kept as they are.
 */
export function resolveDataPath(config: { general: { data_dir: string } }, p: string): string {
  return resolve(resolvedDataDir(config), p);
}

/** loadConfig for any schema shaped like the config (tests use it to add a second sensor section). */
export function loadConfigWith<T extends { general: { data_dir: string } }>(spec: ConfigSpec<T>, options: LoadOptions = {}): LoadResult<T> {
  const cwd = resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const problems: ConfigProblem[] = [];

  const found = findConfigFile(options.file ?? env[CONFIG_FILE_ENV], cwd);
  let yaml: YamlConfig | null = null;
  if (found !== null) {
    const text = readConfigFile(found.path, found.display, problems);
    if (text !== null) {
      yaml = parseYamlConfig(text, found.display);
      problems.push(...yaml.problems);
    }
  }
  const source = found?.path ?? null;
  const fileData = yaml === null ? {} : yaml.data;

  const fromEnv = readEnvOverrides(env, spec.schema);
  problems.push(...fromEnv.problems);
  // Without the file's data there is nothing sensible to validate; a bad variable alone does not stop the
  // check, so one run lists every problem.
  if (fileData === undefined || problems.some((p) => p.code === 'PN_ERR_CONFIG_READ')) return failed(source, problems);

  const data = applyOverrides(fileData, fromEnv.overrides);
  const checked = validateConfigData(data, spec);
  if (!checked.ok) {
    const place = placer(yaml, found?.display ?? null, fromEnv.overrides, data);
    problems.push(...checked.issues.map(place));
  }
  if (!checked.ok || problems.length > 0) return failed(source, problems);

  // data_dir written in the file is relative to the file's directory, so a config works wherever the daemon is
  // started from; from the environment or the default it is relative to the working directory.
  const fromFile = found !== null && hasPath(fileData, ['general', 'data_dir']) && !fromEnv.overrides.some((o) => dottedPath(o.path) === 'general.data_dir');
  const config = checked.value;
  const dataDir = resolve(fromFile ? dirname(found.path) : cwd, config.general.data_dir);
  return { ok: true, config: { ...config, general: { ...config.general, data_dir: dataDir } }, source, problems: [] };
}

function findConfigFile(given: string | undefined, cwd: string): { path: string; display: string } | null {
  if (given !== undefined && given !== '') {
    const path = resolve(cwd, given);
    return { path, display: isAbsolute(given) ? given : relative(cwd, path) || given };
  }
  const path = resolve(cwd, DEFAULT_CONFIG_FILE);
  return existsSync(path) ? { path, display: DEFAULT_CONFIG_FILE } : null;
}

function readConfigFile(path: string, display: string, problems: ConfigProblem[]): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (e as Error).message;
    problems.push(makeProblem('PN_ERR_CONFIG_READ', { kind: 'file', file: display }, '', `cannot read the configuration file: ${why}`));
    return null;
  }
}

function failed(source: string | null, problems: ConfigProblem[]): { ok: false; config: null; source: string | null; problems: ConfigProblem[] } {
  return { ok: false, config: null, source, problems: sortProblems(problems) };
}

/** File problems in line order first, then defaults, then the environment: the order an operator fixes them. */
function sortProblems(problems: ConfigProblem[]): ConfigProblem[] {
  const rank = (o: ProblemOrigin) => (o.kind === 'file' ? 0 : o.kind === 'default' ? 1 : 2);
  const line = (o: ProblemOrigin) => (o.kind === 'file' ? [o.line ?? 0, o.column ?? 0] : [0, 0]);
  return [...problems].sort((a, b) => {
    const [la, ca] = line(a.origin);
    const [lb, cb] = line(b.origin);
    return rank(a.origin) - rank(b.origin) || (la ?? 0) - (lb ?? 0) || (ca ?? 0) - (cb ?? 0);
  });
}

/** Env wins over the file. A value the file has of the wrong shape (`ssh: 5`) is left for the schema to report. */
function applyOverrides(fileData: unknown, overrides: readonly EnvOverride[]): unknown {
  if (!isRecord(fileData)) return fileData;
  const data: Record<string, unknown> = structuredClone(fileData);
  for (const o of overrides) {
    let node: Record<string, unknown> = data;
    const last = o.path.length - 1;
    for (const [i, key] of o.path.entries()) {
      if (i === last) {
        node[key] = o.value;
        break;
      }
      const next = node[key] ?? (node[key] = {});
      if (!isRecord(next)) break;
      node = next;
    }
  }
  return data;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let v = data;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string | number, unknown>)[seg];
  }
  return v;
}

function hasPath(data: unknown, path: readonly string[]): boolean {
  return valueAt(data, path) !== undefined;
}

/**
 * Turns a schema issue into a problem pinned where the value came from: the environment variable that set it
 * (or a key above it), else its line in the file (or its nearest parent's), else "(default)".
 */
function placer(yaml: YamlConfig | null, file: string | null, overrides: readonly EnvOverride[], data: unknown): (issue: Issue) => ConfigProblem {
  return (issue) => {
    const path = dottedPath(issue.path);
    const env = overrides.filter((o) => o.path.every((k, i) => issue.path[i] === k)).sort((a, b) => b.path.length - a.path.length)[0];
    const exactEnv = env !== undefined && env.path.length === issue.path.length;
    const got = !issue.showValue ? '' : ` (got ${exactEnv ? JSON.stringify(env.raw) : showValue(valueAt(data, issue.path))})`;
    let origin: ProblemOrigin = { kind: 'default' };
    if (env !== undefined) origin = { kind: 'env', variable: env.variable, path: dottedPath(env.path) };
    else {
      const pos = yaml?.locate(issue.path, issue.at) ?? null;
      if (pos !== null && file !== null) origin = { kind: 'file', file, line: pos.line, column: pos.column };
    }
    return makeProblem('PN_ERR_CONFIG_INVALID', origin, path, issue.message + got);
  };
}
