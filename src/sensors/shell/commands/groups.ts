// groups (coreutils 9.1): the session user's groups as id reports them; other users from /etc/passwd.
import type { Command } from '../command.js';
import { readSystemFile } from '../system/proc-files.js';

/** The supplementary groups Debian's installer gives the first user (id lists the same). */
const FIRST_USER_GROUPS = ['cdrom', 'floppy', 'sudo', 'audio', 'dip', 'video', 'plugdev', 'users'];
const SYSTEM_GROUPS: Record<string, string> = { nobody: 'nogroup', sshd: 'nogroup', _apt: 'nogroup', sync: 'nogroup', messagebus: 'messagebus', sys: 'sys' };

export const groups: Command = {
  name: 'groups',
  paths: ['/usr/bin/groups', '/bin/groups'],
  run(ctx) {
    const names = ctx.args.filter((a) => a !== '--');
    const own = (): string => (ctx.user.uid === 0 ? 'root' : [ctx.user.name, ...FIRST_USER_GROUPS].join(' '));
    if (names.length === 0) {
      ctx.stdout(own() + '\n');
      return 0;
    }
    const passwd = readSystemFile('/etc/passwd', ctx) ?? '';
    const known = new Set(passwd.split('\n').map((l) => l.split(':')[0]));
    let status = 0;
    for (const n of names) {
      if (n === ctx.user.name) ctx.stdout(`${n} : ${own()}\n`);
      else if (known.has(n)) ctx.stdout(`${n} : ${SYSTEM_GROUPS[n] ?? n}\n`);
      else {
        ctx.stderr(`groups: ‘${n}’: no such user\n`);
        status = 1;
      }
    }
    return status;
  },
};
