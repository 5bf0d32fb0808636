// dirname: the path without its last component ("." when there is none).
import type { Command } from '../command.js';

export const dirname: Command = {
  name: 'dirname',
  paths: ['/usr/bin/dirname', '/bin/dirname'],
  run(ctx) {
    if (ctx.args.length === 0) {
      ctx.stderr("dirname: missing operand\nTry 'dirname --help' for more information.\n");
      return 1;
    }
    for (const p of ctx.args) {
      const t = p.replace(/\/+$/, '');
      const i = t.lastIndexOf('/');
      ctx.stdout((i < 0 ? (p.startsWith('/') ? '/' : '.') : i === 0 ? '/' : t.slice(0, i).replace(/\/+$/, '') || '/') + '\n');
    }
    return 0;
  },
};
