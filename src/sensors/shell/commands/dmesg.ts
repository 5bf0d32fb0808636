// dmesg (util-linux 2.38): Debian 12 restricts the kernel log to root (kernel.dmesg_restrict=1);
// root sees a KVM guest's boot messages built from the machine model.
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';
import { networkOf } from '../system/network.js';

export const dmesg: Command = {
  name: 'dmesg',
  paths: ['/usr/bin/dmesg', '/bin/dmesg'],
  run(ctx) {
    if (ctx.user.uid !== 0) {
      ctx.stderr('dmesg: read kernel buffer failed: Operation not permitted\n');
      return 1;
    }
    if (ctx.args.some((a) => a === '-c' || a === '-C' || a === '--clear')) return 0;
    const m = machineFor(ctx);
    const n = networkOf(m);
    const c = m.hw.cpu;
    const lines: [number, string][] = [
      [0, `Linux version ${m.os.kernel_release} (debian-kernel@lists.debian.org) (gcc-12 (Debian 12.2.0-14) 12.2.0, GNU ld (GNU Binutils for Debian) 2.40) ${m.os.kernel_version}`],
      [0, `Command line: BOOT_IMAGE=/boot/vmlinuz-${m.os.kernel_release} root=UUID=3b614a3f-4a65-4480-8b3a-1e0ad8c6b2e4 ro console=tty0 console=ttyS0,115200 earlyprintk=ttyS0,115200 consoleblank=0`],
      [0, 'BIOS-provided physical RAM map:'],
      [0, 'DMI: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014'],
      [0, 'Hypervisor detected: KVM'],
      [0, `Memory: ${Math.round(m.memory.total * 0.97)}K/${m.memory.total + 262144}K available (14336K kernel code, 2526K rwdata, 9180K rodata, 2796K init, 17384K bss, ${Math.round(m.memory.total * 0.03)}K reserved, 0K cma-reserved)`],
      [0.02, `smpboot: CPU0: ${c.model_name} (family: 0x${c.family.toString(16)}, model: 0x${c.model.toString(16)}, stepping: 0x${c.stepping.toString(16)})`],
      [0.05, `smp: Brought up 1 node, ${c.cores} CPUs`],
      [0.05, `smpboot: Max logical packages: 1`],
      [0.05, `smpboot: Total of ${c.cores} processors activated (${(c.mhz * 2 * c.cores).toFixed(2)} BogoMIPS)`],
      [0.31, 'PCI: Using configuration type 1 for base access'],
      [0.74, `virtio_blk virtio2: [vda] ${m.hw.disk.size_kb * 2 + 2048} 512-byte logical blocks (${((m.hw.disk.size_kb * 1024) / 1e9).toFixed(1)} GB/${Math.round(m.hw.disk.size_kb / 1048576)} GiB)`],
      [0.75, ' vda: vda1 vda14 vda15'],
      [0.81, `virtio_net virtio0 ${n.name}: renamed from eth0`],
      [1.42, `EXT4-fs (vda1): mounted filesystem with ordered data mode. Quota mode: none.`],
      [2.1, 'systemd[1]: systemd 252.38-1~deb12u1 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP +GCRYPT -GNUTLS +OPENSSL +ACL +BLKID +CURL +ELFUTILS +FIDO2 +IDN2 -IDN +IPTC +KMOD +LIBCRYPTSETUP +LIBFDISK +PCRE2 -PWQUALITY +P11KIT +QRENCODE +TPM2 +BZIP2 +LZ4 +XZ +ZLIB +ZSTD -BPF_FRAMEWORK -XKBCOMMON +UTMP +SYSVINIT default-hierarchy=unified)'],
      [2.1, 'systemd[1]: Detected virtualization kvm.'],
      [2.11, `systemd[1]: Hostname set to <${m.hostname}>.`],
      [2.9, 'EXT4-fs (vda1): re-mounted. Quota mode: none.'],
      [3.4, `Adding ${m.hw.swap_kb}k swap on /swapfile.  Priority:-2 extents:6 across:${m.hw.swap_kb + 40960}k FS`],
      [4.02, `${n.name}: Link is Up`],
      [4.6, 'audit: type=1400 audit(1700000000.123:2): apparmor="STATUS" operation="profile_load" profile="unconfined" name="lsb_release" pid=402 comm="apparmor_parser"'],
    ];
    ctx.stdout(lines.map(([t, text]) => `[${t.toFixed(6).padStart(12)}] ${text}\n`).join(''));
    return 0;
  },
};
