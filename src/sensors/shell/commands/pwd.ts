// pwd: the emulated working directory.
import type { Command } from '../command.js';

export const pwd: Command = {
  name: 'pwd',
  paths: ['/bin/pwd', '/usr/bin/pwd'],
  run(ctx) {
    ctx.stdout(ctx.cwd + '\n');
    return 0;
  },
};
