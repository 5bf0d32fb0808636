// Checks merged config data against the schema and the cross-field rules in one pass, so `validate` lists every
// problem at once even though zod skips an object's refinements when a field inside it failed.
import { z } from 'zod';
import type { CrossFieldProblem } from '../schema/config.js';
import { closest } from './did-you-mean.js';
import { issueMessage } from './config-problems.js';
import { arrayElement, objectShape, schemaAt } from './config-schema-walk.js';
import type { Schema } from './config-schema-walk.js';

export interface ConfigSpec<T> {
  /** The config object schema. Its root refinements are not run: express them in `crossField`. */
  readonly schema: z.ZodType<T>;
  /** Rules across sections; must tolerate partial data (invalid fields are left out). */
  readonly crossField: (cfg: { readonly [section: string]: unknown }) => CrossFieldProblem[];
}

export interface Issue {
  path: (string | number)[];
  message: string;
  /** Unknown keys point at the key itself; everything else at the value. */
  at: 'key' | 'value';
  /** Whether the message should be followed by the offending value ("(got 70000)"). */
  showValue: boolean;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

export function validateConfigData<T>(data: unknown, spec: ConfigSpec<T>): Validation<T> {
  // Without its refinements the schema reports field problems only; the cross-field rules then run here on
  // whatever is valid, so they are reported whether or not a field failed, and exactly once.
  const base = spec.schema.clone({ ...spec.schema.def, checks: [] });
  const input = dropEmptySections(base, data);
  const parsed = base.safeParse(input, { error: issueMessage });
  const issues = parsed.success ? [] : parsed.error.issues.flatMap((i) => fromZod(i, base));
  const usable = parsed.success ? parsed.data : salvage(base, input).data;
  if (isRecord(usable)) {
    for (const p of spec.crossField(usable)) issues.push({ path: p.path, message: p.message, at: 'value', showValue: false });
  }
  if (parsed.success && issues.length === 0) return { ok: true, value: parsed.data };
  const seen = new Set<string>();
  return { ok: false, issues: issues.filter((i) => !seen.has(key(i)) && seen.add(key(i))) };
}

const key = (i: Issue) => `${i.path.join('\0')}\0${i.message}`;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fromZod(issue: z.core.$ZodIssue, root: Schema): Issue[] {
  const path = issue.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (issue.code === 'unrecognized_keys') {
    const allowed = Object.keys(objectShape(schemaAt(root, path) ?? root) ?? {});
    return issue.keys.map((k) => {
      const hint = closest(k, allowed);
      return { path: [...path, k], message: hint === undefined ? 'unknown key' : `unknown key (did you mean ${hint}?)`, at: 'key', showValue: false };
    });
  }
  // invalid_type already says what it got; custom messages are written whole.
  const showValue = issue.code !== 'invalid_type' && issue.code !== 'custom';
  return [{ path, message: issue.message, at: 'value', showValue }];
}

/**
 * A section written with every key commented out (`ssh:`) is YAML null; it means "all defaults", not a
 * type error, so such nulls are removed before parsing.
 */
function dropEmptySections(schema: Schema, data: unknown): unknown {
  const shape = objectShape(schema);
  if (shape === null || !isRecord(data)) return data;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    const child = shape[k];
    if (v === null && child !== undefined && objectShape(child) !== null) continue;
    out[k] = child === undefined ? v : dropEmptySections(child, v);
  }
  return out;
}

/**
 * The valid part of `value`: each field that passes on its own (defaults filled in), failed fields left out,
 * list items that fail left as holes so indexes still match the file.
 */
function salvage(schema: Schema, value: unknown): { ok: boolean; data: unknown } {
  const whole = z.safeParse(schema, value);
  if (whole.success) return { ok: true, data: whole.data };
  const shape = objectShape(schema);
  if (shape !== null && isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, s] of Object.entries(shape)) {
      const part = salvage(s, value[k]);
      if (part.ok) out[k] = part.data;
    }
    return { ok: true, data: out };
  }
  const element = arrayElement(schema);
  if (element !== null && Array.isArray(value)) {
    return { ok: true, data: value.map((item: unknown) => salvage(element, item)).map((p) => (p.ok ? p.data : undefined)) };
  }
  return { ok: false, data: undefined };
}
