// Instance identities: valid, self-consistent, different per seed, the same for the same seed, and stored safely.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstanceIdentitySchema } from '../../schema/instance-identity.js';
import { PhantomError } from '../errors.js';
import { generateIdentity, newSeed } from './generate.js';
import { DEBIAN12_KERNELS, kernelRelease, kernelVersion } from './kernels.js';
import { PLATFORMS } from './platforms.js';
import { identityPath, loadOrCreateIdentity, readIdentity, writeIdentity } from './store.js';

const NOW = new Date('2026-11-20T12:00:00Z');
const SEEDS = Array.from({ length: 200 }, (_, i) => i.toString(16).padStart(32, '0'));

test('the same seed and day give the same machine; the identity matches its schema', () => {
  const a = generateIdentity('00112233445566778899aabbccddeeff', NOW);
  const b = generateIdentity('00112233445566778899aabbccddeeff', NOW);
  assert.deepEqual(a, b);
  assert.equal(InstanceIdentitySchema.safeParse(a).success, true, JSON.stringify(InstanceIdentitySchema.safeParse(a).error?.issues));
});

test('across seeds the identifying values all differ and the host names come in many styles', () => {
  const ids = SEEDS.map((s) => generateIdentity(s, NOW));
  for (const id of ids) assert.equal(InstanceIdentitySchema.safeParse(id).success, true, id.seed);
  const distinct = (f: (x: (typeof ids)[number]) => string): number => new Set(ids.map(f)).size;
  assert.equal(distinct((i) => i.machine.machine_id), ids.length);
  assert.equal(distinct((i) => i.nic.mac), ids.length);
  assert.equal(distinct((i) => i.machine.dmi.product_uuid), ids.length);
  assert.ok(distinct((i) => i.hostname) > 120, `only ${distinct((i) => i.hostname)} host names in 200`);
  assert.ok(distinct((i) => i.kernel.release) >= 8);
  assert.ok(distinct((i) => i.machine.user.name) >= 20);
  assert.equal(distinct((i) => i.platform), PLATFORMS.length);
  assert.ok(distinct((i) => String(i.uptime_base_seconds)) > 190);
  // Styles: with a dash, digits only at the end, a bare word.
  assert.ok(ids.some((i) => /^[a-z]+-[a-z]+-\d+$/.test(i.hostname)));
  assert.ok(ids.some((i) => /^[a-z]+\d+$/.test(i.hostname)));
  assert.ok(ids.some((i) => /^[a-z]+$/.test(i.hostname)));
});

test('each machine is consistent: MAC vendor, NIC, disk and hypervisor of its platform; a real kernel build; booted after it was built', () => {
  for (const seed of SEEDS) {
    const id = generateIdentity(seed, NOW);
    const p = PLATFORMS.find((x) => x.id === id.platform)!;
    assert.ok(p.ouis.some((o) => id.nic.mac.startsWith(o)), `${id.nic.mac} is not a ${p.id} MAC`);
    assert.ok(p.nicNames.includes(id.nic.name));
    assert.equal(id.hardware.disk_device, p.disk);
    assert.equal(id.hardware.hypervisor, p.hypervisor);
    const build = DEBIAN12_KERNELS.find((k) => kernelVersion(k) === id.kernel.version);
    assert.ok(build, `unknown build ${id.kernel.version}`);
    assert.equal(id.kernel.release, kernelRelease(build, p.cloudImage));
    const bootMs = NOW.getTime() - id.uptime_base_seconds * 1000;
    assert.ok(bootMs > Date.parse(`${build.date}T00:00:00Z`), `${seed}: booted before ${build.date}`);
    assert.ok(Date.parse(`${build.date}T00:00:00Z`) < NOW.getTime());
    assert.ok(id.hardware.disk_used_kb < id.hardware.disk_size_kb);
    assert.ok(id.machine.user.name !== 'root' && id.machine.user.name !== 'phil' && id.machine.user.name !== 'richard');
    assert.doesNotMatch(id.nic.ipv4, /\.(0|255)$/);
  }
});

test('no identity uses a public honeypot default or says what it is', () => {
  for (const seed of SEEDS) {
    const text = JSON.stringify(generateIdentity(seed, NOW)).toLowerCase();
    for (const marker of ['svr04', 'svr03', 'nas3', 'phil', 'richard', 'honeypot', 'phantom', 'cowrie', 'kippo', '3.2.0-4-amd64']) {
      assert.ok(!text.includes(marker), `${seed}: ${marker}`);
    }
  }
});

test('instance.json: written 0600, read back equal, never overwritten without force', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-id-'));
  try {
    assert.equal(readIdentity(dir), undefined);
    const first = loadOrCreateIdentity(dir, NOW);
    assert.equal(first.created, true);
    assert.equal(statSync(identityPath(dir)).mode & 0o777, 0o600);
    const again = loadOrCreateIdentity(dir, NOW);
    assert.equal(again.created, false);
    assert.deepEqual(again.identity, first.identity);
    const other = generateIdentity(newSeed(), NOW);
    assert.throws(() => writeIdentity(dir, other), (e: unknown) => e instanceof PhantomError && e.code === 'PN_ERR_INSTANCE' && /--force/.test(e.message));
    assert.deepEqual(readIdentity(dir), first.identity);
    writeIdentity(dir, other, { force: true });
    assert.deepEqual(readIdentity(dir), other);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a file with only the seed and some edits is completed from the seed; a broken one is a clear error', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pn-id-'));
  try {
    const seed = 'ffeeddccbbaa99887766554433221100';
    writeFileSync(identityPath(dir), JSON.stringify({ version: 1, seed, created: NOW.toISOString(), hostname: 'mx2', nic: { ipv4: '192.168.7.20' } }));
    const id = readIdentity(dir)!;
    const full = generateIdentity(seed, NOW);
    assert.equal(id.hostname, 'mx2');
    assert.equal(id.nic.ipv4, '192.168.7.20');
    assert.equal(id.nic.mac, full.nic.mac);
    assert.deepEqual(id.machine, full.machine);
    writeFileSync(identityPath(dir), '{"seed": 12');
    assert.throws(() => readIdentity(dir), (e: unknown) => e instanceof PhantomError && e.code === 'PN_ERR_INSTANCE' && e.message.includes('JSON'));
    writeFileSync(identityPath(dir), JSON.stringify({ version: 1, seed, created: NOW.toISOString(), hostname: 'Bad_Name' }));
    assert.throws(() => readIdentity(dir), (e: unknown) => e instanceof PhantomError && e.code === 'PN_ERR_INSTANCE' && e.message.includes('hostname'));
    assert.ok(readFileSync(identityPath(dir), 'utf8').includes('Bad_Name'), 'a bad file is left for the operator to fix');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
