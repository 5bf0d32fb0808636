// basename: the last path component, minus an optional suffix.
import type { Command } from '../command.js';

export const basename: Command = {
  name: 'basename',
  paths: ['/usr/bin/basename', '/bin/basename'],
  run(ctx) {
    const [path, suffix] = ctx.args;
    if (path === undefined) {
      ctx.stderr("basename: missing operand\nTry 'basename --help' for more information.\n");
      return 1;
    }
    const trimmed = path.replace(/\/+$/, '');
    let base = trimmed === '' ? (path ? '/' : '') : trimmed.slice(trimmed.lastIndexOf('/') + 1);
    if (suffix && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
    ctx.stdout(base + '\n');
    return 0;
  },
};
