// uniq: collapses adjacent repeats; -c counts (coreutils' %7d prefix), -d only repeated, -u only unique.
import type { Command } from '../command.js';
import { eachInput, linesOf } from '../system/fs.js';

export const uniq: Command = {
  name: 'uniq',
  paths: ['/usr/bin/uniq', '/bin/uniq'],
  run(ctx) {
    const o = { c: false, d: false, u: false, i: false };
    const files: string[] = [];
    for (const a of ctx.args) {
      if (/^-[cdui]+$/.test(a)) for (const c of a.slice(1)) o[c as keyof typeof o] = true;
      else if (a.startsWith('-') && a !== '-') {
        ctx.stderr(`uniq: invalid option -- '${a.charAt(1)}'\nTry 'uniq --help' for more information.\n`);
        return 1;
      } else files.push(a);
    }
    const lines: string[] = [];
    const ok = eachInput(ctx, 'uniq', files.slice(0, 1), (text) => lines.push(...linesOf(text)));
    const same = (a: string, b: string): boolean => (o.i ? a.toLowerCase() === b.toLowerCase() : a === b);
    let out = '';
    for (let i = 0; i < lines.length; ) {
      let j = i + 1;
      while (j < lines.length && same(lines[i]!, lines[j]!)) j++;
      const n = j - i;
      if ((!o.d || n > 1) && (!o.u || n === 1)) out += (o.c ? `${String(n).padStart(7)} ` : '') + lines[i] + '\n';
      i = j;
    }
    ctx.stdout(out);
    return ok ? 0 : 1;
  },
};
