// The systemd units of the emulated Debian 12 server, tied to the process table's daemons, for
// systemctl and service.
export interface Unit {
  name: string;
  description: string;
  /** The process table command a running unit's main PID has. */
  cmd: string;
  /** /etc/init.d script name, for `service --status-all`. */
  sysv?: string;
  docs: string;
}

export const UNITS: readonly Unit[] = [
  { name: 'cron', description: 'Regular background program processing daemon', cmd: '/usr/sbin/cron -f', sysv: 'cron', docs: 'man:cron(8)' },
  { name: 'dbus', description: 'D-Bus System Message Bus', cmd: '/usr/bin/dbus-daemon', sysv: 'dbus', docs: 'man:dbus-daemon(1)' },
  { name: 'getty@tty1', description: 'Getty on tty1', cmd: '/sbin/agetty', docs: 'man:agetty(8)' },
  { name: 'networking', description: 'Raise network interfaces', cmd: 'dhclient', sysv: 'networking', docs: 'man:interfaces(5)' },
  { name: 'rsyslog', description: 'System Logging Service', cmd: '/usr/sbin/rsyslogd', sysv: 'rsyslog', docs: 'man:rsyslogd(8)' },
  { name: 'ssh', description: 'OpenBSD Secure Shell server', cmd: 'sshd: /usr/sbin/sshd', sysv: 'ssh', docs: 'man:sshd(8)' },
  { name: 'systemd-journald', description: 'Journal Service', cmd: '/lib/systemd/systemd-journald', docs: 'man:systemd-journald.service(8)' },
  { name: 'systemd-logind', description: 'User Login Management', cmd: '/lib/systemd/systemd-logind', docs: 'man:sd-login(3)' },
  { name: 'systemd-timesyncd', description: 'Network Time Synchronization', cmd: '/lib/systemd/systemd-timesyncd', docs: 'man:systemd-timesyncd.service(8)' },
  { name: 'systemd-udevd', description: 'Rule-based Manager for Device Events and Files', cmd: '/lib/systemd/systemd-udevd', sysv: 'udev', docs: 'man:systemd-udevd.service(8)' },
];

/** "ssh", "ssh.service", "sshd" (the alias Debian installs) all name the ssh unit. */
export function findUnit(name: string): Unit | undefined {
  const bare = name.replace(/\.service$/, '');
  return UNITS.find((u) => u.name === bare || (bare === 'sshd' && u.name === 'ssh') || (bare === 'syslog' && u.name === 'rsyslog'));
}
