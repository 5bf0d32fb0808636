import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { loadOrCreateHostKeys } from './host-keys.js';

test('host keys: generated once (0600), reused across starts, same fingerprint', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-keys-'));
  try {
    const first = loadOrCreateHostKeys(dir, ['ecdsa', 'ed25519']);
    assert.deepEqual(first.map((k) => k.type), ['ecdsa', 'ed25519']);
    assert.equal(statSync(join(dir, 'ssh_host_ed25519_key')).mode & 0o777, 0o600);
    assert.deepEqual(loadOrCreateHostKeys(dir, ['ecdsa', 'ed25519']), first);
    assert.match(first[1]!.fingerprint, /^SHA256:[A-Za-z0-9+/]{43}$/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every generated Ed25519 key reads back (ssh2 alone writes a broken one about once in 300)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-keys-'));
  try {
    for (let i = 0; i < 1500; i++) {
      const sub = join(dir, String(i));
      const [key] = loadOrCreateHostKeys(sub, ['ed25519']);
      const pub = readFileSync(join(sub, 'ssh_host_ed25519_key.pub'), 'utf8');
      assert.ok(!(ssh2.utils.parseKey(pub) instanceof Error), `key ${i}: ${pub}`);
      assert.ok(key && !(ssh2.utils.parseKey(key.privateKey) instanceof Error));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
