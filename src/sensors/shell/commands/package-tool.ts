// apt and apt-get (apt 2.6.1): non-root cannot take the dpkg lock; root's update and install reach for
// deb.debian.org and are refused, as wget's and curl's connections are (the same stand-in address for
// the name), so downloads fail with apt's own texts. Packages a stock server has are "already the newest version".
import type { Command, CommandContext } from '../command.js';
import { pseudoAddress } from '../../downloads/pseudo-address.js';

/** Installed packages and their bookworm versions (what `apt-get install X` reports as newest). */
const INSTALLED: Record<string, string> = {
  'openssh-server': '1:9.2p1-2+deb12u7', 'openssh-client': '1:9.2p1-2+deb12u7', perl: '5.36.0-7+deb12u2', python3: '3.11.2-1+b1', sudo: '1.9.13p3-1+deb12u1', cron: '3.0pl1-162',
  'net-tools': '2.10-0.1', busybox: '1:1.35.0-4+b3', iptables: '1.8.9-2', coreutils: '9.1-1', bash: '5.2.15-2+b7', 'iputils-ping': '3:20221126-1+deb12u1', tar: '1.34+dfsg-1.2+deb12u1', gzip: '1.12-1',
};
/** Packages bots install that bookworm has: [version, download KiB, installed KiB]. */
const AVAILABLE: Record<string, [string, number, number]> = {
  git: ['1:2.39.5-0+deb12u2', 7264, 44890], gcc: ['4:12.2.0-3', 5, 47], make: ['4.3-4.1', 396, 1592], curl: ['7.88.1-10+deb12u12', 316, 489], wget: ['1.21.3-1+b2', 937, 3521],
  nmap: ['7.93+dfsg1-1', 1897, 4434], masscan: ['2:1.3.2+ds1-1', 238, 553], 'python3-pip': ['23.0.1+dfsg-1', 1325, 6678], screen: ['4.9.0-4', 591, 997], tmux: ['3.3a-3', 455, 1106],
  unzip: ['6.0-28', 167, 380], zip: ['3.0-13', 230, 616], 'build-essential': ['12.9', 8, 20], tor: ['0.4.7.16-1', 2086, 5870], proxychains4: ['4.16-2', 20, 67], htop: ['3.2.2-2', 152, 378],
  vim: ['2:9.0.1378-2', 1568, 3650], nano: ['7.2-1+deb12u1', 690, 2804], 'netcat-openbsd': ['1.219-1', 42, 108], socat: ['1.7.4.4-2', 375, 1515], ufw: ['0.36.2-1', 168, 857], 'lsb-release': ['12.0-1', 6, 17],
};

const MIRROR = 'http://deb.debian.org/debian';

/** apt's text for a refused connection to a mirror host. */
const refused = (host: string): string => `Could not connect to ${host}:80 (${pseudoAddress(host)}). - connect (111: Connection refused)`;

export function makePackageTool(tool: 'apt' | 'apt-get'): Command {
  return { name: tool, paths: [`/usr/bin/${tool}`, `/bin/${tool}`], run: (ctx) => runPackageTool(ctx, tool) };
}

