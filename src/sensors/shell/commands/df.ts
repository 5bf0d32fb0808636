// df: coreutils' columns for a Debian 12 KVM guest's mounts (udev, tmpfs, the root disk), sized from the persona.
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';
import { coreutilsHuman } from '../system/format.js';

export const df: Command = {
  name: 'df',
  paths: ['/usr/bin/df', '/bin/df'],
  run(ctx) {
    const human = ctx.args.some((a) => /^-[a-zA-Z]*h/.test(a) || a === '--human-readable');
    const bad = ctx.args.find((a) => a.startsWith('-') && !/^-[hlaTkPx]+$/.test(a) && !a.startsWith('--'));
    if (bad) {
      ctx.stderr(`df: invalid option -- '${bad.charAt(1)}'\nTry 'df --help' for more information.\n`);
      return 1;
    }
    const m = machineFor(ctx);
    const memKb = m.memory.total;
    const d = m.hw.disk;
    const half = Math.floor(memKb / 2 / 4) * 4;
    const run = Math.floor(memKb / 10);
    // [source, size KiB, used KiB, mount]
    const rows: [string, number, number, string][] = [
      ['udev', half, 0, '/dev'],
      ['tmpfs', run, 548, '/run'],
      [d.device, d.size_kb, d.used_kb, '/'],
      ['tmpfs', half, 0, '/dev/shm'],
      ['tmpfs', 5120, 0, '/run/lock'],
      [d.device.replace(/1$/, '15'), 126678, 11840, '/boot/efi'],
      ['tmpfs', run, 0, `/run/user/${ctx.user.uid}`],
    ];
    const fmt = (kb: number): string => (human ? coreutilsHuman(kb * 1024) : String(kb));
    const cells = rows.map(([src, size, used, mnt]) => {
      // ext4 keeps 5% reserved: avail = size - used - reserve.
      const avail = src.startsWith('/dev/') && mnt === '/' ? Math.max(0, Math.floor(size * 0.95) - used) : size - used;
      const pct = size === 0 ? '-' : `${Math.ceil((used * 100) / (used + avail || 1))}%`;
      return [src, fmt(size), fmt(used), fmt(avail), pct, mnt];
    });
    const header = ['Filesystem', human ? 'Size' : '1K-blocks', 'Used', 'Avail' + (human ? '' : 'able'), 'Use%', 'Mounted on'];
    const all = [header, ...cells];
    const widths = [0, 1, 2, 3, 4].map((i) => Math.max(i === 0 ? 14 : i === 4 ? 4 : 5, ...all.map((r) => r[i]!.length)));
    let out = '';
    for (const r of all) {
      out += r[0]!.padEnd(widths[0]!) + ' ' + [1, 2, 3, 4].map((i) => r[i]!.padStart(widths[i]!)).join(' ') + ' ' + r[5] + '\n';
    }
    ctx.stdout(out);
    return 0;
  },
};
