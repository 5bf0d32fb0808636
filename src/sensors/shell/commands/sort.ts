// sort: lexicographic (C-locale byte order), -n numeric, -r reverse, -u unique, -k N field, -t separator.
import type { Command } from '../command.js';
import { eachInput, linesOf } from '../system/fs.js';
import { toNum } from './awk-parse.js';

export const sort: Command = {
  name: 'sort',
  paths: ['/usr/bin/sort', '/bin/sort'],
  run(ctx) {
    const o = { n: false, r: false, u: false, f: false, h: false };
    let key = 0;
    let sep: string | undefined;
    const files: string[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-k' || a === '-t') {
        const v = args[++i] ?? '';
        if (a === '-k') key = Number.parseInt(v, 10) || 0;
        else sep = v;
      } else if (/^-k\d/.test(a)) key = Number.parseInt(a.slice(2), 10);
      else if (/^-t./.test(a)) sep = a.slice(2);
      else if (/^-[nrufhbs]+$/.test(a)) for (const c of a.slice(1)) if (c in o) o[c as keyof typeof o] = true;
      else if (a.startsWith('-') && a !== '-') {
        ctx.stderr(`sort: invalid option -- '${a.charAt(1)}'\nTry 'sort --help' for more information.\n`);
        return 2;
      } else files.push(a);
    }
    const lines: string[] = [];
    const ok = eachInput(ctx, 'sort', files, (text) => lines.push(...linesOf(text)));
    const field = (l: string): string => {
      if (key === 0) return l;
      const parts = sep === undefined ? l.trim().split(/\s+/) : l.split(sep);
      return parts.slice(key - 1).join(sep ?? ' ');
    };
    const cmp = (a: string, b: string): number => {
      let x = field(a);
      let y = field(b);
      if (o.n || o.h) return toNum(x) - toNum(y) || (a < b ? -1 : a > b ? 1 : 0);
      if (o.f) [x, y] = [x.toUpperCase(), y.toUpperCase()];
      return x < y ? -1 : x > y ? 1 : 0;
    };
    let sorted = lines.sort(cmp);
    if (o.r) sorted.reverse();
    if (o.u) sorted = sorted.filter((l, i) => i === 0 || cmp(sorted[i - 1]!, l) !== 0);
    ctx.stdout(sorted.map((l) => l + '\n').join(''));
    return ok ? 0 : 2;
  },
};
