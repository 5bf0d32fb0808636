// SSH host keys: generated on first start into the data directory (mode 0600) and reused after,
// so the fingerprint an attacker records stays stable across restarts. Never RSA (see the persona).
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { createHash, createPrivateKey, sign } from 'node:crypto';
import ssh2, { type ParsedKey } from 'ssh2';
import { PhantomError } from '../../core/errors.js';

export type HostKeyType = 'ecdsa' | 'ed25519';

export interface HostKey {
  type: HostKeyType;
  privateKey: string;
  /** The key as `ssh-keygen -lf` would show it: SHA256:<base64>. */
  fingerprint: string;
}

function fingerprintOf(publicKey: string): string {
  const parsed = ssh2.utils.parseKey(publicKey);
  if (parsed instanceof Error) throw parsed;
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) throw new Error('no key in public key file');
  return 'SHA256:' + createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '');
}

/**
 * The host key as ssh2 wants it, signing with a key object decoded once. ssh2 signs each key exchange from the
 * PEM text, which OpenSSL 3 decodes anew every time: about half a millisecond, a third of a whole session's CPU.
 */
export function signingKey(privateKey: string): ParsedKey {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) throw new PhantomError('PN_ERR_HOST_KEY', `host key: ${parsed.message}`, { cause: parsed });
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key) throw new PhantomError('PN_ERR_HOST_KEY', 'host key: no key in the file');
  const keyObject = createPrivateKey(key.getPrivatePEM());
  // ssh2's own defaults per key type: EdDSA hashes internally, ECDSA P-256 signs SHA-256; ssh2 converts the DER after.
  const defaultHash = key.type === 'ecdsa-sha2-nistp256' ? 'sha256' : key.type === 'ecdsa-sha2-nistp384' ? 'sha384' : key.type === 'ecdsa-sha2-nistp521' ? 'sha512' : null;
  Object.defineProperty(key, 'sign', {
    value: (data: Buffer | string, algo?: string): Buffer | Error => {
      try {
        return sign(algo ?? defaultHash, typeof data === 'string' ? Buffer.from(data) : data, keyObject);
      } catch (e) {
        // ssh2 expects the error returned, as its own sign() does.
        return e as Error;
      }
    },
  });
  return key;
}

/**
 * A new key pair that parses back. ssh2 1.17 drops a leading zero byte of an Ed25519 public key (about one key
 * in 300), writing a 31-byte key that neither it nor OpenSSH can read; such a pair is drawn again.
 */
export function generatePair(type: HostKeyType): { private: string; public: string } {
  for (let attempt = 0; attempt < 32; attempt++) {
    const pair = type === 'ed25519' ? ssh2.utils.generateKeyPairSync('ed25519') : ssh2.utils.generateKeyPairSync('ecdsa', { bits: 256 });
    if (!(ssh2.utils.parseKey(pair.public) instanceof Error) && !(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
  throw new PhantomError('PN_ERR_HOST_KEY', `could not generate a readable ${type} host key`);
}

/** Load the host keys in `dir`, generating any that are missing. Order follows `types`. */
export function loadOrCreateHostKeys(dir: string, types: readonly HostKeyType[]): HostKey[] {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  return types.map((type) => {
    const file = join(dir, `ssh_host_${type}_key`);
    try {
      if (!existsSync(file)) {
        const pair = generatePair(type);
        writeFileSync(file, pair.private, { mode: 0o600 });
        writeFileSync(`${file}.pub`, pair.public + '\n', { mode: 0o644 });
      }
      chmodSync(file, 0o600);
      const privateKey = readFileSync(file, 'utf8');
      const pub = readFileSync(`${file}.pub`, 'utf8');
      return { type, privateKey, fingerprint: fingerprintOf(pub) };
    } catch (e) {
      if (e instanceof PhantomError) throw e;
      throw new PhantomError('PN_ERR_HOST_KEY', `host key ${file}: ${(e as Error).message}`, { cause: e });
    }
  });
}
