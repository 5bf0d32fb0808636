// date: the current time in UTC, in coreutils' default format, or +FORMAT with the common specifiers.
import type { Command } from '../command.js';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const date: Command = {
  name: 'date',
  paths: ['/usr/bin/date', '/bin/date'],
  run(ctx) {
    const d = new Date();
    const fmt = ctx.args.find((a) => a.startsWith('+'));
    const p2 = (n: number): string => String(n).padStart(2, '0');
    const spec: Record<string, () => string> = {
      Y: () => String(d.getUTCFullYear()),
      y: () => p2(d.getUTCFullYear() % 100),
      m: () => p2(d.getUTCMonth() + 1),
      d: () => p2(d.getUTCDate()),
      e: () => String(d.getUTCDate()).padStart(2),
      H: () => p2(d.getUTCHours()),
      M: () => p2(d.getUTCMinutes()),
      S: () => p2(d.getUTCSeconds()),
      s: () => String(Math.floor(d.getTime() / 1000)),
      a: () => DAYS[d.getUTCDay()]!,
      b: () => MONTHS[d.getUTCMonth()]!,
      Z: () => 'UTC',
      z: () => '+0000',
      N: () => String(d.getUTCMilliseconds() * 1_000_000).padStart(9, '0'),
      F: () => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`,
      T: () => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
      '%': () => '%',
    };
    const text = fmt ? fmt.slice(1).replace(/%(.)/g, (m, c: string) => spec[c]?.() ?? m) : `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${spec.T!()} UTC ${d.getUTCFullYear()}`;
    ctx.stdout(text + '\n');
    return 0;
  },
};
