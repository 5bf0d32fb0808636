// hostname: the instance's host name.
import type { Command } from '../command.js';

export const hostname: Command = {
  name: 'hostname',
  paths: ['/bin/hostname', '/usr/bin/hostname'],
  run(ctx) {
    ctx.stdout(ctx.hostname + '\n');
    return 0;
  },
};
