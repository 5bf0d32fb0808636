// nproc: the persona's core count, the same number /proc/cpuinfo and lscpu show.
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';

export const nproc: Command = {
  name: 'nproc',
  paths: ['/usr/bin/nproc', '/bin/nproc'],
  run(ctx) {
    ctx.stdout(`${machineFor(ctx).hw.cpu.cores}\n`);
    return 0;
  },
};
