// busybox (Debian's 1.35 build): `busybox APPLET args` runs the emulated APPLET; an applet this build lacks
// gets busybox's "applet not found". Without arguments it prints the banner, as the real binary does.
import type { Command } from '../command.js';
import { BUSYBOX_DOWNLOAD_APPLETS } from './group-downloads.js';

const BANNER = 'BusyBox v1.35.0 (Debian 1:1.35.0-4+b3) multi-call binary.\n';

/** Applets of Debian 12's busybox package (a subset of upstream's, no networking daemons). */
const APPLETS = new Set(
  'ar arch ascii ash awk base32 base64 basename bc blkdiscard bunzip2 bzcat bzip2 cal cat chgrp chmod chown chroot chvt clear cmp cp cpio crc32 cttyhack cut date dc dd deallocvt df diff dirname dmesg dnsdomainname dos2unix du dumpkmap dumpleases echo egrep env expand expr factor fallocate false fatattr fgrep find fold free freeramdisk fsfreeze fstrim ftpget ftpput getopt getty grep groups gunzip gzip halt head hexdump hostid hostname httpd hwclock i2cdetect i2cdump i2cget i2cset i2ctransfer id ifconfig ionice ip ipcalc ipneigh kill killall klogd last less link linux32 linux64 linuxrc ln loadfont loadkmap logger login logname logread losetup ls lsscsi lzcat lzma lzop md5sum mdev microcom mim mkdir mkdosfs mke2fs mkfifo mknod mkpasswd mkswap mktemp more mount mt mv nameif nc netstat nl nologin nproc nsenter nslookup nuke od openvt partprobe paste patch pidof ping ping6 pivot_root poweroff printf ps pwd rdate readlink realpath reboot renice reset resume rev rm rmdir rpm rpm2cpio run-init run-parts sed seq setkeycodes setpriv setsid sh sha1sum sha256sum sha3sum sha512sum shred shuf sleep sort ssl_client start-stop-daemon stat static-sh strings stty su sulogin svc svok swapoff swapon switch_root sync sysctl syslogd tac tail tar taskset tc tee telnet test tftp time timeout touch tr traceroute traceroute6 true truncate ts tty tunctl ubirename udhcpc udhcpd uevent umount uname uncompress unexpand uniq unix2dos unlink unlzma unshare unxz unzip uptime usleep uudecode uuencode vconfig vi w watch watchdog wc wget which whoami xargs xxd xz xzcat yes zcat'.split(' '),
);

export function makeBusybox(table: () => ReadonlyMap<string, Command>): Command {
  const self: Command = {
    name: 'busybox',
    paths: ['/usr/bin/busybox', '/bin/busybox'],
    run(ctx) {
      const [applet, ...rest] = ctx.args;
      if (applet === undefined || applet === '--help') {
        ctx.stdout(`${BANNER}BusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n`);
        return 0;
      }
      if (applet === '--list') {
        ctx.stdout([...APPLETS].join('\n') + '\n');
        return 0;
      }
      const cmd = BUSYBOX_DOWNLOAD_APPLETS.get(applet) ?? table().get(applet);
      if (!APPLETS.has(applet) || !cmd || cmd === self) {
        ctx.stderr(`${applet}: applet not found\n`);
        return 127;
      }
      return cmd.run({ ...ctx, args: rest });
    },
  };
  return self;
}
