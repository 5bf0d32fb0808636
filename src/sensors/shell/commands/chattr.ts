// chattr (e2fsprogs): attribute changes succeed silently on existing paths; the real usage and error texts otherwise.
import type { Command } from '../command.js';
import { stat } from '../system/tree.js';
import { resolvePath } from '../system/fs.js';

export const chattr: Command = {
  name: 'chattr',
  paths: ['/usr/bin/chattr', '/bin/chattr'],
  run(ctx) {
    const modes = ctx.args.filter((a) => /^[-+=][aAcCdDeFijmPsStTux]+$/.test(a));
    const files = ctx.args.filter((a) => !modes.includes(a) && a !== '-R' && a !== '-V' && a !== '-f');
    if (modes.length === 0 || files.length === 0) {
      ctx.stderr('Usage: chattr [-RVf] [-+=aAcCdDeijPsStTuF] [-p project] [-v version] files...\n');
      return 1;
    }
    let status = 0;
    for (const f of files) {
      if (!stat(resolvePath(ctx.cwd, f, ctx.user.home), ctx, new Set())) {
        ctx.stderr(`chattr: No such file or directory while trying to stat ${f}\n`);
        status = 1;
      }
    }
    return status;
  },
};
