// getconf (glibc 2.36): the system variables scripts ask for, from the machine model (cores, pages).
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';

const USAGE = 'Usage: getconf [-v specification] variable_name [pathname]\n       getconf -a [pathname]\n';

export const getconf: Command = {
  name: 'getconf',
  paths: ['/usr/bin/getconf'],
  run(ctx) {
    const m = machineFor(ctx);
    const vars: Record<string, string> = {
      LONG_BIT: '64',
      WORD_BIT: '32',
      PAGESIZE: '4096',
      PAGE_SIZE: '4096',
      _NPROCESSORS_ONLN: String(m.hw.cpu.cores),
      _NPROCESSORS_CONF: String(m.hw.cpu.cores),
      _PHYS_PAGES: String(Math.floor(m.memory.total / 4)),
      _AVPHYS_PAGES: String(Math.floor(m.memory.free / 4)),
      ARG_MAX: '2097152',
      CHILD_MAX: String(Math.floor(m.memory.total / 256)),
      CLK_TCK: '100',
      OPEN_MAX: '1024',
      HOST_NAME_MAX: '64',
      LOGIN_NAME_MAX: '256',
      PATH: '/bin:/usr/bin',
      GNU_LIBC_VERSION: 'glibc 2.36',
      GNU_LIBPTHREAD_VERSION: 'NPTL 2.36',
      LEVEL1_DCACHE_LINESIZE: '64',
      PATH_MAX: '4096',
      NAME_MAX: '255',
    };
    const args = ctx.args.filter((a) => a !== '--');
    if (args[0] === '-a') {
      ctx.stdout(Object.entries(vars).map(([k, v]) => `${k.padEnd(35)}${v}\n`).join(''));
      return 0;
    }
    const name = args[0];
    if (name === undefined) {
      ctx.stderr(USAGE);
      return 2;
    }
    const v = vars[name];
    if (v === undefined) {
      ctx.stderr(`getconf: Unrecognized variable \`${name}'\n`);
      return 2;
    }
    ctx.stdout(v + '\n');
    return 0;
  },
};
