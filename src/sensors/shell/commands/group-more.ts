// Commands registered as one group so their authors can add them without touching index.ts: the more group
// (recon, persistence and admin tools bots run on a Debian 12 server).
import type { Command } from '../command.js';
import { apt } from './apt.js';
import { aptGet } from './apt-get.js';
import { base64 } from './base64.js';
import { dd } from './dd.js';
import { dmesg } from './dmesg.js';
import { du } from './du.js';
import { file } from './file.js';
import { find } from './find.js';
import { getconf } from './getconf.js';
import { groupadd } from './groupadd.js';
import { groups } from './groups.js';
import { gunzip } from './gunzip.js';
import { gzip } from './gzip.js';
import { ip } from './ip.js';
import { iptables } from './iptables.js';
import { last } from './last.js';
import { lastlog } from './lastlog.js';
import { locale } from './locale.js';
import { lsblk } from './lsblk.js';
import { lsmod } from './lsmod.js';
import { lspci } from './lspci.js';
import { md5Sum } from './md5sum.js';
import { mount } from './mount.js';
import { netstat } from './netstat.js';
import { nohup } from './nohup.js';
import { perl } from './perl.js';
import { ping } from './ping.js';
import { python3 } from './python3.js';
import { sed } from './sed.js';
import { service } from './service.js';
import { sha1Sum } from './sha1sum.js';
import { sha256Sum } from './sha256sum.js';
import { sha512Sum } from './sha512sum.js';
import { ss } from './ss.js';
import { ssh } from './ssh.js';
import { sshKeygen } from './ssh-keygen.js';
import { stat } from './stat.js';
import { su } from './su.js';
import { sudo } from './sudo.js';
import { systemctl } from './systemctl.js';
import { tar } from './tar.js';
import { timeout } from './timeout.js';
import { useradd } from './useradd.js';
import { userdel } from './userdel.js';
import { usermod } from './usermod.js';
import { users } from './users.js';
import { who } from './who.js';
import { xargs } from './xargs.js';

export const MORE_COMMANDS: readonly Command[] = [
  apt, aptGet, base64, dd, dmesg, du, file, find, getconf, groupadd,
  groups, gunzip, gzip, ip, iptables, last, lastlog, locale, lsblk, lsmod,
  lspci, md5Sum, mount, netstat, nohup, perl, ping, python3, sed, service,
  sha1Sum, sha256Sum, sha512Sum, ss, ssh, sshKeygen, stat, su, sudo, systemctl,
  tar, timeout, useradd, userdel, usermod, users, who, xargs,
];
