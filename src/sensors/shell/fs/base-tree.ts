// The immutable Debian 12 tree every session of a sensor shares, built once per persona and hostname:
// static stock files, files generated at read time from the machine model (/proc, /etc/passwd ...), binaries.
import type { OsPersona } from '../../../schema/persona.js';
import { readSystemFile } from '../system/proc-files.js';
import type { FsKind } from './types.js';
import * as deb from './debian-files.js';
import { CRONTAB, fstabFile, groupFile, gshadowFile, machineId, NETWORK_INTERFACES, shadowFile, SUDOERS, type GenUser } from './etc-files.js';
import { components } from './path.js';

export interface GenContext {
  os: OsPersona;
  hostname: string;
  user: GenUser;
}

export interface BaseNode {
  readonly kind: FsKind;
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  readonly mtimeMs: number;
  readonly ino: number;
  readonly data?: Buffer;
  /** Content made at read time: /proc figures move, /etc/passwd lists the session's own user. */
  readonly gen?: (g: GenContext) => Buffer;
  /** The size stat reports when it is not the content's length (procfs says 0; binaries are generated). */
  readonly size?: number;
  readonly target?: string;
  readonly children?: ReadonlyMap<string, BaseNode>;
}

export interface BaseTree {
  readonly root: BaseNode;
  /** /etc/skel: the home a login name absent from /etc/passwd sees, owned by that user. */
  readonly skel: BaseNode;
  readonly nodes: number;
}

/** Package dates of the stock image (SOURCE_DATE_EPOCH of base-files, coreutils) and of the install. */
const INSTALL = Date.UTC(2025, 4, 22, 9, 14);
const PACKAGES = Date.UTC(2023, 3, 29, 11, 2);
const COREUTILS = Date.UTC(2022, 8, 20, 15, 2);

const SIZES: Record<string, number> = {
  ls: 151344, cat: 44016, bash: 1265648, sh: 125560, dash: 125560, grep: 203152, wc: 48144, head: 47760, tail: 64792, ps: 145592,
  top: 133568, free: 27600, uname: 35664, id: 48144, echo: 35664, rm: 72912, busybox: 1243632, awk: 166848, mawk: 166848,
  cp: 151152, mv: 142960, chmod: 64448, chown: 72672, mkdir: 97152, touch: 97296, wget: 531992, curl: 317952,
};

/** Size of a binary the table does not list: stable per name, in the range real coreutils binaries have. */
export function binarySize(name: string): number {
  const known = SIZES[name];
  if (known !== undefined) return known;
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 27000 + (h % 120) * 1024 + (h % 97) * 8;
}

/** An ELF header for the persona's architecture followed by zeros: `head -c 4 /bin/ls` shows "\x7fELF". */
function elf(size: number, machine: string): Buffer {
  const b = Buffer.alloc(size);
  const arm32 = /^arm/.test(machine);
  const mips = /^mips/.test(machine);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = arm32 || mips ? 1 : 2; // ELFCLASS32 / ELFCLASS64
  b[5] = mips && !machine.endsWith('el') ? 2 : 1; // byte order
  b[6] = 1;
  b[16] = 3; // ET_DYN
  b[18] = machine === 'aarch64' ? 0xb7 : arm32 ? 0x28 : mips ? 0x08 : 0x3e;
  b[20] = 1;
  return b;
}

interface Mutable {
  kind: FsKind;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  ino: number;
  data?: Buffer;
  gen?: (g: GenContext) => Buffer;
  size?: number;
  target?: string;
  children?: Map<string, Mutable>;
}

interface Meta {
  mode?: number;
  uid?: number;
  gid?: number;
  mtimeMs?: number;
}

class Builder {
  private ino = 131073;
  count = 0;
  readonly root: Mutable;

  constructor() {
    this.root = this.node('dir', 0o755, {});
    this.root.ino = 2;
  }

  private node(kind: FsKind, mode: number, m: Meta): Mutable {
    this.count++;
    const n: Mutable = { kind, mode: m.mode ?? mode, uid: m.uid ?? 0, gid: m.gid ?? 0, mtimeMs: m.mtimeMs ?? INSTALL, ino: this.ino };
    this.ino += 1 + (this.count % 7);
    if (kind === 'dir') n.children = new Map();
    return n;
  }

