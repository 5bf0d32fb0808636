// lspci (pciutils 3.9): a QEMU i440FX machine with virtio network, block and balloon devices.
import type { Command } from '../command.js';

const DEVICES = [
  ['00:00.0', 'Host bridge', 'Intel Corporation 440FX - 82441FX PMC [Natoma] (rev 02)'],
  ['00:01.0', 'ISA bridge', 'Intel Corporation 82371SB PIIX3 ISA [Natoma/Triton II]'],
  ['00:01.1', 'IDE interface', 'Intel Corporation 82371SB PIIX3 IDE [Natoma/Triton II]'],
  ['00:01.2', 'USB controller', 'Intel Corporation 82371SB PIIX3 USB [Natoma/Triton II] (rev 01)'],
  ['00:01.3', 'Bridge', 'Intel Corporation 82371AB/EB/MB PIIX4 ACPI (rev 03)'],
  ['00:02.0', 'VGA compatible controller', 'Cirrus Logic GD 5446'],
  ['00:03.0', 'Ethernet controller', 'Red Hat, Inc. Virtio network device'],
  ['00:04.0', 'SCSI storage controller', 'Red Hat, Inc. Virtio block device'],
  ['00:05.0', 'Unclassified device [00ff]', 'Red Hat, Inc. Virtio memory balloon'],
];

export const lspci: Command = {
  name: 'lspci',
  paths: ['/usr/bin/lspci', '/bin/lspci'],
  run(ctx) {
    const bad = ctx.args.find((a) => a.startsWith('-') && !/^-[vnkmtDQxbq]+$/.test(a));
    if (bad) {
      ctx.stderr(`lspci: invalid option -- '${bad.charAt(1)}'\nUsage: lspci [<switches>]\n`);
      return 2;
    }
    ctx.stdout(DEVICES.map(([slot, cls, name]) => `${slot} ${cls}: ${name}\n`).join(''));
    return 0;
  },
};
