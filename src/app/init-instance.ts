// `phantomnet init`: choose this deployment's identity and make the keys that go with it, so no two instances
// share a host name, kernel build, MAC, machine-id, SSH fingerprint or certificate.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../schema/config.js';
import type { InstanceIdentity } from '../schema/instance-identity.js';
import { resolvedDataDir } from '../core/config-loader.js';
import { instanceFqdn } from '../core/identity/fqdn.js';
import { createIdentity, identityPath, readIdentity, writeIdentity } from '../core/identity/store.js';
import { PhantomError } from '../core/errors.js';
import { loadOrCreateHostKeys, type HostKey } from '../sensors/ssh/host-keys.js';
import { loadOrCreateTlsIdentity } from '../sensors/http/self-signed-cert.js';
import { prepareDataDir } from './data-dir.js';

export interface InitResult {
  file: string;
  identity: InstanceIdentity;
  hostKeys: HostKey[];
  /** The name the HTTPS certificate was issued for. */
  tlsName: string;
}

const HOST_KEY_FILES = ['ssh_host_ecdsa_key', 'ssh_host_ecdsa_key.pub', 'ssh_host_ed25519_key', 'ssh_host_ed25519_key.pub'];
const TLS_FILES = ['https-key.pem', 'https-cert.pem'];

/**
 * Write a new instance.json (refused when one exists, unless `force`), then the keys: the HTTPS certificate is
 * always made anew (it names the host); SSH host keys only with `force`, since a new machine has new keys.
 */
export function initInstance(config: Config, opts: { force?: boolean; now?: Date } = {}): InitResult {
  const dataDir = resolvedDataDir(config);
  prepareDataDir(dataDir);
  if (!opts.force && readIdentityOrNull(dataDir)) {
    throw new PhantomError('PN_ERR_INSTANCE', `${identityPath(dataDir)} already exists; this instance already has its identity. Use --force to replace it (the emulated machine, its SSH host keys and certificate all change).`);
  }
  const identity = createIdentity(opts.now ?? new Date());
  const keysDir = join(dataDir, 'keys');
  if (opts.force) for (const f of HOST_KEY_FILES) rmSync(join(keysDir, f), { force: true });
  for (const f of TLS_FILES) rmSync(join(keysDir, f), { force: true });
  const file = writeIdentity(dataDir, identity, { force: opts.force === true });
  const hostKeys = loadOrCreateHostKeys(keysDir, ['ecdsa', 'ed25519']);
  const tlsName = config.http.server_name ?? instanceFqdn(identity);
  loadOrCreateTlsIdentity(keysDir, tlsName, config.https.cert_days, opts.now ?? new Date());
  return { file, identity, hostKeys, tlsName };
}

/** An unreadable file counts as present: init must not silently replace what the operator may want back. */
function readIdentityOrNull(dataDir: string): InstanceIdentity | 'unreadable' | undefined {
  try {
    return readIdentity(dataDir);
  } catch {
    return 'unreadable';
  }
}
