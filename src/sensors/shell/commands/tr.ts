// tr: translate, -d delete and -s squeeze, with ranges (a-z), [:classes:] and backslash escapes.
import type { Command } from '../command.js';

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \t\n\r\f\v', blank: ' \t', punct: '!-/:-@[-`{-~', xdigit: '0-9A-Fa-f',
};

function expand(set: string): string[] {
  const s = set
    .replace(/\[:([a-z]+):\]/g, (m, n: string) => CLASSES[n] ?? m)
    .replace(/\\(n|t|r|\\|[0-7]{1,3})/g, (_m, e: string) => (e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e === '\\' ? '\\' : String.fromCharCode(parseInt(e, 8))));
  const out: string[] = [];
  const chars = [...s];
  for (let i = 0; i < chars.length; i++) {
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined) {
      const from = chars[i]!.charCodeAt(0);
      const to = chars[i + 2]!.charCodeAt(0);
      for (let c = from; c <= to && out.length < 65536; c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(chars[i]!);
  }
  return out;
}

export const tr: Command = {
  name: 'tr',
  paths: ['/usr/bin/tr', '/bin/tr'],
  run(ctx) {
    const flags = ctx.args.filter((a) => /^-[dsc]+$/.test(a)).join('');
    const sets = ctx.args.filter((a) => !/^-[dsc]+$/.test(a));
    const del = flags.includes('d');
    const squeeze = flags.includes('s');
    if (sets.length === 0 || (!del && !squeeze && sets.length < 2)) {
      ctx.stderr(sets.length === 0 ? "tr: missing operand\nTry 'tr --help' for more information.\n" : `tr: missing operand after ‘${sets[0]}’\nTry 'tr --help' for more information.\n`);
      return 1;
    }
    const a = expand(sets[0]!);
    const b = sets[1] !== undefined ? expand(sets[1]) : [];
    let out = '';
    for (const ch of ctx.stdin) {
      const idx = a.indexOf(ch);
      if (del) {
        if (idx < 0) out += ch;
        continue;
      }
      const mapped = idx >= 0 && b.length ? (b[Math.min(idx, b.length - 1)] ?? ch) : ch;
      const squeezeSet = b.length ? b : a;
      if (squeeze && out.endsWith(mapped) && squeezeSet.includes(mapped)) continue;
      out += mapped;
    }
    ctx.stdout(out);
    return 0;
  },
};