  private put(path: string, n: Mutable): Mutable {
    const parts = components(path);
    const name = parts.pop()!;
    let dir = this.root;
    for (const p of parts) dir = dir.children!.get(p) ?? this.set(dir, p, this.node('dir', 0o755, {}));
    const existing = dir.children!.get(name);
    if (existing?.kind === 'dir' && n.kind === 'dir') {
      Object.assign(existing, { mode: n.mode, uid: n.uid, gid: n.gid, mtimeMs: n.mtimeMs });
      this.count--;
      return existing;
    }
    return this.set(dir, name, n);
  }

  private set(dir: Mutable, name: string, n: Mutable): Mutable {
    dir.children!.set(name, n);
    return n;
  }

  dir(path: string, m: Meta = {}): this {
    this.put(path, this.node('dir', 0o755, m));
    return this;
  }

  dirs(paths: string, m: Meta = {}): this {
    for (const p of paths.split(' ')) this.dir(p, m);
    return this;
  }

  file(path: string, content: string | Buffer, m: Meta = {}): this {
    const n = this.node('file', 0o644, m);
    n.data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.put(path, n);
    return this;
  }

  gen(path: string, gen: (g: GenContext) => string | Buffer, m: Meta & { size?: number } = {}): this {
    const n = this.node('file', 0o644, m);
    n.gen = (g) => {
      const v = gen(g);
      return typeof v === 'string' ? Buffer.from(v, 'utf8') : v;
    };
    if (m.size !== undefined) n.size = m.size;
    this.put(path, n);
    return this;
  }

  link(path: string, target: string, m: Meta = {}): this {
    const n = this.node('link', 0o777, m);
    n.target = target;
    this.put(path, n);
    return this;
  }

  char(path: string, mode = 0o666, m: Meta = {}): this {
    this.put(path, this.node('char', mode, { mtimeMs: Date.now(), ...m }));
    return this;
  }
}

const PROC_PID_ENTRIES =
  'arch_status attr autogroup auxv cgroup clear_refs cmdline comm coredump_filter cpu_resctrl_groups cpuset cwd environ exe fd fdinfo gid_map io ksm_merging_pages ksm_stat limits loginuid map_files maps mem mountinfo mounts mountstats net ns numa_maps oom_adj oom_score oom_score_adj pagemap patch_state personality projid_map root sched schedstat sessionid setgroups smaps smaps_rollup stack stat statm status syscall task timens_offsets timers timerslack_ns uid_map wchan'.split(
    ' ',
  );

const GID = { shadow: 42, utmp: 43, adm: 4, crontab: 996, journal: 999, staff: 50, mail: 8 };

