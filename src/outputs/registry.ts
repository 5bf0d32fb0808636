// Outputs by config name, so the composition root builds them from the `outputs` section without a switch.
// Adding an output is one entry here plus its schema in src/schema/config.ts.
import { isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import type { Clock } from '../core/clock.js';
import { PhantomError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Output } from '../core/output.js';
import { CowrieJsonOutputSchema, type Config } from '../schema/config.js';
import { CowrieJsonOutput } from './cowrie-json.js';

export interface OutputDeps {
  /** Relative output paths are inside the data directory. */
  dataDir: string;
  logger: Logger;
  clock: Clock;
}

type OutputsConfig = Config['outputs'];
export type OutputName = keyof OutputsConfig;

interface OutputEntry<S extends z.ZodType<{ enabled: boolean }>> {
  /** Parses a raw section too, so a caller holding unvalidated config gets defaults and a clear error. */
  schema: S;
  create(config: z.output<S>, deps: OutputDeps): Output;
}

const entry = <S extends z.ZodType<{ enabled: boolean }>>(e: OutputEntry<S>): OutputEntry<S> => e;

const inDataDir = (dataDir: string, p: string): string => (isAbsolute(p) ? p : resolve(dataDir, p));

export const OUTPUTS = {
  cowrie_json: entry({
    schema: CowrieJsonOutputSchema,
    create: (cfg, deps) =>
      new CowrieJsonOutput({
        path: inDataDir(deps.dataDir, cfg.path),
        rotate: cfg.rotate,
        logger: deps.logger.child({ output: 'cowrie_json' }),
        clock: deps.clock,
      }),
  }),
} satisfies { [K in OutputName]: OutputEntry<z.ZodType<OutputsConfig[K]>> };

export const OUTPUT_NAMES = Object.keys(OUTPUTS) as OutputName[];

function lookup(name: string): OutputEntry<z.ZodType<{ enabled: boolean }>> {
  if (!Object.hasOwn(OUTPUTS, name)) {
    throw new PhantomError('PN_ERR_OUTPUT', `unknown output "${name}" (known: ${OUTPUT_NAMES.join(', ')})`);
  }
  return OUTPUTS[name as OutputName];
}

/** Build one output from its config section; null when the section says enabled: false. */
export function createOutput(name: string, section: unknown, deps: OutputDeps): Output | null {
  const e = lookup(name);
  const parsed = e.schema.safeParse(section ?? {});
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${[name, ...i.path].join('.')}: ${i.message}`).join('; ');
    throw new PhantomError('PN_ERR_OUTPUT', `invalid config for output "${name}": ${detail}`);
  }
  return parsed.data.enabled ? e.create(parsed.data, deps) : null;
}

/** Every enabled output of the `outputs` config section, in section order. */
export function createOutputs(outputs: Record<string, unknown>, deps: OutputDeps): Output[] {
  const built: Output[] = [];
  for (const [name, section] of Object.entries(outputs)) {
    const out = createOutput(name, section, deps);
    if (out) built.push(out);
  }
  return built;
}
