// What the train, model and runs commands share: the configuration from the usual loader, the data
// directory's registry and store, and one way of turning a PhantomError into a message and exit code.
import { loadConfigOrThrow, resolveDataPath, resolvedDataDir } from '../core/config-loader.js';
import { PhantomError } from '../core/errors.js';
import { createLogger } from '../core/logger.js';
import { Metrics } from '../core/metrics.js';
import type { Store } from '../core/store.js';
import type { Config } from '../schema/config.js';
import { ModelRegistry } from '../ml/registry.js';
import { SqliteStore } from '../store/sqlite/sqlite-store.js';
import { prepareDataDir } from '../app/data-dir.js';
import { modelsDir } from '../app/model-loader.js';

/** Exit codes: 1 = the operation was refused (bad input, nothing to promote), 2 = configuration. */
export const EXIT_FAILED = 1;
export const EXIT_CONFIG = 2;

export interface MlContext {
  readonly config: Config;
  readonly dataDir: string;
  readonly registry: ModelRegistry;
}

export function mlContext(configFile: string | undefined): MlContext {
  const config = loadConfigOrThrow({ ...(configFile ? { file: configFile } : {}), env: process.env, cwd: process.cwd() });
  const dataDir = resolvedDataDir(config);
  return { config, dataDir, registry: new ModelRegistry(modelsDir(dataDir)) };
}

/** Opens the configured store (creating the data directory as `start` would); warnings go to stderr. */
export function openStore(ctx: MlContext): Promise<Store> {
  prepareDataDir(ctx.dataDir);
  return SqliteStore.open({
    path: resolveDataPath(ctx.config, ctx.config.store.path),
    logger: createLogger({ level: 'warn' }),
    metrics: new Metrics(),
  });
}

/** Runs a command body; a PhantomError becomes "phantomnet: CODE: message" on stderr and a non-zero exit. */
export async function runCli(body: () => Promise<number> | number): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof PhantomError) {
      process.stderr.write(`phantomnet: ${e.code}: ${e.message}\n`);
      return e.code === 'PN_ERR_CONFIG_INVALID' || e.code === 'PN_ERR_CONFIG_READ' ? EXIT_CONFIG : EXIT_FAILED;
    }
    throw e;
  }
}

/** Fixed-width text table for terminal listings. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
