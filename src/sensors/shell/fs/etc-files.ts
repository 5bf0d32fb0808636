// Generated /etc texts the machine model does not already produce: group, shadow, gshadow, fstab, crontab and
// friends, as a fresh Debian 12 install has them, with the session's login user added like adduser would.
import { createHash } from 'node:crypto';
import type { OsPersona } from '../../../schema/persona.js';

export interface GenUser {
  name: string;
  uid: number;
  home: string;
}

const GROUP_BASE = `root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
systemd-journal:x:999:
systemd-network:x:998:
systemd-timesync:x:997:
crontab:x:996:
messagebus:x:107:
netdev:x:108:
ssh:x:109:
`;

const SYSTEM_ACCOUNTS = [
  'daemon', 'bin', 'sys', 'sync', 'games', 'man', 'lp', 'mail', 'news', 'uucp', 'proxy', 'www-data', 'backup', 'list', 'irc', '_apt', 'nobody',
  'systemd-network', 'systemd-timesync', 'messagebus', 'sshd',
];

/** Days since the epoch of the install, as shadow's "last change" field counts. */
const INSTALL_DAY = 20230;

/** A stable yescrypt-looking hash per name, so shadow looks the same at every visit. */
function fakeHash(name: string, hostname: string): string {
  const abc = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const bytes = createHash('sha512').update(`${hostname}\0${name}`).digest();
  let s = '';
  for (let i = 0; i < 65; i++) s += abc[bytes[i % bytes.length]! % 64];
  return `$y$j9T$${s.slice(0, 22)}$${s.slice(22, 65)}`;
}

const regular = (u: GenUser): boolean => u.uid !== 0;

export function groupFile(u: GenUser): string {
  return regular(u) ? `${GROUP_BASE}${u.name}:x:${u.uid}:\n` : GROUP_BASE;
}

export function gshadowFile(u: GenUser): string {
  const base = GROUP_BASE.split('\n').filter(Boolean).map((l) => `${l.split(':')[0]}:*::\n`).join('');
  return regular(u) ? `${base}${u.name}:!::\n` : base;
}

export function shadowFile(u: GenUser, hostname: string): string {
  let out = `root:${fakeHash('root', hostname)}:${INSTALL_DAY}:0:99999:7:::\n`;
  for (const a of SYSTEM_ACCOUNTS) out += `${a}:*:${INSTALL_DAY}:0:99999:7:::\n`;
  if (regular(u)) out += `${u.name}:${fakeHash(u.name, hostname)}:${INSTALL_DAY}:0:99999:7:::\n`;
  return out;
}

export function fstabFile(os: OsPersona): string {
  const dev = os.hardware?.disk.device ?? '/dev/vda1';
  const uuid = createHash('md5').update(dev + os.kernel_release).digest('hex');
  const id = `${uuid.slice(0, 8)}-${uuid.slice(8, 12)}-${uuid.slice(12, 16)}-${uuid.slice(16, 20)}-${uuid.slice(20, 32)}`;
  return (
    '# /etc/fstab: static file system information.\n#\n' +
    "# Use 'blkid' to print the universally unique identifier for a\n" +
    '# device; this may be used with UUID= as a more robust way to name devices\n' +
    '# that works even if disks are added and removed. See fstab(5).\n#\n' +
    '# systemd generates mount units based on this file, see systemd.mount(5).\n' +
    "# Please run 'systemctl daemon-reload' after making changes here.\n#\n" +
    '# <file system> <mount point>   <type>  <options>       <dump>  <pass>\n' +
    `# / was on ${dev} during installation\n` +
    `UUID=${id} /               ext4    errors=remount-ro 0       1\n`
  );
}

export const CRONTAB = `# /etc/crontab: system-wide crontab
# Unlike any other crontab you don't have to run the \`crontab'
# command to install the new version when you edit this file
# and files in /etc/cron.d. These files also have username fields,
# that none of the other crontabs do.

SHELL=/bin/sh
# You can also override PATH, but by default, newer versions inherit it from the environment
#PATH=/usr/local/sbin:/usr/local/bin:/sbin:/bin:/usr/sbin:/usr/bin

# Example of job definition:
# .---------------- minute (0 - 59)
# |  .------------- hour (0 - 23)
# |  |  .---------- day of month (1 - 31)
# |  |  |  .------- month (1 - 12) OR jan,feb,mar,apr ...
# |  |  |  |  .---- day of week (0 - 6) (Sunday=0 or 7) OR sun,mon,tue,wed,thu,fri,sat
# |  |  |  |  |
# *  *  *  *  * user-name command to be executed
17 *\t* * *\troot\tcd / && run-parts --report /etc/cron.hourly
25 6\t* * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.daily; }
47 6\t* * 7\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.weekly; }
52 6\t1 * *\troot\ttest -x /usr/sbin/anacron || { cd / && run-parts --report /etc/cron.monthly; }
#
`;

export const SUDOERS = `#
# This file MUST be edited with the 'visudo' command as root.
#
# Please consider adding local content in /etc/sudoers.d/ instead of
# directly modifying this file.
#
# See the man page for details on how to write a sudoers file.
#
Defaults\tenv_reset
Defaults\tmail_badpass
Defaults\tsecure_path="/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

# This fixes CVE-2005-4890 and possibly breaks some versions of kdesu
# (#1011624, https://bugs.kde.org/show_bug.cgi?id=452532)
Defaults\tuse_pty

# Host alias specification

# User alias specification

# Cmnd alias specification

# User privilege specification
root\tALL=(ALL:ALL) ALL

# Allow members of group sudo to execute any command
%sudo\tALL=(ALL:ALL) ALL

# See sudoers(5) for more information on "@include" directives:

@includedir /etc/sudoers.d
`;

export const NETWORK_INTERFACES = (nic: string): string =>
  `# This file describes the network interfaces available on your system\n# and how to activate them. For more information, see interfaces(5).\n\nsource /etc/network/interfaces.d/*\n\n# The loopback network interface\nauto lo\niface lo inet loopback\n\n# The primary network interface\nallow-hotplug ${nic}\niface ${nic} inet dhcp\n`;

export function machineId(hostname: string): string {
  return createHash('md5').update(`machine-id\0${hostname}`).digest('hex') + '\n';
}
