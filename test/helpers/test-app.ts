// A standalone PhantomNet on ephemeral loopback ports with a throwaway data directory, for end-to-end tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigSchema, SENSOR_SECTIONS, type Config } from '../../src/schema/config.js';
import { Standalone } from '../../src/app/standalone.js';
import { generateIdentity } from '../../src/core/identity/generate.js';
import { readIdentity, writeIdentity } from '../../src/core/identity/store.js';
import type { InstanceIdentity } from '../../src/schema/instance-identity.js';

/**
 * The machine tests see unless they bring their own instance.json: a fixed seed with the host name and kernel
 * the end-to-end tests were written against, so their expectations stay literal.
 */
export function fixtureIdentity(): InstanceIdentity {
  const id = generateIdentity('0123456789abcdef0123456789abcdef', new Date('2025-09-01T00:00:00Z'));
  return { ...id, hostname: 'web-prod-02', kernel: { release: '6.1.0-37-amd64', version: '#1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22)' } };
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export interface TestApp {
  app: Standalone;
  dir: string;
  logs: string[];
  config: Config;
  cleanup(): Promise<void>;
}

export async function startTestApp(overrides: DeepPartial<Config> = {}, dir?: string): Promise<TestApp> {
  const dataDir = dir ?? mkdtempSync(join(tmpdir(), 'pn-test-'));
  // Every sensor on loopback and an ephemeral port: tests never touch the default ports.
  const sensors = Object.fromEntries(SENSOR_SECTIONS.map((name) => [name, { host: '127.0.0.1', port: 0, ...overrides[name] }]));
  const raw = {
    ...overrides,
    ...sensors,
    general: { ...overrides.general, data_dir: dataDir },
    store: { flush_interval_ms: 5, ...overrides.store },
  };
  const config = ConfigSchema.parse(raw);
  if (!readIdentity(dataDir)) writeIdentity(dataDir, fixtureIdentity());
  const logs: string[] = [];
  const app = await Standalone.start(config, { logWrite: (l) => logs.push(l) });
  return {
    app,
    dir: dataDir,
    logs,
    config,
    cleanup: async () => {
      await app.stop();
      if (!dir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
