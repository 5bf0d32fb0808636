// What a BusyBox device answers to the Mirai-style login dance: `enable`, `system`, `shell` and `sh`
// drop silently into the shell, and `busybox <name>` runs an applet or says "<name>: applet not found".
import type { Command } from '../shell/command.js';
import { COMMANDS, commandTable } from '../shell/commands/index.js';
import { BUSYBOX_DOWNLOAD_APPLETS } from '../shell/commands/group-downloads.js';

const silent = (name: string, paths: readonly string[] = []): Command => ({ name, paths, run: () => 0 });

/** The shared command table plus the BusyBox multi-call binary and the CLI escapes IoT firmwares accept. */
export function busyboxCommandTable(banner: string): ReadonlyMap<string, Command> {
  // The device's own applets replace the GNU tools of the same name.
  const own = [...COMMANDS, ...BUSYBOX_DOWNLOAD_APPLETS.values()];
  const applets = commandTable(own);
  const busybox: Command = {
    name: 'busybox',
    paths: ['/bin/busybox', '/usr/bin/busybox', '/sbin/busybox'],
    run(ctx) {
      const [applet, ...rest] = ctx.args;
      if (applet === undefined) {
        ctx.stdout(`${banner}\nBusyBox is copyrighted by many authors between 1998-2012.\nLicensed under GPLv2.\nSee source distribution for full notice.\n\nUsage: busybox [function] [arguments]...\n   or: busybox --list[-full]\n   or: function [arguments]...\n`);
        return 0;
      }
      const cmd = applets.get(applet.slice(applet.lastIndexOf('/') + 1));
      if (!cmd) {
        ctx.stderr(`${applet}: applet not found\n`);
        return 127;
      }
      return cmd.run({ ...ctx, args: rest });
    },
  };
  return commandTable([...own, busybox, silent('enable'), silent('system'), silent('shell'), silent('sh', ['/bin/sh'])]);
}
