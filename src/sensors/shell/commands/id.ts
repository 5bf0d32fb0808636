// id: uid, gid and groups as the emulated /etc/passwd and /etc/group would give them.
import type { Command } from '../command.js';

export const id: Command = {
  name: 'id',
  paths: ['/usr/bin/id'],
  run(ctx) {
    const { name, uid } = ctx.user;
    // A first non-root user on Debian is in the installer's default groups.
    const groups =
      uid === 0
        ? `${uid}(${name})`
        : `${uid}(${name}),24(cdrom),25(floppy),27(sudo),29(audio),30(dip),44(video),46(plugdev),100(users)`;
    ctx.stdout(`uid=${uid}(${name}) gid=${uid}(${name}) groups=${groups}\n`);
    return 0;
  },
};