/** Builds the tree for one persona; `binaries` are the absolute /usr paths of every emulated command. */
export function buildBaseTree(os: OsPersona, hostname: string, binaries: Iterable<string>): BaseTree {
  const b = new Builder();
  const sys = (path: string) => (g: GenContext) => readSystemFile(path, { os: g.os, hostname: g.hostname, user: g.user }) ?? '';
  const kernel = os.kernel_release;
  const nic = os.hardware?.nic.name ?? 'ens3';
  const mac = os.hardware?.nic.mac ?? '52:54:00:4a:7c:19';

  // The merged-/usr layout of Debian 12.
  b.link('/bin', 'usr/bin').link('/sbin', 'usr/sbin').link('/lib', 'usr/lib').link('/lib64', 'usr/lib64');
  b.link('/vmlinuz', `boot/vmlinuz-${kernel}`).link('/initrd.img', `boot/initrd.img-${kernel}`);
  b.dirs('/media /mnt /opt /srv /usr/games /usr/include /usr/src /usr/local/bin /usr/local/etc /usr/local/games /usr/local/include /usr/local/lib /usr/local/sbin /usr/local/share /usr/local/src');
  b.dir('/lost+found', { mode: 0o700 });
  b.dir('/home').dir('/root', { mode: 0o700 });
  b.dir('/tmp', { mode: 0o1777, mtimeMs: Date.now() - 3600_000 }).dir('/var/tmp', { mode: 0o1777 });

  // /boot
  b.file(`/boot/config-${kernel}`, `#\n# Automatically generated file; DO NOT EDIT.\n# Linux/x86 ${kernel.split('-')[0]} Kernel Configuration\n#\n`, { mtimeMs: PACKAGES });
  b.gen(`/boot/vmlinuz-${kernel}`, () => elf(7_916_480, os.machine), { size: 7_916_480, mtimeMs: PACKAGES });
  b.gen(`/boot/System.map-${kernel}`, () => '', { size: 83, mtimeMs: PACKAGES });
  b.gen(`/boot/initrd.img-${kernel}`, () => Buffer.alloc(0), { size: 33_554_432 + 1_203_812, mtimeMs: INSTALL });
  b.dir('/boot/grub');

  // /etc
  const etcSys = ['hostname', 'hosts', 'debian_version', 'issue', 'issue.net', 'shells', 'resolv.conf', 'passwd'];
  for (const f of etcSys) b.gen(`/etc/${f}`, sys(`/etc/${f}`));
  b.gen('/usr/lib/os-release', sys('/usr/lib/os-release'), { mtimeMs: PACKAGES }).link('/etc/os-release', '../usr/lib/os-release');
  b.gen('/etc/group', (g) => groupFile(g.user));
  b.gen('/etc/shadow', (g) => shadowFile(g.user, g.hostname), { mode: 0o640, gid: GID.shadow });
  b.gen('/etc/gshadow', (g) => gshadowFile(g.user), { mode: 0o640, gid: GID.shadow });
  b.file('/etc/motd', deb.MOTD, { mtimeMs: PACKAGES });
  b.file('/etc/fstab', fstabFile(os));
  b.file('/etc/crontab', CRONTAB, { mtimeMs: PACKAGES });
  b.file('/etc/profile', deb.ETC_PROFILE, { mtimeMs: PACKAGES }).file('/etc/bash.bashrc', deb.BASH_BASHRC, { mtimeMs: PACKAGES });
  b.file('/etc/nsswitch.conf', deb.NSSWITCH).file('/etc/timezone', 'Etc/UTC\n').link('/etc/localtime', '/usr/share/zoneinfo/Etc/UTC');
  // The instance identity's machine-id when the OS carries one (instance.json), else one derived from the host name.
  b.file('/etc/machine-id', os.instance ? `${os.instance.machine_id}\n` : machineId(hostname), { mode: 0o444 });
  if (os.instance) b.link('/var/lib/dbus/machine-id', '/etc/machine-id');
  b.file('/etc/adduser.conf', '# /etc/adduser.conf: `adduser\' configuration.\n', { mtimeMs: PACKAGES }).dir('/etc/alternatives');
  b.file('/etc/environment', '').file('/etc/host.conf', 'multi on\n').file('/etc/ld.so.conf', 'include /etc/ld.so.conf.d/*.conf\n\n');
  b.file('/etc/sudoers', SUDOERS, { mode: 0o440, mtimeMs: PACKAGES }).dir('/etc/sudoers.d', { mode: 0o750 });
  b.file('/etc/network/interfaces', NETWORK_INTERFACES(nic)).dir('/etc/network/interfaces.d');
  b.file('/etc/ssh/sshd_config', deb.SSHD_CONFIG, { mtimeMs: PACKAGES }).file('/etc/ssh/ssh_config', deb.SSH_CONFIG, { mtimeMs: PACKAGES });
  b.dirs('/etc/ssh/sshd_config.d /etc/ssh/ssh_config.d');
  for (const t of ['ecdsa', 'ed25519', 'rsa']) {
    b.gen(`/etc/ssh/ssh_host_${t}_key`, () => '', { mode: 0o600, size: t === 'rsa' ? 2602 : t === 'ecdsa' ? 513 : 411 });
    b.gen(`/etc/ssh/ssh_host_${t}_key.pub`, () => '', { size: t === 'rsa' ? 566 : t === 'ecdsa' ? 174 : 94 });
  }
  b.dirs('/etc/cron.d /etc/cron.daily /etc/cron.hourly /etc/cron.monthly /etc/cron.weekly /etc/default /etc/init.d /etc/logrotate.d /etc/pam.d /etc/profile.d /etc/security /etc/systemd/system /etc/apt/sources.list.d /etc/apt/apt.conf.d /etc/ld.so.conf.d');
  b.file('/etc/apt/sources.list.d/debian.sources', 'Types: deb deb-src\nURIs: mirror+file:///etc/apt/mirrors/debian.list\nSuites: bookworm bookworm-updates bookworm-backports\nComponents: main\n\nTypes: deb deb-src\nURIs: mirror+file:///etc/apt/mirrors/debian-security.list\nSuites: bookworm-security\nComponents: main\n');
  for (const s of ['cron', 'procps', 'ssh', 'networking', 'kmod', 'hwclock.sh', 'sudo']) b.file(`/etc/init.d/${s}`, '#!/bin/sh\n', { mode: 0o755, mtimeMs: PACKAGES });
  b.file('/etc/cron.daily/apt-compat', '#!/bin/sh\n', { mode: 0o755 }).file('/etc/cron.daily/dpkg', '#!/bin/sh\n', { mode: 0o755 });
  b.file('/etc/skel/.bashrc', deb.SKEL_BASHRC, { mtimeMs: PACKAGES }).file('/etc/skel/.profile', deb.SKEL_PROFILE, { mtimeMs: PACKAGES });
  b.file('/etc/skel/.bash_logout', deb.SKEL_BASH_LOGOUT, { mtimeMs: PACKAGES });

  // root's home (base-files' dot files)
  b.file('/root/.bashrc', deb.ROOT_BASHRC).file('/root/.profile', deb.ROOT_PROFILE);
  b.dir('/root/.ssh', { mode: 0o700 }).file('/root/.ssh/authorized_keys', '', { mode: 0o600 });

  // /dev (devtmpfs)
  b.char('/dev/null').char('/dev/zero').char('/dev/full').char('/dev/random').char('/dev/urandom').char('/dev/tty');
  b.char('/dev/console', 0o600).char('/dev/ptmx');
  b.dir('/dev/pts', { mtimeMs: Date.now() }).dir('/dev/shm', { mode: 0o1777, mtimeMs: Date.now() });
  b.link('/dev/stdin', '/proc/self/fd/0').link('/dev/stdout', '/proc/self/fd/1').link('/dev/stderr', '/proc/self/fd/2').link('/dev/fd', '/proc/self/fd');

  // /proc and /sys: generated at read time, size 0 as procfs reports.
  const boot = Date.now() - (os.hardware?.uptime_base_seconds ?? 1843217) * 1000;
  b.dir('/proc', { mode: 0o555, mtimeMs: boot });
  for (const f of ['cpuinfo', 'meminfo', 'uptime', 'loadavg', 'version', 'mounts']) b.gen(`/proc/${f}`, sys(`/proc/${f}`), { mode: 0o444, size: 0, mtimeMs: boot });
  b.file('/proc/cmdline', `BOOT_IMAGE=/boot/vmlinuz-${kernel} root=UUID=${fstabFile(os).match(/UUID=(\S+)/)?.[1] ?? ''} ro quiet\n`, { mode: 0o444, mtimeMs: boot });
  b.file('/proc/filesystems', 'nodev\tsysfs\nnodev\ttmpfs\nnodev\tbdev\nnodev\tproc\nnodev\tcgroup\nnodev\tcgroup2\nnodev\tdevtmpfs\nnodev\tdebugfs\nnodev\tsecurityfs\nnodev\tsockfs\nnodev\tpipefs\nnodev\tramfs\nnodev\tdevpts\n\text3\n\text2\n\text4\nnodev\tmqueue\n', { mode: 0o444, mtimeMs: boot });
  b.gen('/proc/sys/kernel/hostname', sys('/proc/sys/kernel/hostname'), { mode: 0o644, size: 0, mtimeMs: boot });
  b.dir('/proc/1', { mode: 0o555, mtimeMs: boot });
  for (const n of PROC_PID_ENTRIES) {
    if (n === 'mounts') b.gen('/proc/1/mounts', sys('/proc/1/mounts'), { mode: 0o444, size: 0, mtimeMs: boot });
    else if (['attr', 'fd', 'fdinfo', 'map_files', 'net', 'ns', 'task'].includes(n)) b.dir(`/proc/1/${n}`, { mode: 0o555, mtimeMs: boot });
    else if (['cwd', 'exe', 'root'].includes(n)) b.link(`/proc/1/${n}`, n === 'exe' ? '/usr/lib/systemd/systemd' : '/', { mtimeMs: boot });
    else b.file(`/proc/1/${n}`, '', { mode: 0o444, mtimeMs: boot });
  }
  b.link('/proc/self', '1', { mtimeMs: boot });
  b.dir('/sys', { mode: 0o555, mtimeMs: boot });
  b.dirs('/sys/block /sys/bus /sys/class/net /sys/dev /sys/devices/system/cpu /sys/firmware /sys/fs/cgroup /sys/hypervisor /sys/kernel/mm /sys/module /sys/power', { mtimeMs: boot });
  b.link(`/sys/class/net/${nic}`, `../../devices/pci0000:00/0000:00:03.0/virtio0/net/${nic}`, { mtimeMs: boot });
  b.link('/sys/class/net/lo', '../../devices/virtual/net/lo', { mtimeMs: boot });
  b.file(`/sys/devices/pci0000:00/0000:00:03.0/virtio0/net/${nic}/address`, `${mac}\n`, { mode: 0o444, mtimeMs: boot });
  b.file('/sys/devices/virtual/net/lo/address', '00:00:00:00:00:00\n', { mode: 0o444, mtimeMs: boot });
  if (os.instance) {
    // DMI as the platform's firmware fills it (instance identity); the serials and UUID are root-only, as on Linux.
    b.dir('/sys/class/dmi', { mtimeMs: boot }).link('/sys/class/dmi/id', '../../devices/virtual/dmi/id', { mtimeMs: boot });
    for (const [name, value] of Object.entries(os.instance.dmi)) {
      const secret = name.endsWith('_serial') || name === 'product_uuid';
      b.file(`/sys/devices/virtual/dmi/id/${name}`, `${value}\n`, { mode: secret ? 0o400 : 0o444, mtimeMs: boot });
    }
    b.gen('/proc/sys/kernel/random/boot_id', sys('/proc/sys/kernel/random/boot_id'), { mode: 0o444, size: 0, mtimeMs: boot });
  }

  // /run (tmpfs)
  b.dir('/run', { mtimeMs: Date.now() }).dir('/run/lock', { mode: 0o1777 }).dir('/run/sshd', { mode: 0o755 }).dir('/run/user');
  b.file('/run/sshd.pid', '612\n').file('/run/crond.pid', '598\n').file('/run/utmp', Buffer.alloc(384), { mode: 0o664, gid: GID.utmp });

  // /usr
  for (const p of binaries) {
    const name = p.slice(p.lastIndexOf('/') + 1);
    const size = binarySize(name);
    b.gen(p, () => elf(size, os.machine), { mode: 0o755, size, mtimeMs: SIZES[name] !== undefined ? COREUTILS : PACKAGES });
  }
  b.dirs('/usr/lib/x86_64-linux-gnu /usr/lib64 /usr/lib/systemd /usr/lib/openssh /usr/libexec /usr/share/doc /usr/share/man /usr/share/zoneinfo/Etc');
  b.file('/usr/share/zoneinfo/Etc/UTC', Buffer.from('TZif2\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0UTC\0', 'latin1'));
  b.gen('/usr/lib/openssh/sftp-server', () => elf(64_536, os.machine), { mode: 0o755, size: 64_536 });
  b.gen('/usr/lib/systemd/systemd', () => elf(96_440, os.machine), { mode: 0o755, size: 96_440 });
  b.dir('/usr/local', { gid: GID.staff, mode: 0o755 });

  // /var
  b.dirs('/var/backups /var/cache/apt /var/lib/apt/lists /var/lib/dpkg /var/local /var/opt /var/spool/cron /var/mail /var/www');
  b.dir('/var/spool/cron/crontabs', { mode: 0o1730, gid: GID.crontab }).dir('/var/mail', { mode: 0o2775, gid: GID.mail }).dir('/var/local', { mode: 0o2775, gid: GID.staff });
  b.link('/var/lock', '../run/lock').link('/var/run', '../run');
  b.dir('/var/log', { mtimeMs: Date.now() - 600_000 });
  b.dir('/var/log/apt').dir('/var/log/private', { mode: 0o700 }).dir('/var/log/journal', { mode: 0o2755, gid: GID.journal });
  b.gen('/var/log/wtmp', () => Buffer.alloc(0), { mode: 0o664, gid: GID.utmp, size: 38_784, mtimeMs: Date.now() - 600_000 });
  b.gen('/var/log/btmp', () => Buffer.alloc(0), { mode: 0o660, gid: GID.utmp, size: 1_241_856, mtimeMs: Date.now() - 60_000 });
  b.gen('/var/log/lastlog', () => Buffer.alloc(0), { mode: 0o664, gid: GID.utmp, size: 292_292, mtimeMs: Date.now() - 600_000 });
  b.file('/var/log/faillog', Buffer.alloc(0), { mode: 0o644 });
  b.file('/var/log/dpkg.log', '', { mtimeMs: INSTALL }).file('/var/log/alternatives.log', '', { mtimeMs: INSTALL });
  b.file('/var/log/apt/history.log', '', { mtimeMs: INSTALL }).file('/var/log/apt/term.log', '', { mode: 0o640, gid: GID.adm, mtimeMs: INSTALL });

  const root = b.root as BaseNode;
  const skel = root.children!.get('etc')!.children!.get('skel')!;
  return { root, skel, nodes: b.count };
}
