// Contents of the emulated /proc and /etc files commands read (cat, grep, head ...), generated from the machine model.
import type { CommandContext } from '../command.js';
import { machineFor, type Machine } from './machine.js';
import { humanAccounts } from './identity.js';

type Ctx = Pick<CommandContext, 'os' | 'hostname' | 'user'>;

/** Debian 12's /etc/os-release, byte for byte. */
const OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;

const PASSWD_BASE = `root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
systemd-network:x:998:998:systemd Network Management:/:/usr/sbin/nologin
systemd-timesync:x:997:997:systemd Time Synchronization:/:/usr/sbin/nologin
messagebus:x:100:107::/nonexistent:/usr/sbin/nologin
sshd:x:101:65534::/run/sshd:/usr/sbin/nologin
`;

/** The file's text, or undefined when the emulated system has no such file. */
export function readSystemFile(path: string, ctx: Ctx, nowMs = Date.now()): string | undefined {
  const m = machineFor(ctx, nowMs);
  switch (path) {
    case '/proc/cpuinfo':
      return cpuinfo(m);
    case '/proc/meminfo':
      return meminfo(m);
    case '/proc/uptime': {
      const idle = m.uptimeSeconds * m.hw.cpu.cores * 0.97;
      return `${m.uptimeSeconds.toFixed(2)} ${idle.toFixed(2)}\n`;
    }
    case '/proc/loadavg':
      return `${m.load.map((l) => l.toFixed(2)).join(' ')} 1/${118 + m.hw.cpu.cores * 6} ${4000 + Math.floor(m.uptimeSeconds / 97)}\n`;
    case '/proc/version':
      return `${m.os.kernel_name} version ${m.os.kernel_release} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) ${m.os.kernel_version}\n`;
    case '/proc/sys/kernel/hostname':
    case '/etc/hostname':
      return `${m.hostname}\n`;
    case '/etc/os-release':
    case '/usr/lib/os-release':
      return OS_RELEASE;
    case '/etc/debian_version':
      return '12.11\n';
    case '/etc/issue':
      return 'Debian GNU/Linux 12 \\n \\l\n\n';
    case '/etc/issue.net':
      return 'Debian GNU/Linux 12\n';
    case '/etc/shells':
      return '# /etc/shells: valid login shells\n/bin/sh\n/usr/bin/sh\n/bin/bash\n/usr/bin/bash\n/bin/rbash\n/usr/bin/rbash\n/usr/bin/dash\n';
    case '/etc/passwd':
      return PASSWD_BASE + humanAccounts(ctx.os, ctx.user).map((a) => `${a.name}:x:${a.uid}:${a.uid}:${a.gecos}:${a.home}:/bin/bash\n`).join('');
    case '/etc/hosts':
      return `127.0.0.1\tlocalhost\n127.0.1.1\t${m.hostname}\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n`;
    case '/etc/resolv.conf':
      return 'nameserver 1.1.1.1\nnameserver 8.8.8.8\n';
    case '/etc/machine-id':
    case '/var/lib/dbus/machine-id':
      return m.os.instance ? `${m.os.instance.machine_id}\n` : undefined;
    case '/proc/sys/kernel/random/boot_id':
      return m.os.instance ? `${m.os.instance.boot_id}\n` : undefined;
    case `/sys/class/net/${m.hw.nic.name}/address`:
      return `${m.hw.nic.mac}\n`;
    case '/proc/1/mounts':
    case '/proc/mounts':
    case '/proc/self/mounts':
      return mounts(m);
    default:
      return path.startsWith(DMI_DIR) ? dmiFile(m, path.slice(DMI_DIR.length)) : undefined;
  }
}

const DMI_DIR = '/sys/class/dmi/id/';

