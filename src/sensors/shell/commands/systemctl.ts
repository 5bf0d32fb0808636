// systemctl (systemd 252): status, is-active, is-enabled, list-units, start/stop/restart/enable/disable
// and daemon-reload over the emulated units; root changes succeed silently, users need polkit's password.
import type { Command, CommandContext } from '../command.js';
import { fsOf, resolvePath } from '../system/fs.js';
import { machineFor } from '../system/machine.js';
import { processTable } from '../system/processes.js';
import { findUnit, UNITS, type Unit } from './units.js';

const CHANGES = new Set(['start', 'stop', 'restart', 'reload', 'enable', 'disable', 'mask', 'unmask', 'kill', 'try-restart', 'reload-or-restart']);

export const systemctl: Command = {
  name: 'systemctl',
  paths: ['/usr/bin/systemctl', '/bin/systemctl'],
  run(ctx) {
    const words = ctx.args.filter((a) => !a.startsWith('-'));
    const verb = words[0] ?? 'list-units';
    const names = words.slice(1);
    if (verb === 'list-units' || verb === 'list-unit-files') return listUnits(ctx, verb === 'list-unit-files');
    if (verb === 'daemon-reload' || verb === 'daemon-reexec' || verb === 'reset-failed') {
      if (ctx.user.uid !== 0) return denied(ctx, 'reload daemon');
      return 0;
    }
    if (verb === 'status') {
      let status = 0;
      for (const n of names.length ? names : ['']) {
        if (n === '') {
          ctx.stdout(`● ${ctx.hostname}\n    State: running\n    Units: 231 loaded (incl. loaded aliases)\n     Jobs: 0 queued\n   Failed: 0 units\n    Since: ${since(ctx)}\n  systemd: 252.38-1~deb12u1\n   CGroup: /\n`);
          continue;
        }
        const u = findUnit(n);
        if (!u && !customUnit(ctx, n)) {
          ctx.stderr(`Unit ${unitName(n)} could not be found.\n`);
          status = 4;
        } else if (u) ctx.stdout(statusText(ctx, u));
        else {
          ctx.stdout(`○ ${unitName(n)}\n     Loaded: loaded (/etc/systemd/system/${unitName(n)}; disabled; preset: enabled)\n     Active: inactive (dead)\n`);
          status = 3;
        }
      }
      return status;
    }
    if (verb === 'is-active' || verb === 'is-enabled' || verb === 'is-failed') {
      let status = 0;
      for (const n of names) {
        const u = findUnit(n);
        if (verb === 'is-enabled') {
          if (u) ctx.stdout('enabled\n');
          else {
            status = 1;
            if (customUnit(ctx, n)) ctx.stdout('disabled\n');
            else ctx.stderr(`Failed to get unit file state for ${unitName(n)}: No such file or directory\n`);
          }
        } else if (verb === 'is-failed') {
          ctx.stdout(u ? 'active\n' : 'inactive\n');
          status = 1;
        } else {
          ctx.stdout(u ? 'active\n' : 'inactive\n');
          if (!u) status = 3;
        }
      }
      return status;
    }
    if (CHANGES.has(verb)) {
      if (names.length === 0) {
        ctx.stderr(`Too few arguments.\n`);
        return 1;
      }
      if (ctx.user.uid !== 0) return denied(ctx, verb, names[0]);
      for (const n of names) {
        const u = findUnit(n);
        const custom = customUnit(ctx, n);
        if (!u && !custom) {
          ctx.stderr(verb === 'enable' || verb === 'disable' ? `Failed to ${verb} unit: Unit file ${unitName(n)} does not exist.\n` : `Failed to ${verb} ${unitName(n)}: Unit ${unitName(n)} not found.\n`);
          return verb === 'enable' || verb === 'disable' ? 1 : 5;
        }
        if (verb === 'enable' && custom) ctx.stderr(`Created symlink /etc/systemd/system/multi-user.target.wants/${unitName(n)} → ${custom}.\n`);
        if (verb === 'disable' && custom) ctx.stderr(`Removed "/etc/systemd/system/multi-user.target.wants/${unitName(n)}".\n`);
        if ((verb === 'enable' || verb === 'disable') && u?.sysv) ctx.stderr(`Synchronizing state of ${u.name}.service with SysV service script with /lib/systemd/systemd-sysv-install.\nExecuting: /lib/systemd/systemd-sysv-install ${verb} ${u.name}\n`);
      }
      return 0;
    }
    ctx.stderr(`Unknown command verb ${verb}.\n`);
    return 1;
  },
};

