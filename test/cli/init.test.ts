// `phantomnet init`: two instances never look alike, an existing identity is kept unless --force, and a restart
// with the same data directory shows the same machine over a real SSH session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InstanceIdentity } from '../../src/schema/instance-identity.js';
import { requirePrograms } from '../helpers/programs.js';
import { run, sshArgs } from '../helpers/run.js';
import { startTestApp } from '../helpers/test-app.js';

const CLI = ['--import', 'tsx', 'src/cli/main.ts'];

function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PHANTOMNET_')) env[k] = v;
  return { ...env, ...extra };
}

function init(dataDir: string, ...args: string[]): ReturnType<typeof run> {
  return run('node', [...CLI, 'init', ...args], { env: cleanEnv({ PHANTOMNET_GENERAL_DATA_DIR: dataDir }), timeoutMs: 60_000 });
}

function identityIn(dataDir: string): InstanceIdentity {
  return JSON.parse(readFileSync(join(dataDir, 'instance.json'), 'utf8')) as InstanceIdentity;
}

test('two inits choose different machines; init prints the choice; a second init is refused; --force replaces it and the keys', async () => {
  const root = mkdtempSync(join(tmpdir(), 'pn-init-'));
  try {
    const [a, b] = [join(root, 'a'), join(root, 'b')];
    const ra = await init(a);
    assert.equal(ra.code, 0, ra.stderr);
    const rb = await init(b);
    assert.equal(rb.code, 0, rb.stderr);
    const ia = identityIn(a);
    const ib = identityIn(b);
    assert.equal(statSync(join(a, 'instance.json')).mode & 0o777, 0o600);
    assert.notEqual(ia.seed, ib.seed);
    assert.notEqual(ia.machine.machine_id, ib.machine.machine_id);
    assert.notEqual(ia.nic.mac, ib.nic.mac);
    assert.notEqual(ia.machine.dmi.product_uuid, ib.machine.dmi.product_uuid);
    // Host names and kernel builds come from lists; two draws may rarely coincide, the pair never does.
    assert.notEqual(`${ia.hostname} ${ia.kernel.version} ${ia.uptime_base_seconds}`, `${ib.hostname} ${ib.kernel.version} ${ib.uptime_base_seconds}`);
    assert.match(ra.stdout, new RegExp(`hostname: +${ia.hostname} `));
    assert.ok(ra.stdout.includes(`kernel:     ${ia.kernel.release} ${ia.kernel.version}`), ra.stdout);
    assert.match(ra.stdout, /ssh host key: ed25519 SHA256:/);
    assert.ok(ra.stdout.includes(`https certificate: CN=${ia.hostname}.${ia.domain}`), ra.stdout);

    const again = await init(a);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /PN_ERR_INSTANCE: .*instance\.json already exists.*--force/);
    assert.deepEqual(identityIn(a), ia, 'a refused init leaves the file alone');

    const keyBefore = readFileSync(join(a, 'keys', 'ssh_host_ed25519_key.pub'), 'utf8');
    const forced = await init(a, '--force');
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(identityIn(a).seed, ia.seed);
    assert.notEqual(readFileSync(join(a, 'keys', 'ssh_host_ed25519_key.pub'), 'utf8'), keyBefore, '--force makes new host keys');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('first start without init chooses and logs an identity; a restart on the same data directory shows the same machine', async (ctx) => {
  if (!requirePrograms(ctx, 'ssh', 'sshpass')) return;
  const dir = mkdtempSync(join(tmpdir(), 'pn-restart-'));
  const probe = 'uname -a; cat /etc/machine-id; /sbin/ifconfig | grep ether; cat /sys/class/dmi/id/product_uuid /var/lib/dbus/machine-id; tail -1 /etc/passwd';
  try {
    const seen: string[] = [];
    for (let i = 0; i < 2; i++) {
      // The first start goes through Standalone itself (startTestApp would pin its fixture identity first).
      const t = await (async () => {
        if (i === 0) {
          const { Standalone } = await import('../../src/app/standalone.js');
          const { ConfigSchema, SENSOR_SECTIONS } = await import('../../src/schema/config.js');
          const logs: string[] = [];
          const sensors = Object.fromEntries(SENSOR_SECTIONS.map((n) => [n, { host: '127.0.0.1', port: 0, enabled: n === 'ssh' }]));
          const app = await Standalone.start(ConfigSchema.parse({ ...sensors, general: { data_dir: dir } }), { logWrite: (l) => logs.push(l) });
          assert.ok(logs.some((l) => l.includes('instance identity created')), logs.join('\n'));
          return { port: app.port('ssh'), stop: () => app.stop() };
        }
        const t2 = await startTestApp({ ...Object.fromEntries(['http', 'https', 'ftp', 'smtp', 'mysql', 'redis', 'telnet'].map((n) => [n, { enabled: false }])) }, dir);
        assert.ok(!t2.logs.some((l) => l.includes('instance identity created')), 'a restart keeps the identity');
        return { port: t2.app.port('ssh'), stop: () => t2.cleanup() };
      })();
      try {
        const r = await run('sshpass', ['-p', '123456', 'ssh', ...sshArgs(t.port), 'root@127.0.0.1', probe]);
        assert.equal(r.code, 0, r.stderr);
        seen.push(r.stdout);
      } finally {
        await t.stop();
      }
    }
    const id = identityIn(dir);
    assert.ok(seen[0]!.startsWith(`Linux ${id.hostname} ${id.kernel.release} ${id.kernel.version} x86_64 GNU/Linux\n${id.machine.machine_id}\n`), seen[0]);
    assert.ok(seen[0]!.includes(`ether ${id.nic.mac} `));
    assert.ok(seen[0]!.includes(`${id.machine.dmi.product_uuid}\n${id.machine.machine_id}\n${id.machine.user.name}:x:1000:1000:`), seen[0]);
    assert.equal(seen[1], seen[0], 'the same machine after a restart');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
