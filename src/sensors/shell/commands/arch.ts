// arch: the machine hardware name, as `uname -m`.
import type { Command } from '../command.js';

export const arch: Command = {
  name: 'arch',
  paths: ['/usr/bin/arch', '/bin/arch'],
  run(ctx) {
    ctx.stdout(ctx.os.machine + '\n');
    return 0;
  },
};
