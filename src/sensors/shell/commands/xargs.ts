// xargs (findutils 4.9): builds argument lists from stdin and runs the named command through the emulated
// table only, never the host; bounded invocations; GNU's quoting rules, -n -L -I -0 -d -r -t, exit 123/127.
import type { Command, CommandContext } from '../command.js';
import { runEmulated } from './command-lookup.js';

const MAX_RUNS = 256;
const TRY = "Try 'xargs --help' for more information.\n";

export const xargs: Command = {
  name: 'xargs',
  paths: ['/usr/bin/xargs', '/bin/xargs'],
  async run(ctx) {
    const o = { n: 0, lines: 0, replace: undefined as string | undefined, nul: false, delim: undefined as string | undefined, noEmpty: false, trace: false };
    const args = ctx.args;
    let k = 0;
    const valueOf = (a: string, j: number, flag: string): string | undefined => {
      const rest = a.slice(j + 1);
      if (rest) return rest;
      const next = args[++k];
      if (next === undefined) ctx.stderr(`xargs: option requires an argument -- '${flag}'\n${TRY}`);
      return next;
    };
    for (; k < args.length; k++) {
      const a = args[k]!;
      if (a === '--') {
        k++;
        break;
      }
      if (!a.startsWith('-') || a === '-') break;
      if (a === '--null') o.nul = true;
      else if (a === '--no-run-if-empty') o.noEmpty = true;
      else if (a === '--verbose') o.trace = true;
      else if (a.startsWith('--max-args=')) o.n = Number(a.slice(11)) || 0;
      else if (a.startsWith('--')) {
        ctx.stderr(`xargs: unrecognized option '${a}'\n${TRY}`);
        return 1;
      } else {
        for (let j = 1; j < a.length; j++) {
          const c = a[j]!;
          if (c === '0') o.nul = true;
          else if (c === 'r') o.noEmpty = true;
          else if (c === 't' || c === 'p') o.trace = true;
          else if (c === 'x') continue;
          else if ('nLIdPsiE'.includes(c)) {
            const v = valueOf(a, j, c);
            if (v === undefined) return 1;
            if (c === 'n' || c === 'L' || c === 'P' || c === 's') {
              if (!/^\d+$/.test(v) || (c !== 'P' && Number(v) < 1)) {
                ctx.stderr(`xargs: invalid number "${v}" for -${c} option\n${TRY}`);
                return 1;
              }
              if (c === 'n') o.n = Number(v);
              if (c === 'L') o.lines = Number(v);
            } else if (c === 'I' || c === 'i') o.replace = v;
            else if (c === 'd') o.delim = v === '\\n' ? '\n' : v.charAt(0);
            break;
          } else {
            ctx.stderr(`xargs: invalid option -- '${c}'\n${TRY}`);
            return 1;
          }
        }
      }
    }
    const command = args.slice(k);
    if (command.length === 0) command.push('echo');
    const items = o.nul ? ctx.stdin.split('\0').filter((s, i, all) => s !== '' || i < all.length - 1) : o.delim !== undefined ? ctx.stdin.split(o.delim).filter((s, i, all) => !(i === all.length - 1 && s === '')) : o.replace !== undefined || o.lines ? ctx.stdin.split('\n').filter((l) => l.trim() !== '') : splitWords(ctx, ctx.stdin);
    if (items === undefined) return 1;
    const batches: string[][] = [];
    if (o.replace !== undefined) for (const item of items) batches.push(command.map((w) => w.replaceAll(o.replace!, item.trim())));
    else {
      const per = o.n || (o.lines ? o.lines : items.length || 1);
      const words = o.lines && !o.nul && o.delim === undefined ? items.map((l) => splitWords(ctx, l) ?? []).flat() : items;
      for (let i = 0; i < words.length; i += per) batches.push([...command, ...words.slice(i, i + per)]);
      if (words.length === 0 && !o.noEmpty) batches.push([...command]);
    }
    let status = 0;
    for (const argv of batches.slice(0, MAX_RUNS)) {
      if (o.trace) ctx.stderr(argv.join(' ') + '\n');
      const r = await runEmulated(ctx, argv, { stdin: '' });
      if ('missing' in r) {
        ctx.stderr(`xargs: ${argv[0]}: No such file or directory\n`);
        return 127;
      }
      if (r.status === 255) {
        ctx.stderr(`xargs: ${argv[0]}: exited with status 255; aborting\n`);
        return 124;
      }
      if (r.status !== 0) status = 123;
    }
    return status;
  },
};

/** GNU xargs' default input: blanks separate, quotes and backslashes group; an open quote is an error. */
function splitWords(ctx: CommandContext, text: string): string[] | undefined {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      const end = text.indexOf(c, i + 1);
      const nl = text.indexOf('\n', i + 1);
      if (end < 0 || (nl >= 0 && nl < end)) {
        ctx.stderr(`xargs: unmatched ${c === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option\n`);
        return undefined;
      }
      cur += text.slice(i + 1, end);
      has = true;
      i = end;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}
