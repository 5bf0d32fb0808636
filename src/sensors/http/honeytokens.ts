// Per-instance honeytokens (cloud keys, database and git credentials), derived from a random seed kept
// in the data directory, so every deployment leaks different values and they stay stable across restarts.
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Honeytokens {
  aws_key_id: string;
  aws_secret: string;
  db_user: string;
  db_pass: string;
  db_name: string;
  app_key: string;
  git_token: string;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function pick(bytes: Buffer, alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[bytes[i % bytes.length]! % alphabet.length];
  return s;
}

export function deriveHoneytokens(seed: Buffer): Honeytokens {
  const h = (label: string): Buffer => createHmac('sha256', seed).update(label).digest();
  const secret = Buffer.concat([h('aws-secret-1'), h('aws-secret-2')]);
  return {
    // AWS access key ids are "AKIA" plus 16 base32 characters; secrets are 40 base64-alphabet characters.
    aws_key_id: 'AKIA' + pick(h('aws-key-id'), BASE32, 16),
    aws_secret: pick(secret, ALNUM + '+/', 40),
    db_user: 'intranet',
    db_pass: pick(h('db-pass'), ALNUM, 16),
    db_name: 'intranet_prod',
    app_key: h('app-key').toString('base64'),
    git_token: 'glpat-' + pick(h('git-token'), ALNUM + '-_', 20),
  };
}

/** The instance seed at `file`, created (32 random bytes, mode 0600) on first use. */
export function loadOrCreateSeed(file: string): Buffer {
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const seed = randomBytes(32);
  writeFileSync(file, seed.toString('hex') + '\n', { mode: 0o600 });
  return seed;
}
