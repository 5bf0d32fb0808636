// chpasswd: "user:password" lines from stdin; silent on success, shadow's per-line errors otherwise.
import type { Command } from '../command.js';
import { linesOf } from '../system/fs.js';

export const chpasswd: Command = {
  name: 'chpasswd',
  paths: ['/usr/sbin/chpasswd', '/sbin/chpasswd'],
  run(ctx) {
    if (ctx.user.uid !== 0) {
      ctx.stderr('chpasswd: Permission denied.\n');
      return 1;
    }
    const known = new Set(['root', ctx.user.name, 'daemon', 'bin', 'sys', 'www-data', 'nobody']);
    let bad = false;
    linesOf(ctx.stdin).forEach((line, i) => {
      const colon = line.indexOf(':');
      if (colon < 0) {
        ctx.stderr(`chpasswd: line ${i + 1}: missing new password\n`);
        bad = true;
      } else if (!known.has(line.slice(0, colon))) {
        ctx.stderr(`chpasswd: (user ${line.slice(0, colon)}) pam_chauthtok() failed, error:\nAuthentication token manipulation error\nchpasswd: (line ${i + 1}, user ${line.slice(0, colon)}) password not changed\n`);
        bad = true;
      }
    });
    if (bad) ctx.stderr('chpasswd: error detected, changes ignored\n');
    return bad ? 1 : 0;
  },
};
