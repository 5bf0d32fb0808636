// cut: -f fields with -d delimiter (default tab, -s to drop lines without one), -c/-b character ranges.
import type { Command } from '../command.js';
import { eachInput, linesOf } from '../system/fs.js';

const TRY = "Try 'cut --help' for more information.\n";

export const cut: Command = {
  name: 'cut',
  paths: ['/usr/bin/cut', '/bin/cut'],
  run(ctx) {
    let delim = '\t';
    let list: string | undefined;
    let mode: 'f' | 'c' | undefined;
    let onlyDelimited = false;
    const files: string[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const m = /^-([dfcb])(.*)$/.exec(a);
      if (m) {
        const v = m[2] || args[++i];
        if (v === undefined) {
          ctx.stderr(`cut: option requires an argument -- '${m[1]}'\n${TRY}`);
          return 1;
        }
        if (m[1] === 'd') {
          if ([...v].length !== 1) {
            ctx.stderr(`cut: the delimiter must be a single character\n${TRY}`);
            return 1;
          }
          delim = v;
        } else {
          mode = m[1] === 'f' ? 'f' : 'c';
          list = v;
        }
      } else if (a === '-s') onlyDelimited = true;
      else if (a.startsWith('-') && a !== '-') {
        ctx.stderr(`cut: invalid option -- '${a.charAt(1)}'\n${TRY}`);
        return 1;
      } else files.push(a);
    }
    if (!mode || list === undefined) {
      ctx.stderr(`cut: you must specify a list of bytes, characters, or fields\n${TRY}`);
      return 1;
    }
    const ranges = parseList(list);
    if (!ranges) {
      ctx.stderr(`cut: invalid field value ‘${list}’\n${TRY}`);
      return 1;
    }
    const want = (n: number): boolean => ranges.some(([lo, hi]) => n >= lo && n <= hi);
    const ok = eachInput(ctx, 'cut', files, (text) => {
      for (const line of linesOf(text)) {
        if (mode === 'c') {
          ctx.stdout([...line].filter((_, i) => want(i + 1)).join('') + '\n');
          continue;
        }
        if (!line.includes(delim)) {
          if (!onlyDelimited) ctx.stdout(line + '\n');
          continue;
        }
        ctx.stdout(line.split(delim).filter((_, i) => want(i + 1)).join(delim) + '\n');
      }
    });
    return ok ? 0 : 1;
  },
};

function parseList(list: string): [number, number][] | undefined {
  const out: [number, number][] = [];
  for (const part of list.split(',')) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '') || m[1] === '0') return undefined;
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo;
    out.push([lo, hi]);
  }
  return out;
}
