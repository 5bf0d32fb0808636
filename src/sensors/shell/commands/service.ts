// service (init-system-helpers 1.65): hands the unit to systemctl as Debian's wrapper does;
// --status-all lists the /etc/init.d scripts.
import type { Command } from '../command.js';
import { runEmulated } from './command-lookup.js';
import { findUnit, UNITS } from './units.js';

const USAGE = 'Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n';

export const service: Command = {
  name: 'service',
  paths: ['/usr/sbin/service', '/sbin/service'],
  async run(ctx) {
    const [name, verb, ...rest] = ctx.args;
    if (name === '--status-all') {
      const scripts = [...UNITS.filter((u) => u.sysv).map((u) => u.sysv!), 'hwclock.sh', 'kmod', 'procps'].sort();
      ctx.stdout(scripts.map((s) => ` [ ${s === 'hwclock.sh' ? '?' : '+'} ]  ${s}\n`).join(''));
      return 0;
    }
    if (name === undefined || name.startsWith('-')) {
      ctx.stderr(USAGE);
      return 1;
    }
    if (!findUnit(name)) {
      ctx.stderr(`${name}: unrecognized service\n`);
      return 1;
    }
    if (verb === undefined) {
      ctx.stderr(USAGE);
      return 1;
    }
    const r = await runEmulated(ctx, ['systemctl', verb, `${name}.service`, ...rest]);
    return 'status' in r ? r.status : 1;
  },
};
