// who (coreutils 9.1): the session's utmp entry (an SSH exec request has none), -q, -b, -r, -H, am i.
import type { Command } from '../command.js';
import { machineFor, ttyOf } from '../system/machine.js';

/** utmp times: "2025-11-25 19:20" in the machine's UTC. */
export function utmpTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

export const who: Command = {
  name: 'who',
  paths: ['/usr/bin/who', '/bin/who'],
  run(ctx) {
    const m = machineFor(ctx);
    const tty = ttyOf(ctx);
    const flags = ctx.args.filter((a) => a.startsWith('-')).join('');
    const bad = [...flags.replace(/^-+/, '').replace(/-/g, '')].find((c) => !'abdHlmpqrsTtuw'.includes(c));
    if (bad !== undefined && !ctx.args.some((a) => a.startsWith('--'))) {
      ctx.stderr(`who: invalid option -- '${bad}'\nTry 'who --help' for more information.\n`);
      return 1;
    }
    const from = ctx.remoteAddress ?? ctx.env.get('SSH_CLIENT')?.split(' ')[0];
    const line = tty ? `${ctx.user.name.padEnd(8)} ${tty.padEnd(12)} ${utmpTime(ctx.sessionStartMs ?? m.nowMs)}${from ? ` (${from})` : ''}\n` : '';
    if (flags.includes('q')) {
      ctx.stdout(`${tty ? ctx.user.name : ''}\n# users=${tty ? 1 : 0}\n`);
      return 0;
    }
    let out = flags.includes('H') ? 'NAME     LINE         TIME             COMMENT\n' : '';
    if (flags.includes('b')) out += `         system boot  ${utmpTime(m.bootTimeMs)}\n`;
    if (flags.includes('r')) out += `         run-level 5  ${utmpTime(m.bootTimeMs)}\n`;
    if (!flags.includes('b') && !flags.includes('r')) out += line;
    ctx.stdout(out);
    return 0;
  },
};
