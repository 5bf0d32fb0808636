// Dresses a persona's OS as this instance's own machine: its kernel build, NIC, disk, memory, uptime and
// machine facts, so no two deployments print the same uname, ifconfig or /etc/machine-id.
import type { InstanceIdentity } from '../../../schema/instance-identity.js';
import type { OsPersona } from '../../../schema/persona.js';
import { DEBIAN12_RELEASE } from '../../../core/identity/kernels.js';
import type { CommandContext } from '../command.js';
import { DEFAULT_HARDWARE } from './defaults.js';

type ShellUser = CommandContext['user'];

/**
 * The persona's OS with the instance's machine in it. Only a Debian 12 amd64 persona takes it: an embedded
 * device (BusyBox on ARM) keeps its own kernel and hardware, which a Debian VM's would contradict.
 */
export function osWithIdentity(os: OsPersona, id: InstanceIdentity): OsPersona {
  if (!DEBIAN12_RELEASE.test(os.kernel_release)) return os;
  const base = os.hardware ?? DEFAULT_HARDWARE;
  const hw = id.hardware;
  return {
    ...os,
    kernel_release: id.kernel.release,
    kernel_version: id.kernel.version,
    hardware: {
      ...base,
      cpu: { ...base.cpu, cores: hw.cores, hypervisor: hw.hypervisor },
      memory_kb: hw.memory_kb,
      swap_kb: hw.swap_kb,
      memory_used_ratio: hw.memory_used_ratio,
      disk: { device: hw.disk_device, size_kb: hw.disk_size_kb, used_kb: hw.disk_used_kb },
      nic: { ...id.nic },
      uptime_base_seconds: id.uptime_base_seconds,
      load_average: hw.load_average,
    },
    instance: id.machine,
  };
}

/** A persona's copy with the instance's OS (SSH and Telnet personas both carry an `os`). */
export function personaWithIdentity<P extends { os: OsPersona }>(persona: P, id: InstanceIdentity): P {
  return { ...persona, os: osWithIdentity(persona.os, id) };
}

/**
 * Who a successful login becomes. The machine's admin account is uid 1000; any other accepted name is a
 * second account (1001), so /etc/passwd never lists two users with one uid.
 */
export function loginUser(username: string, os: OsPersona): ShellUser {
  if (username === 'root') return { name: 'root', uid: 0, home: '/root' };
  const admin = os.instance?.user.name;
  return { name: username, uid: admin === undefined || admin === username ? 1000 : 1001, home: `/home/${username}` };
}

export interface Account {
  name: string;
  uid: number;
  gecos: string;
  home: string;
}

/** The human accounts /etc/passwd, /etc/group, /etc/shadow and /home list: the admin, then the logged-in user. */
export function humanAccounts(os: OsPersona, user: ShellUser): Account[] {
  const out: Account[] = [];
  const admin = os.instance?.user;
  if (admin) out.push({ name: admin.name, uid: 1000, gecos: admin.gecos, home: `/home/${admin.name}` });
  if (user.uid !== 0 && user.name !== admin?.name) out.push({ name: user.name, uid: user.uid, gecos: ',,,', home: user.home });
  return out;
}
