// whoami: the logged-in user's name.
import type { Command } from '../command.js';

export const whoami: Command = {
  name: 'whoami',
  paths: ['/usr/bin/whoami'],
  run(ctx) {
    ctx.stdout(ctx.user.name + '\n');
    return 0;
  },
};
