// The instance identity reaches every place the emulated machine shows it: uname, /proc/version, ifconfig,
// machine-id, DMI, /etc/passwd and the uids logins get; a BusyBox persona keeps its own kernel.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateIdentity } from '../../../core/identity/generate.js';
import { loadPersona } from '../../../core/persona-loader.js';
import { TelnetPersonaSchema } from '../../../schema/personas/telnet.js';
import { loginUser, osWithIdentity } from './identity.js';
import { debianShell, out, PERSONA_OS } from './test-shell.js';

const ID = generateIdentity('a1b2c3d4e5f60718293a4b5c6d7e8f90', new Date('2026-10-01T00:00:00Z'));
const OS = osWithIdentity(PERSONA_OS, ID);

test('uname, /proc/version, ifconfig, nproc, df and free show the instance machine', async () => {
  const s = debianShell({ os: OS, hostname: ID.hostname });
  assert.equal(await out('uname -a', s), `Linux ${ID.hostname} ${ID.kernel.release} ${ID.kernel.version} x86_64 GNU/Linux\n`);
  assert.match(await out('cat /proc/version', s), new RegExp(`^Linux version ${ID.kernel.release} \\(debian-kernel@lists\\.debian\\.org\\) .* ${ID.kernel.version.replace(/[()]/g, '\\$&')}\\n$`));
  const ifc = await out('/sbin/ifconfig', s);
  assert.ok(ifc.startsWith(`${ID.nic.name}: flags=4163`), ifc);
  assert.ok(ifc.includes(`ether ${ID.nic.mac}  txqueuelen`));
  assert.ok(ifc.includes(`inet ${ID.nic.ipv4}  netmask`));
  assert.equal(await out('nproc', s), `${ID.hardware.cores}\n`);
  assert.match(await out('lscpu', s), new RegExp(`Hypervisor vendor:\\s+${ID.hardware.hypervisor}\\n`));
  assert.ok((await out('cat /proc/meminfo', s)).startsWith(`${'MemTotal:'.padEnd(16)}${String(ID.hardware.memory_kb).padStart(8)} kB\n`));
  assert.match(await out('df', s), new RegExp(`^${ID.hardware.disk_device}\\s+${ID.hardware.disk_size_kb} `, 'm'));
});

test('machine-id, boot id, DMI and the NIC address files', async () => {
  const s = debianShell({ os: OS, hostname: ID.hostname });
  assert.equal(await out('cat /etc/machine-id /var/lib/dbus/machine-id', s), `${ID.machine.machine_id}\n${ID.machine.machine_id}\n`);
  assert.equal(await out('cat /proc/sys/kernel/random/boot_id', s), `${ID.machine.boot_id}\n`);
  assert.equal(await out('cat /sys/class/dmi/id/product_uuid', s), `${ID.machine.dmi.product_uuid}\n`);
  assert.equal(await out('cat /sys/class/dmi/id/sys_vendor', s), `${ID.machine.dmi.sys_vendor}\n`);
  assert.equal(await out(`cat /sys/class/net/${ID.nic.name}/address`, s), `${ID.nic.mac}\n`);
});

test('/etc/passwd lists the admin at uid 1000 and a different login at 1001, never two users on one uid', async () => {
  const admin = ID.machine.user.name;
  assert.deepEqual(loginUser(admin, OS), { name: admin, uid: 1000, home: `/home/${admin}` });
  assert.deepEqual(loginUser('guest', OS), { name: 'guest', uid: 1001, home: '/home/guest' });
  assert.deepEqual(loginUser('root', OS), { name: 'root', uid: 0, home: '/root' });
  const asRoot = await out('cat /etc/passwd', debianShell({ os: OS }));
  assert.ok(asRoot.endsWith(`sshd:x:101:65534::/run/sshd:/usr/sbin/nologin\n${admin}:x:1000:1000:${ID.machine.user.gecos}:/home/${admin}:/bin/bash\n`), asRoot);
  const asGuest = await out('cat /etc/passwd', debianShell({ os: OS, user: loginUser('guest', OS) }));
  assert.ok(asGuest.endsWith(`${admin}:x:1000:1000:${ID.machine.user.gecos}:/home/${admin}:/bin/bash\nguest:x:1001:1001:,,,:/home/guest:/bin/bash\n`), asGuest);
  assert.equal(await out('id', debianShell({ os: OS, user: loginUser('guest', OS) })), 'uid=1001(guest) gid=1001(guest) groups=1001(guest),100(users)\n');
});

test('a BusyBox device keeps its own kernel and hardware', () => {
  const busybox = loadPersona('telnet', 'busybox-telnetd-iot', TelnetPersonaSchema).os;
  assert.deepEqual(osWithIdentity(busybox, ID), busybox);
});