/** /sys/class/dmi/id/<name>: what the platform's firmware tables say; the serials and UUID are root-only (0400). */
function dmiFile(m: Machine, name: string): string | undefined {
  const dmi = m.os.instance?.dmi;
  if (!dmi || !(name in dmi)) return undefined;
  return `${dmi[name as keyof typeof dmi]}\n`;
}

/** Directories the emulated system has, so `cat /proc` says "Is a directory" rather than "No such file". */
export function isSystemDirectory(path: string): boolean {
  return ['/', '/proc', '/sys', '/etc', '/tmp', '/root', '/home', '/usr', '/usr/bin', '/bin', '/sbin', '/usr/sbin', '/var', '/var/log', '/dev', '/proc/1', '/run', '/opt'].includes(path);
}

/**
 * Writes under /proc and /sys fail as on Linux. The shell asks this for every `>`/`>>` target:
 * a string is the strerror text bash prints ("bash: /proc/x: <text>"), undefined means writable.
 */
export function systemWriteError(path: string): string | undefined {
  if (!isReadOnlySystemPath(path)) return undefined;
  if (isSystemDirectory(path)) return 'Is a directory';
  // procfs and sysfs refuse to create files; existing read-only entries refuse the open.
  return PROC_FILES.has(path) || path.startsWith('/proc/sys/') ? 'Permission denied' : 'No such file or directory';
}

const PROC_FILES = new Set(['/proc/cpuinfo', '/proc/meminfo', '/proc/uptime', '/proc/loadavg', '/proc/version', '/proc/mounts', '/proc/1/mounts', '/proc/self/mounts']);

export function isReadOnlySystemPath(path: string): boolean {
  return path === '/proc' || path === '/sys' || path.startsWith('/proc/') || path.startsWith('/sys/');
}

function cpuinfo(m: Machine): string {
  const c = m.hw.cpu;
  const bogomips = (c.mhz * 2).toFixed(2);
  let out = '';
  for (let i = 0; i < c.cores; i++) {
    out +=
      `processor\t: ${i}\nvendor_id\t: ${c.vendor_id}\ncpu family\t: ${c.family}\nmodel\t\t: ${c.model}\nmodel name\t: ${c.model_name}\n` +
      `stepping\t: ${c.stepping}\nmicrocode\t: ${c.microcode}\ncpu MHz\t\t: ${c.mhz.toFixed(3)}\ncache size\t: ${c.cache_kb} KB\n` +
      `physical id\t: 0\nsiblings\t: ${c.cores}\ncore id\t\t: ${i}\ncpu cores\t: ${c.cores}\napicid\t\t: ${i}\ninitial apicid\t: ${i}\n` +
      `fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: ${c.cpuid_level}\nwp\t\t: yes\nflags\t\t: ${c.flags}\n` +
      (c.flags.split(' ').includes('vmx') ? 'vmx flags\t: vnmi preemption_timer invvpid ept_x_only ept_ad ept_1gb flexpriority tsc_offset vtpr mtf vapic ept vpid unrestricted_guest shadow_vmcs\n' : '') +
      `bugs\t\t: ${c.bugs}\nbogomips\t: ${bogomips}\nclflush size\t: 64\ncache_alignment\t: 64\naddress sizes\t: ${c.address_sizes}\npower management:\n\n`;
  }
  return out;
}

