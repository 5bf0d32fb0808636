// Environment overrides: PHANTOMNET_<SECTION>_<KEY>=value sets one config key, coerced to the key's type.
// Keys contain underscores (PHANTOMNET_STORE_BATCH_SIZE), so names are resolved against the schema, not split blindly.
import { z } from 'zod';
import { closest } from './did-you-mean.js';
import { dottedPath, makeProblem } from './config-problems.js';
import type { ConfigProblem } from './config-problems.js';
import { leafPaths, objectShape, schemaAt, unwrap } from './config-schema-walk.js';
import type { Schema } from './config-schema-walk.js';

export const ENV_PREFIX = 'PHANTOMNET_';
/** Names the config file to load (same as --config); it is not a config key. */
export const CONFIG_FILE_ENV = 'PHANTOMNET_CONFIG';
/** Variables with the prefix that are not config keys, so they are neither applied nor reported as unknown. */
export const NON_CONFIG_ENV_VARS: ReadonlySet<string> = new Set([CONFIG_FILE_ENV]);

export interface EnvOverride {
  variable: string;
  raw: string;
  path: string[];
  value: unknown;
}

export function envVarName(path: readonly string[]): string {
  return ENV_PREFIX + path.join('_').toUpperCase();
}

/** Reads every PHANTOMNET_* variable; a name that is no key, or a value of the wrong type, is a problem. */
export function readEnvOverrides(env: NodeJS.ProcessEnv, root: Schema): { overrides: EnvOverride[]; problems: ConfigProblem[] } {
  const overrides: EnvOverride[] = [];
  const problems: ConfigProblem[] = [];
  const byPath = new Map<string, string>();
  const fail = (variable: string, path: string, message: string) => problems.push(makeProblem('PN_ERR_CONFIG_INVALID', { kind: 'env', variable, path }, path, message));
  for (const variable of Object.keys(env).sort()) {
    const raw = env[variable];
    if (!variable.startsWith(ENV_PREFIX) || NON_CONFIG_ENV_VARS.has(variable) || raw === undefined) continue;
    const path = resolveKey(variable.slice(ENV_PREFIX.length).split('_'), root);
    if (path === null) {
      fail(variable, '', unknownVariableMessage(variable, root));
      continue;
    }
    const dotted = dottedPath(path);
    const earlier = byPath.get(dotted);
    if (earlier !== undefined) {
      fail(variable, dotted, `sets ${dotted}, which ${earlier} already sets`);
      continue;
    }
    byPath.set(dotted, variable);
    const coerced = coerce(raw, schemaAt(root, path) ?? root);
    if ('message' in coerced) fail(variable, dotted, `${coerced.message} (got ${JSON.stringify(raw)})`);
    else overrides.push({ variable, raw, path, value: coerced.value });
  }
  return { overrides, problems };
}

/**
 * Maps the name's tokens onto schema keys, trying the longest run of tokens first at each level and backing
 * off, case-insensitively. Only leaves resolve: a name that stops at a section is not a key.
 */
function resolveKey(tokens: readonly string[], schema: Schema, from = 0): string[] | null {
  const shape = objectShape(schema);
  if (shape === null) return from === tokens.length ? [] : null;
  const keys = Object.keys(shape);
  for (let end = tokens.length; end > from; end--) {
    const wanted = tokens.slice(from, end).join('_').toLowerCase();
    const key = keys.find((k) => k.toLowerCase() === wanted);
    const child = key === undefined ? undefined : shape[key];
    if (key === undefined || child === undefined) continue;
    const rest = resolveKey(tokens, child, end);
    if (rest !== null) return [key, ...rest];
  }
  return null;
}

function unknownVariableMessage(variable: string, root: Schema): string {
  const names = leafPaths(root).map((l) => envVarName(l.path));
  const inside = names.find((n) => n.startsWith(`${variable.toUpperCase()}_`));
  if (inside !== undefined) return `names a section, not a key (set one of its keys, e.g. ${inside})`;
  const hint = closest(variable, names);
  return hint === undefined ? 'matches no configuration key' : `matches no configuration key (did you mean ${hint}?)`;
}

const TRUE = new Set(['true', '1', 'yes']);
const FALSE = new Set(['false', '0', 'no']);
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * Turns the string into what the key's schema expects. Only the type is settled here; ranges, enums and
 * formats are left to the schema so file and environment values get the same messages.
 */
function coerce(raw: string, schema: Schema): { value: unknown } | { message: string } {
  const s = unwrap(schema);
  const text = raw.trim();
  if (s instanceof z.ZodNumber) return NUMBER.test(text) ? { value: Number(text) } : { message: 'expected a number' };
  if (s instanceof z.ZodBoolean) {
    const t = text.toLowerCase();
    if (TRUE.has(t)) return { value: true };
    if (FALSE.has(t)) return { value: false };
    return { message: 'expected true/false, 1/0 or yes/no' };
  }
  if (s instanceof z.ZodEnum) {
    const option = s.options.find((o) => String(o).toLowerCase() === text.toLowerCase());
    return { value: option ?? raw };
  }
  if (s instanceof z.ZodArray) {
    try {
      return { value: JSON.parse(raw) as unknown };
    } catch {
      return { message: 'expected a JSON list' };
    }
  }
  return { value: raw };
}
