// mount (util-linux 2.38): without arguments, the mount table as /proc/mounts has it; mounting anything
// fails as it would on this VM (no such device), and needs root first.
import type { Command } from '../command.js';
import { readSystemFile } from '../system/proc-files.js';

export const mount: Command = {
  name: 'mount',
  paths: ['/usr/bin/mount', '/bin/mount'],
  run(ctx) {
    const operands = ctx.args.filter((a, i) => !a.startsWith('-') && !['-t', '-o'].includes(ctx.args[i - 1] ?? ''));
    const type = ctx.args[ctx.args.indexOf('-t') + 1];
    if (operands.length === 0) {
      const rows = (readSystemFile('/proc/self/mounts', ctx) ?? '').split('\n').filter(Boolean);
      for (const r of rows) {
        const [src, target, fstype, opts] = r.split(' ');
        if (ctx.args.includes('-t') && fstype !== type) continue;
        ctx.stdout(`${src} on ${target} type ${fstype} (${opts})\n`);
      }
      return 0;
    }
    const target = operands[operands.length - 1]!;
    if (ctx.user.uid !== 0) {
      ctx.stderr(`mount: ${target}: must be superuser to use mount.\n`);
      return 32;
    }
    if (operands.length === 1) {
      ctx.stderr(`mount: ${target}: can't find in /etc/fstab.\n`);
      return 1;
    }
    ctx.stderr(`mount: ${target}: special device ${operands[0]} does not exist.\n`);
    return 32;
  },
};
