// rm: succeeds silently on what the session could remove; coreutils' texts for a missing operand or file without -f.
import type { Command } from '../command.js';
import { stat } from '../system/tree.js';
import { resolvePath } from '../system/fs.js';

export const rm: Command = {
  name: 'rm',
  paths: ['/usr/bin/rm', '/bin/rm'],
  run(ctx) {
    let force = false;
    let recursive = false;
    const operands: string[] = [];
    let opts = true;
    for (const a of ctx.args) {
      if (opts && a === '--') opts = false;
      else if (opts && /^-[rRfvid]+$/.test(a)) {
        force ||= a.includes('f');
        recursive ||= /[rR]/.test(a);
      } else if (opts && (a === '--force' || a === '--recursive' || a === '--no-preserve-root')) {
        force ||= a === '--force';
        recursive ||= a === '--recursive';
      } else operands.push(a);
    }
    if (operands.length === 0) {
      if (force) return 0;
      ctx.stderr("rm: missing operand\nTry 'rm --help' for more information.\n");
      return 1;
    }
    let status = 0;
    for (const o of operands) {
      const e = stat(resolvePath(ctx.cwd, o, ctx.user.home), ctx, new Set());
      if (!e) {
        if (!force) {
          ctx.stderr(`rm: cannot remove '${o}': No such file or directory\n`);
          status = 1;
        }
      } else if (e.kind === 'dir' && !recursive) {
        ctx.stderr(`rm: cannot remove '${o}': Is a directory\n`);
        status = 1;
      }
    }
    return status;
  },
};