function runPackageTool(ctx: CommandContext, tool: 'apt' | 'apt-get'): number {
  const words = ctx.args.filter((a) => !a.startsWith('-'));
  const verb = words[0];
  if (tool === 'apt' && ctx.stdoutIsTerminal !== true && verb !== undefined) ctx.stderr('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  if (verb === undefined) {
    ctx.stdout(`apt 2.6.1 (amd64)\nUsage: ${tool} [options] command\n`);
    return tool === 'apt' ? 1 : 0;
  }
  if (['update', 'install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'remove', 'purge', 'autoremove', 'reinstall'].includes(verb) && ctx.user.uid !== 0) {
    if (verb === 'update') ctx.stderr('Reading package lists... Done\nE: Could not open lock file /var/lib/apt/lists/lock - open (13: Permission denied)\nE: Unable to lock directory /var/lib/apt/lists/\n');
    else ctx.stderr('E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
    return 100;
  }
  switch (verb) {
    case 'update': {
      const suites = [`${MIRROR} bookworm`, `${MIRROR} bookworm-updates`, 'http://security.debian.org/debian-security bookworm-security'];
      let out = '';
      suites.forEach((s, i) => (out += `Err:${i + 1} ${s} InRelease\n  ${refused(s.split('/')[2]!)}\n`));
      out += 'Reading package lists...' + (tool === 'apt' ? '' : ' Done') + '\n';
      ctx.stdout(out);
      ctx.stderr(suites.map((s) => `W: Failed to fetch ${s.replace(/ (\S+)$/, '/dists/$1')}/InRelease  ${refused(s.split('/')[2]!)}\n`).join('') + 'W: Some index files failed to download. They have been ignored, or old ones used instead.\n');
      return 0;
    }
    case 'install':
    case 'reinstall': {
      ctx.stdout('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n');
      const pkgs = words.slice(1);
      const unknown = pkgs.find((p) => !INSTALLED[p] && !AVAILABLE[p]);
      if (unknown !== undefined) {
        ctx.stderr(`E: Unable to locate package ${unknown}\n`);
        return 100;
      }
      const fresh = pkgs.filter((p) => AVAILABLE[p] && !INSTALLED[p]);
      for (const p of pkgs.filter((q) => INSTALLED[q])) ctx.stdout(`${p} is already the newest version (${INSTALLED[p]!.replace(/^\d+:/, '')}).\n`);
      if (fresh.length === 0) {
        ctx.stdout('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
        return 0;
      }
      const get = fresh.reduce((s, p) => s + AVAILABLE[p]![1], 0);
      const used = fresh.reduce((s, p) => s + AVAILABLE[p]![2], 0);
      ctx.stdout(`The following NEW packages will be installed:\n  ${fresh.join(' ')}\n0 upgraded, ${fresh.length} newly installed, 0 to remove and 0 not upgraded.\nNeed to get ${get.toLocaleString('en-US')} kB of archives.\nAfter this operation, ${(used / 1000).toFixed(1)} MB of additional disk space will be used.\n`);
      if (!ctx.args.some((a) => a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-qy' || a === '-yq')) {
        ctx.stdout('Do you want to continue? [Y/n] Abort.\n');
        return 1;
      }
      fresh.forEach((p, i) => ctx.stdout(`Err:${i + 1} ${MIRROR} bookworm/main amd64 ${p} amd64 ${AVAILABLE[p]![0]}\n  ${refused('deb.debian.org')}\n`));
      ctx.stderr(fresh.map((p) => `E: Failed to fetch ${MIRROR}/pool/main/${p.startsWith('lib') ? p.slice(0, 4) : p[0]}/${p}/${p}_${AVAILABLE[p]![0].replace(/^\d+:/, '').replace(/\+/g, '%2b')}_amd64.deb  ${refused('deb.debian.org')}\n`).join('') + 'E: Unable to fetch some archives, maybe run apt-get update or try with --fix-missing?\n');
      return 100;
    }
    case 'upgrade':
    case 'dist-upgrade':
    case 'full-upgrade':
      ctx.stdout('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\nCalculating upgrade... Done\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return 0;
    case 'remove':
    case 'purge':
    case 'autoremove':
      ctx.stdout('Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n');
      for (const p of words.slice(1)) {
        if (!INSTALLED[p] && !AVAILABLE[p]) {
          ctx.stderr(`E: Unable to locate package ${p}\n`);
          return 100;
        }
        if (!INSTALLED[p]) ctx.stdout(`Package '${p}' is not installed, so not removed\n`);
      }
      ctx.stdout('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return 0;
    case 'list':
    case 'search':
    case 'show':
    case 'policy':
    case 'clean':
    case 'autoclean':
    case 'check':
      return 0;
    default:
      ctx.stderr(`E: Invalid operation ${verb}\n`);
      return 100;
  }
}
