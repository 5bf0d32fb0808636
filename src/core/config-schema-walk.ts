// Reads the shape of a zod config schema (sections, leaves, defaults) so env overrides, error hints and the
// docs test all follow the schema instead of a hand-kept list of keys.
import { z } from 'zod';

export type Schema = z.core.$ZodType;

/** Peels defaults and optionality off, down to the schema that decides the value's type. */
export function unwrap(schema: Schema): Schema {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
  return s;
}

/** The keys of an object schema (null when the schema is not an object). */
export function objectShape(schema: Schema): Readonly<Record<string, Schema>> | null {
  const s = unwrap(schema);
  return s instanceof z.ZodObject ? s.shape : null;
}

export function arrayElement(schema: Schema): Schema | null {
  const s = unwrap(schema);
  return s instanceof z.ZodArray ? s.element : null;
}

/** The schema that checks the value at `path`, or null when the path leaves the schema. */
export function schemaAt(root: Schema, path: readonly PropertyKey[]): Schema | null {
  let s: Schema | null = root;
  for (const seg of path) {
    if (s === null) return null;
    if (typeof seg === 'number') s = arrayElement(s);
    else s = objectShape(s)?.[String(seg)] ?? null;
  }
  return s;
}

export interface Leaf {
  path: string[];
  schema: Schema;
}

/** Every settable key below the object sections, in schema order. A list (auth.users) is one leaf. */
export function leafPaths(root: Schema, prefix: string[] = []): Leaf[] {
  const shape = objectShape(root);
  if (shape === null) return [{ path: prefix, schema: root }];
  return Object.entries(shape).flatMap(([key, s]) => leafPaths(s, [...prefix, key]));
}

/** The value a key takes when the file and the environment leave it out. */
export function defaultOf(schema: Schema): unknown {
  const r = z.safeParse(schema, undefined);
  return r.success ? r.data : undefined;
}
