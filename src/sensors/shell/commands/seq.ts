// seq: integer sequences (LAST, FIRST LAST, FIRST INCR LAST), capped like yes.
import type { Command } from '../command.js';

const MAX_LINES = 100_000;

export const seq: Command = {
  name: 'seq',
  paths: ['/usr/bin/seq', '/bin/seq'],
  run(ctx) {
    const nums = ctx.args.filter((a) => !/^-[a-z]/.test(a));
    const bad = nums.find((n) => !/^-?\d+(\.\d+)?$/.test(n));
    if (nums.length === 0 || nums.length > 3 || bad !== undefined) {
      ctx.stderr(bad !== undefined ? `seq: invalid floating point argument: ‘${bad}’\nTry 'seq --help' for more information.\n` : "seq: missing operand\nTry 'seq --help' for more information.\n");
      return 1;
    }
    const v = nums.map(Number);
    const [first, incr, last] = v.length === 1 ? [1, 1, v[0]!] : v.length === 2 ? [v[0]!, 1, v[1]!] : [v[0]!, v[1]!, v[2]!];
    if (incr === 0) {
      ctx.stderr("seq: invalid Zero increment value: ‘0’\nTry 'seq --help' for more information.\n");
      return 1;
    }
    let out = '';
    for (let x = first, n = 0; (incr > 0 ? x <= last : x >= last) && n < MAX_LINES; x += incr, n++) out += `${x}\n`;
    ctx.stdout(out);
    return 0;
  },
};
