// lsmod (kmod 30): the modules a Debian 12 KVM guest has loaded (virtio, ext4, nftables).
import type { Command } from '../command.js';

const MODULES: [string, number, number, string][] = [
  ['nft_chain_nat', 16384, 0, ''],
  ['nf_nat', 57344, 1, 'nft_chain_nat'],
  ['nf_conntrack', 188416, 1, 'nf_nat'],
  ['nf_defrag_ipv6', 24576, 1, 'nf_conntrack'],
  ['nf_defrag_ipv4', 16384, 1, 'nf_conntrack'],
  ['nf_tables', 307200, 1, 'nft_chain_nat'],
  ['nfnetlink', 20480, 1, 'nf_tables'],
  ['binfmt_misc', 24576, 1, ''],
  ['intel_rapl_msr', 20480, 0, ''],
  ['intel_rapl_common', 32768, 1, 'intel_rapl_msr'],
  ['kvm_intel', 380928, 0, ''],
  ['kvm', 1146880, 1, 'kvm_intel'],
  ['irqbypass', 16384, 1, 'kvm'],
  ['ghash_clmulni_intel', 16384, 0, ''],
  ['aesni_intel', 393216, 0, ''],
  ['crypto_simd', 16384, 1, 'aesni_intel'],
  ['cryptd', 28672, 2, 'crypto_simd,ghash_clmulni_intel'],
  ['virtio_balloon', 28672, 0, ''],
  ['button', 24576, 0, ''],
  ['joydev', 28672, 0, ''],
  ['evdev', 28672, 2, ''],
  ['serio_raw', 20480, 0, ''],
  ['loop', 32768, 0, ''],
  ['efi_pstore', 16384, 0, ''],
  ['configfs', 57344, 1, ''],
  ['ip_tables', 32768, 0, ''],
  ['x_tables', 57344, 1, 'ip_tables'],
  ['autofs4', 53248, 2, ''],
  ['ext4', 987136, 1, ''],
  ['crc16', 16384, 1, 'ext4'],
  ['mbcache', 16384, 1, 'ext4'],
  ['jbd2', 167936, 1, 'ext4'],
  ['crc32c_generic', 16384, 0, ''],
  ['virtio_net', 65536, 0, ''],
  ['net_failover', 24576, 1, 'virtio_net'],
  ['failover', 16384, 1, 'net_failover'],
  ['virtio_blk', 24576, 2, ''],
  ['crc32_pclmul', 16384, 0, ''],
  ['crc32c_intel', 24576, 2, ''],
  ['psmouse', 184320, 0, ''],
  ['virtio_pci', 24576, 0, ''],
  ['virtio_pci_legacy_dev', 16384, 1, 'virtio_pci'],
  ['virtio_pci_modern_dev', 20480, 1, 'virtio_pci'],
  ['virtio', 20480, 4, 'virtio_balloon,virtio_net,virtio_blk,virtio_pci'],
  ['virtio_ring', 45056, 4, 'virtio_balloon,virtio_net,virtio_blk,virtio_pci'],
  ['floppy', 126976, 0, ''],
  ['i2c_piix4', 32768, 0, ''],
  ['uhci_hcd', 57344, 0, ''],
  ['ehci_hcd', 110592, 1, 'uhci_hcd'],
  ['usbcore', 348160, 2, 'ehci_hcd,uhci_hcd'],
  ['usb_common', 16384, 1, 'usbcore'],
];

export const lsmod: Command = {
  name: 'lsmod',
  paths: ['/usr/sbin/lsmod', '/sbin/lsmod', '/usr/bin/lsmod', '/bin/lsmod'],
  run(ctx) {
    if (ctx.args.length > 0) {
      ctx.stderr('Usage: lsmod\n');
      return 1;
    }
    ctx.stdout('Module                  Size  Used by\n' + MODULES.map(([n, size, used, by]) => `${n.padEnd(19)} ${String(size).padStart(8)}  ${used}${by ? ' ' + by : ''}\n`).join(''));
    return 0;
  },
};