function meminfo(m: Machine): string {
  const mem = m.memory;
  const anon = mem.total - mem.free - mem.buffers - mem.cached - mem.sReclaimable - Math.round(mem.total * 0.012);
  const rows: [string, number, boolean][] = [
    ['MemTotal', mem.total, true],
    ['MemFree', mem.free, true],
    ['MemAvailable', mem.available, true],
    ['Buffers', mem.buffers, true],
    ['Cached', mem.cached, true],
    ['SwapCached', 0, true],
    ['Active', Math.round(anon * 0.1 + mem.cached * 0.4), true],
    ['Inactive', Math.round(anon * 0.9 + mem.cached * 0.6), true],
    ['Active(anon)', Math.round(anon * 0.1), true],
    ['Inactive(anon)', Math.round(anon * 0.9), true],
    ['Active(file)', Math.round(mem.cached * 0.4), true],
    ['Inactive(file)', Math.round(mem.cached * 0.6), true],
    ['Unevictable', 0, true],
    ['Mlocked', 0, true],
    ['SwapTotal', mem.swapTotal, true],
    ['SwapFree', mem.swapFree, true],
    ['Zswap', 0, true],
    ['Zswapped', 0, true],
    ['Dirty', 52, true],
    ['Writeback', 0, true],
    ['AnonPages', anon, true],
    ['Mapped', Math.round(mem.cached * 0.18), true],
    ['Shmem', mem.shmem, true],
    ['KReclaimable', mem.sReclaimable, true],
    ['Slab', Math.round(mem.sReclaimable * 1.6), true],
    ['SReclaimable', mem.sReclaimable, true],
    ['SUnreclaim', Math.round(mem.sReclaimable * 0.6), true],
    ['KernelStack', 2480 + m.hw.cpu.cores * 16, true],
    ['PageTables', 2616, true],
    ['SecPageTables', 0, true],
    ['NFS_Unstable', 0, true],
    ['Bounce', 0, true],
    ['WritebackTmp', 0, true],
    ['CommitLimit', Math.floor(mem.total / 2) + mem.swapTotal, true],
    ['Committed_AS', Math.round(anon * 2.1), true],
    ['VmallocTotal', 34359738367, true],
    ['VmallocUsed', 14772, true],
    ['VmallocChunk', 0, true],
    ['Percpu', 1216 * m.hw.cpu.cores, true],
    ['HardwareCorrupted', 0, true],
    ['AnonHugePages', 0, true],
    ['ShmemHugePages', 0, true],
    ['ShmemPmdMapped', 0, true],
    ['FileHugePages', 0, true],
    ['FilePmdMapped', 0, true],
    ['HugePages_Total', 0, false],
    ['HugePages_Free', 0, false],
    ['HugePages_Rsvd', 0, false],
    ['HugePages_Surp', 0, false],
    ['Hugepagesize', 2048, true],
    ['Hugetlb', 0, true],
    ['DirectMap4k', 147292, true],
    ['DirectMap2M', Math.max(0, mem.total + 241468 - 147292 - 1048576), true],
    ['DirectMap1G', 1048576, true],
  ];
  return rows.map(([k, v, kb]) => `${(k + ':').padEnd(16)}${String(v).padStart(8)}${kb ? ' kB' : ''}\n`).join('');
}

function mounts(m: Machine): string {
  const dev = m.hw.disk.device;
  return (
    'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n' +
    `udev /dev devtmpfs rw,nosuid,relatime,size=${Math.floor(m.memory.total / 2 / 4) * 4}k,nr_inodes=${Math.floor(m.memory.total / 8)},mode=755,inode64 0 0\n` +
    'devpts /dev/pts devpts rw,nosuid,noexec,relatime,gid=5,mode=620,ptmxmode=000 0 0\n' +
    `tmpfs /run tmpfs rw,nosuid,nodev,noexec,relatime,size=${Math.floor(m.memory.total / 10)}k,mode=755,inode64 0 0\n` +
    `${dev} / ext4 rw,relatime,discard,errors=remount-ro 0 0\n` +
    'securityfs /sys/kernel/security securityfs rw,nosuid,nodev,noexec,relatime 0 0\ntmpfs /dev/shm tmpfs rw,nosuid,nodev,inode64 0 0\n' +
    'tmpfs /run/lock tmpfs rw,nosuid,nodev,noexec,relatime,size=5120k,inode64 0 0\ncgroup2 /sys/fs/cgroup cgroup2 rw,nosuid,nodev,noexec,relatime,nsdelegate,memory_recursiveprot 0 0\n'
  );
}
