// grep: GNU grep's common flags over stdin or files; BRE/ERE translated to JS RegExp; exit 1 when nothing matched.
import type { Command, CommandContext } from '../command.js';
import { eachInput, linesOf } from '../system/fs.js';
import { toJsRegex, userRegExp } from './regex.js';

export const grep: Command = {
  name: 'grep',
  paths: ['/bin/grep', '/usr/bin/grep'],
  run: (ctx) => runGrep(ctx, 'basic'),
};

export const egrep: Command = {
  name: 'egrep',
  paths: ['/bin/egrep', '/usr/bin/egrep'],
  run: (ctx) => runGrep(ctx, 'extended'),
};

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

function runGrep(ctx: CommandContext, initial: 'basic' | 'extended' | 'fixed'): number {
  let syntax = initial;
  const f = { i: false, v: false, c: false, o: false, w: false, x: false, n: false, q: false, l: false, h: false, H: false, s: false };
  const patterns: string[] = [];
  const operands: string[] = [];
  const args = ctx.args;
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (a === '--') {
      operands.push(...args.slice(k + 1));
      break;
    }
    if (a === '-e' || a === '--regexp') {
      const p = args[++k];
      if (p === undefined) {
        ctx.stderr(`grep: option requires an argument -- 'e'\n${USAGE}`);
        return 2;
      }
      patterns.push(p);
    } else if (a.startsWith('--')) {
      const map: Record<string, () => void> = {
        '--ignore-case': () => (f.i = true),
        '--invert-match': () => (f.v = true),
        '--count': () => (f.c = true),
        '--only-matching': () => (f.o = true),
        '--word-regexp': () => (f.w = true),
        '--line-number': () => (f.n = true),
        '--quiet': () => (f.q = true),
        '--silent': () => (f.q = true),
        '--extended-regexp': () => (syntax = 'extended'),
        '--fixed-strings': () => (syntax = 'fixed'),
        '--color=auto': () => {},
        '--color=never': () => {},
        '--colour=auto': () => {},
      };
      const fn = map[a];
      if (!fn) {
        ctx.stderr(`grep: unrecognized option '${a}'\n${USAGE}`);
        return 2;
      }
      fn();
    } else if (a.length > 1 && a.startsWith('-')) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j]!;
        if (c === 'E') syntax = 'extended';
        else if (c === 'F') syntax = 'fixed';
        else if (c === 'G') syntax = 'basic';
        else if (c === 'e') {
          const rest = a.slice(j + 1) || args[++k];
          if (rest === undefined) {
            ctx.stderr(`grep: option requires an argument -- 'e'\n${USAGE}`);
            return 2;
          }
          patterns.push(rest);
          break;
        } else if (c in f) f[c as keyof typeof f] = true;
        else if (c === 'r' || c === 'R' || c === 'a' || c === 'I') continue;
        else {
          ctx.stderr(`grep: invalid option -- '${c}'\n${USAGE}`);
          return 2;
        }
      }
    } else operands.push(a);
  }
  if (patterns.length === 0) {
    const p = operands.shift();
    if (p === undefined) {
      ctx.stderr(USAGE);
      return 2;
    }
    patterns.push(p);
  }
  let re: RegExp;
  try {
    const sources = patterns.flatMap((p) => p.split('\n')).map((p) => toJsRegex(p, syntax));
    let src = sources.map((s) => `(?:${s})`).join('|');
    // Word match without lookarounds, which the linear engine lacks: the neighbours are consumed and trimmed for -o.
    if (f.w) src = `(?:^|[^\\w])(?:${src})(?:[^\\w]|$)`;
    if (f.x) src = `^(?:${src})$`;
    re = userRegExp(src, f.i ? 'gi' : 'g');
  } catch {
    ctx.stderr('grep: Unmatched ( or \\(\n');
    return 2;
  }
  const multi = (operands.length > 1 || f.H) && !f.h;
  let matched = false;
  const ok = eachInput(ctx, 'grep', operands, (text, name) => {
    let count = 0;
    const prefix = multi ? `${name}:` : '';
    for (const [idx, line] of linesOf(text).entries()) {
      const hits = [...line.matchAll(re)];
      const isMatch = hits.length > 0;
      if (isMatch === f.v) continue;
      count++;
      matched = true;
      if (f.q || f.c || f.l) continue;
      const num = f.n ? `${idx + 1}:` : '';
      if (!f.o || f.v) ctx.stdout(`${prefix}${num}${line}\n`);
      else for (const h of hits) if (h[0] !== '') ctx.stdout(`${prefix}${num}${f.w ? h[0].replace(/^\W|\W$/g, '') : h[0]}\n`);
    }
    if (f.q) return;
    if (f.c) ctx.stdout(`${prefix}${count}\n`);
    else if (f.l && count > 0) ctx.stdout(`${name}\n`);
  });
  if (!ok && !f.s) return matched && f.q ? 0 : 2;
  return matched ? 0 : 1;
}
