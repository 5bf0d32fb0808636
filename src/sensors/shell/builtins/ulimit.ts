// ulimit: the resource limits a Debian 12 root shell reports, settable per shell (nothing is enforced).
import type { Builtin } from './types.js';

interface Limit {
  flag: string;
  label: string;
  unit: string;
  value: string;
}

function defaults(): Limit[] {
  return [
    { flag: 'R', label: 'real-time non-blocking time', unit: 'microseconds', value: 'unlimited' },
    { flag: 'c', label: 'core file size', unit: 'blocks', value: '0' },
    { flag: 'd', label: 'data seg size', unit: 'kbytes', value: 'unlimited' },
    { flag: 'e', label: 'scheduling priority', unit: '', value: '0' },
    { flag: 'f', label: 'file size', unit: 'blocks', value: 'unlimited' },
    { flag: 'i', label: 'pending signals', unit: '', value: '15394' },
    { flag: 'l', label: 'max locked memory', unit: 'kbytes', value: '498456' },
    { flag: 'm', label: 'max memory size', unit: 'kbytes', value: 'unlimited' },
    { flag: 'n', label: 'open files', unit: '', value: '1024' },
    { flag: 'p', label: 'pipe size', unit: '512 bytes', value: '8' },
    { flag: 'q', label: 'POSIX message queues', unit: 'bytes', value: '819200' },
    { flag: 'r', label: 'real-time priority', unit: '', value: '0' },
    { flag: 's', label: 'stack size', unit: 'kbytes', value: '8192' },
    { flag: 't', label: 'cpu time', unit: 'seconds', value: 'unlimited' },
    { flag: 'u', label: 'max user processes', unit: '', value: '15394' },
    { flag: 'v', label: 'virtual memory', unit: 'kbytes', value: 'unlimited' },
    { flag: 'x', label: 'file locks', unit: '', value: 'unlimited' },
  ];
}

const perShell = new WeakMap<object, Limit[]>();

/** One `ulimit -a` line: the label and its unit/flag column padded as bash pads them. */
function line(l: Limit): string {
  const unit = l.unit ? `(${l.unit}, -${l.flag}) ` : `(-${l.flag}) `;
  return `${l.label.padEnd(20)} ${unit.padStart(20)}${l.value}\n`;
}

export const ulimit: Builtin = {
  name: 'ulimit',
  run(ctx) {
    const limits = perShell.get(ctx.shell) ?? defaults();
    perShell.set(ctx.shell, limits);
    let flag = 'f';
    let value: string | undefined;
    let all = false;
    for (const a of ctx.args) {
      if (/^-[A-Za-z]+$/.test(a)) {
        for (const f of a.slice(1)) {
          if (f === 'a') all = true;
          else if (f === 'H' || f === 'S') continue;
          else if (limits.some((l) => l.flag === f)) flag = f;
          else {
            ctx.stderr(`${ctx.prefix}ulimit: -${f}: invalid option\nulimit: usage: ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]\n`);
            return 2;
          }
        }
      } else value = a;
    }
    if (all) {
      for (const l of limits) ctx.stdout(line(l));
      return 0;
    }
    const limit = limits.find((l) => l.flag === flag)!;
    if (value === undefined) {
      ctx.stdout(`${limit.value}\n`);
      return 0;
    }
    if (value !== 'unlimited' && value !== 'hard' && value !== 'soft' && !/^\d+$/.test(value)) {
      ctx.stderr(`${ctx.prefix}ulimit: ${value}: invalid number\n`);
      return 1;
    }
    if (ctx.user.uid !== 0 && value === 'unlimited' && limit.value !== 'unlimited') {
      ctx.stderr(`${ctx.prefix}ulimit: ${limit.label}: cannot modify limit: Operation not permitted\n`);
      return 1;
    }
    if (value !== 'hard' && value !== 'soft') limit.value = value;
    return 0;
  },
};
