// chattr (e2fsprogs): attribute changes succeed without effect on existing paths (root only, as on ext4);
// the real usage and error texts otherwise.
import type { Command } from '../command.js';
import { fsOf } from '../system/fs.js';
import { abs } from './file-operands.js';

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
    const fs = fsOf(ctx);
    let status = 0;
    for (const f of files) {
      const s = fs.stat(abs(ctx, f));
      if (!s) {
        ctx.stderr(`chattr: No such file or directory while trying to stat ${f}\n`);
        status = 1;
      } else if (ctx.user.uid !== 0 && (s.uid !== ctx.user.uid || modes.some((m) => /[ai]/.test(m)))) {
        ctx.stderr(`chattr: Operation not permitted while setting flags on ${f}\n`);
        status = 1;
      }
    }
    return status;
  },
};
