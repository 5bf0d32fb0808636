// Reads persona data files (YAML under src/personas, copied to dist/personas at build) and validates them.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { z } from 'zod';
import { PhantomError } from './errors.js';

/** The folder holding persona data, next to the compiled or source tree. */
export const PERSONAS_DIR = fileURLToPath(new URL('../personas/', import.meta.url));

/** Load `<kind>/<name>.yaml` and check it against `schema`; a missing or malformed persona is a start-up error. */
export function loadPersona<S extends z.ZodType>(kind: string, name: string, schema: S, dir = PERSONAS_DIR): z.infer<S> {
  const file = join(dir, kind, `${name}.yaml`);
  if (!existsSync(file)) {
    throw new PhantomError('PN_ERR_PERSONA', `persona ${kind}/${name} not found (looked for ${file})`);
  }
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PhantomError('PN_ERR_PERSONA', `persona ${file} is not valid YAML: ${(e as Error).message}`);
  }
  const result = schema.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new PhantomError('PN_ERR_PERSONA', `persona ${file} does not match its schema:\n${problems}`);
  }
  return result.data;
}
