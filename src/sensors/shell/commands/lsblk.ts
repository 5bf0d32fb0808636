// lsblk (util-linux 2.38): the KVM guest's virtio disk as a Debian cloud image partitions it (root, BIOS
// boot, EFI), sized from the persona's disk so lsblk, df and du agree.
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';

/** lsblk's human sizes: binary units, one decimal unless whole ("78.7G", "3M", "124M"). */
function human(bytes: number): string {
  const units = ['B', 'K', 'M', 'G', 'T'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const r = Math.round(v * 10) / 10;
  return `${Number.isInteger(r) ? r.toFixed(0) : r.toFixed(1)}${units[u]}`;
}

export const lsblk: Command = {
  name: 'lsblk',
  paths: ['/usr/bin/lsblk', '/bin/lsblk'],
  run(ctx) {
    const bad = ctx.args.find((a) => a.startsWith('-') && !/^-[abdfmnplJO]+$/.test(a) && !a.startsWith('--'));
    if (bad) {
      ctx.stderr(`lsblk: invalid option -- '${bad.charAt(1)}'\nTry 'lsblk --help' for more information.\n`);
      return 1;
    }
    const bytesFlag = ctx.args.some((a) => /^-[a-zA-Z]*b/.test(a));
    const d = machineFor(ctx).hw.disk;
    const dev = d.device.replace(/^\/dev\//, '').replace(/\d+$/, '');
    const root = d.size_kb * 1024;
    const parts: [string, number, number, string][] = [
      [`${dev}1`, 1, root, '/'],
      [`${dev}14`, 14, 3 << 20, ''],
      [`${dev}15`, 15, 124 << 20, '/boot/efi'],
    ];
    const disk = root + (128 << 20);
    const size = (b: number): string => (bytesFlag ? String(b) : human(b));
    let out = 'NAME    MAJ:MIN RM  SIZE RO TYPE MOUNTPOINTS\n';
    out += `${dev.padEnd(7)} 254:0    0 ${size(disk).padStart(4)}  0 disk \n`;
    parts.forEach(([name, minor, bytes, mnt], i) => {
      out += `${i === parts.length - 1 ? '└─' : '├─'}${name.padEnd(5)} 254:${String(minor).padEnd(4)} 0 ${size(bytes).padStart(4)}  0 part ${mnt}\n`;
    });
    ctx.stdout(out);
    return 0;
  },
};
