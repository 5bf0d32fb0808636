// uname: kernel facts from the persona, with coreutils' flag letters and order.
import type { Command } from '../command.js';

export const uname: Command = {
  name: 'uname',
  paths: ['/bin/uname', '/usr/bin/uname'],
  run(ctx) {
    const { os } = ctx;
    const fields: [string, string][] = [
      ['s', os.kernel_name],
      ['n', ctx.hostname],
      ['r', os.kernel_release],
      ['v', os.kernel_version],
      ['m', os.machine],
      ['o', os.os_name],
    ];
    const wanted = new Set<string>();
    for (const a of ctx.args) {
      if (a === '--all') wanted.add('a');
      else if (a === '--kernel-name') wanted.add('s');
      else if (a === '--nodename') wanted.add('n');
      else if (a === '--kernel-release') wanted.add('r');
      else if (a === '--kernel-version') wanted.add('v');
      else if (a === '--machine') wanted.add('m');
      else if (a === '--operating-system') wanted.add('o');
      else if (/^-[asnrvmpio]+$/.test(a)) for (const c of a.slice(1)) wanted.add(c);
      else if (!a.startsWith('-')) {
        ctx.stderr(`uname: extra operand ‘${a}’\nTry 'uname --help' for more information.\n`);
        return 1;
      } else {
        ctx.stderr(`uname: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'\nTry 'uname --help' for more information.\n`);
        return 1;
      }
    }
    if (wanted.size === 0) wanted.add('s');
    const parts = wanted.has('a')
      ? [...fields.slice(0, 5).map(([, v]) => v), fields[5]![1]]
      : fields.filter(([k]) => wanted.has(k)).map(([, v]) => v);
    if (!wanted.has('a') && wanted.has('p')) parts.push('unknown');
    if (!wanted.has('a') && wanted.has('i')) parts.push('unknown');
    ctx.stdout(parts.join(' ') + '\n');
    return 0;
  },
};
