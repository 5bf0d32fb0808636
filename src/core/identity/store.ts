// Reads and writes <data_dir>/instance.json (owner-only, 0600). A file may hold just the seed and creation time,
// or an operator's edits of some fields: whatever it leaves out is derived again from the seed.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InstanceIdentitySchema, type InstanceIdentity } from '../../schema/instance-identity.js';
import { PhantomError } from '../errors.js';
import { generateIdentity, newSeed } from './generate.js';

export const IDENTITY_FILE = 'instance.json';

export function identityPath(dataDir: string): string {
  return join(dataDir, IDENTITY_FILE);
}

/** The stored identity, or undefined when the data directory has none yet. */
export function readIdentity(dataDir: string): InstanceIdentity | undefined {
  const file = identityPath(dataDir);
  if (!existsSync(file)) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PhantomError('PN_ERR_INSTANCE', `${file}: not readable JSON: ${(e as Error).message}`, { cause: e });
  }
  if (!isRecord(raw) || typeof raw.seed !== 'string' || !/^[0-9a-f]{32}$/.test(raw.seed) || typeof raw.created !== 'string' || Number.isNaN(Date.parse(raw.created))) {
    throw new PhantomError('PN_ERR_INSTANCE', `${file}: needs "seed" (32 lowercase hex digits) and "created" (an ISO date); run phantomnet init --force to make a new one`);
  }
  const merged = merge(generateIdentity(raw.seed, new Date(raw.created)), raw);
  const result = InstanceIdentitySchema.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new PhantomError('PN_ERR_INSTANCE', `${file} does not match the instance schema:\n${problems}`);
  }
  return result.data;
}

/** Write `identity`; without `force` an existing file is never replaced. */
export function writeIdentity(dataDir: string, identity: InstanceIdentity, opts: { force?: boolean } = {}): string {
  const file = identityPath(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // 'wx' fails if the file appeared meanwhile, so two first starts never pick two identities.
    writeFileSync(file, JSON.stringify(identity, null, 2) + '\n', { mode: 0o600, flag: opts.force ? 'w' : 'wx' });
    chmodSync(file, 0o600);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new PhantomError('PN_ERR_INSTANCE', `${file} already exists; this instance already has its identity. Use --force to replace it (the emulated machine will change).`, { cause: e });
    }
    throw new PhantomError('PN_ERR_INSTANCE', `${file}: ${(e as Error).message}`, { cause: e });
  }
  return file;
}

/** A fresh identity for a new instance. */
export function createIdentity(now = new Date()): InstanceIdentity {
  return generateIdentity(newSeed(), now);
}

/** The stored identity, or a new one written now (first start). */
export function loadOrCreateIdentity(dataDir: string, now = new Date()): { identity: InstanceIdentity; created: boolean } {
  const existing = readIdentity(dataDir);
  if (existing) return { identity: existing, created: false };
  const identity = createIdentity(now);
  writeIdentity(dataDir, identity);
  return { identity, created: true };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `over`'s values on top of `base`, object by object; arrays and scalars are replaced whole. */
function merge(base: unknown, over: unknown): unknown {
  if (!isRecord(base) || !isRecord(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = merge(base[k], v);
  return out;
}