const unitName = (n: string): string => (/\.(service|timer|socket|target|mount|path)$/.test(n) ? n : `${n}.service`);

/** A unit file the session wrote (the usual persistence trick), found where systemd looks. */
function customUnit(ctx: CommandContext, n: string): string | undefined {
  for (const dir of ['/etc/systemd/system', '/lib/systemd/system', '/usr/lib/systemd/system']) {
    const path = resolvePath('/', `${dir}/${unitName(n)}`);
    try {
      if (fsOf(ctx).stat(path)) return path;
    } catch {
      // unreadable: as if absent
    }
  }
  return undefined;
}

function denied(ctx: CommandContext, verb: string, name?: string): number {
  const what = name ? ` ${unitName(name)}` : '';
  ctx.stderr(`Failed to ${verb}${what}: Interactive authentication required.\n${name ? `See system logs and 'systemctl status${what}' for details.\n` : ''}`);
  return 1;
}

function since(ctx: CommandContext): string {
  const m = machineFor(ctx);
  const d = new Date(m.bootTimeMs + 3000);
  const ago = Math.floor(m.uptimeSeconds / 86400);
  const weeks = Math.floor(ago / 7);
  return `${d.toLocaleString('en-US', { weekday: 'short', timeZone: 'UTC' })} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC; ${weeks > 0 ? `${weeks} week${weeks === 1 ? '' : 's'} ${ago % 7} days` : `${ago} days`} ago`;
}

function statusText(ctx: CommandContext, u: Unit): string {
  const proc = processTable(ctx).find((p) => p.cmd.startsWith(u.cmd));
  const pid = proc?.pid ?? 1;
  const cpu = proc ? proc.cpuSeconds : 1;
  const mem = proc ? `${(proc.rss / 1024).toFixed(1)}M` : '1.0M';
  return (
    `● ${u.name}.service - ${u.description}\n` +
    `     Loaded: loaded (/lib/systemd/system/${u.name.replace('@tty1', '@')}.service; enabled; preset: enabled)\n` +
    `     Active: active (running) since ${since(ctx)}\n` +
    `       Docs: ${u.docs}\n` +
    `   Main PID: ${pid} (${proc?.comm ?? u.name})\n` +
    `      Tasks: 1 (limit: ${Math.floor(machineFor(ctx).memory.total / 858)})\n` +
    `     Memory: ${mem}\n` +
    `        CPU: ${cpu >= 60 ? `${Math.floor(cpu / 60)}min ` : ''}${(cpu % 60).toFixed(3)}s\n` +
    `     CGroup: /system.slice/${u.name.startsWith('getty') ? 'system-getty.slice/' : ''}${u.name}.service\n` +
    `             └─${pid} ${proc && proc.cmd.includes(' ') && proc.cmd.startsWith('sshd') ? `"${proc.cmd}"` : (proc?.cmd ?? u.cmd)}\n`
  );
}

function listUnits(ctx: CommandContext, files: boolean): number {
  if (files) {
    ctx.stdout(`UNIT FILE                              STATE           PRESET\n${UNITS.map((u) => `${(u.name.replace('@tty1', '@') + '.service').padEnd(38)} enabled         enabled\n`).join('')}\n${UNITS.length} unit files listed.\n`);
    return 0;
  }
  const rows = UNITS.map((u) => `  ${(u.name + '.service').padEnd(30)} loaded active running ${u.description}\n`).join('');
  ctx.stdout(`  UNIT                           LOAD   ACTIVE SUB     DESCRIPTION\n${rows}\nLOAD   = Reflects whether the unit definition was properly loaded.\nACTIVE = The high-level unit activation state, i.e. generalization of SUB.\nSUB    = The low-level unit activation state, values depend on unit type.\n${UNITS.length} loaded units listed. Pass --all to see loaded but inactive units, too.\nTo show all installed unit files use 'systemctl list-unit-files'.\n`);
  return 0;
}
