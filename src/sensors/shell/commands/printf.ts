// printf: bash's builtin for the formats droppers use (%s %d %x %o %c %b %%, widths) and backslash escapes.
import type { Command } from '../command.js';

const ESC: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\\': '\\', '"': '"', "'": "'" };

function escapes(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{1,2}|0?[0-7]{1,3}|.)/g, (m, e: string) => {
    if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8) & 0xff);
    return ESC[e] ?? m;
  });
}

export const printf: Command = {
  name: 'printf',
  paths: ['/usr/bin/printf'],
  run(ctx) {
    const [fmt, ...args] = ctx.args;
    if (fmt === undefined) {
      ctx.stderr(`${ctx.builtinErrorPrefix ?? 'bash: line 1: '}printf: usage: printf [-v var] format [arguments]\n`);
      return 2;
    }
    let out = '';
    let k = 0;
    // The format is reused while arguments remain, as bash does.
    do {
      const start = k;
      out += fmt.replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdiouxXcb%])|\\(x[0-9a-fA-F]{1,2}|0?[0-7]{1,3}|.)/g, (m, flags: string, width: string, prec: string | undefined, conv: string | undefined) => {
        if (conv === undefined) return escapes(m);
        if (conv === '%') return '%';
        const a = args[k++] ?? '';
        let v: string;
        if (conv === 's') v = prec !== undefined ? a.slice(0, Number(prec)) : a;
        else if (conv === 'b') v = escapes(a);
        else if (conv === 'c') v = a.charAt(0);
        else {
          const n = Number.parseInt(a, /^0x/i.test(a) ? 16 : 10) || 0;
          v = conv === 'x' ? n.toString(16) : conv === 'X' ? n.toString(16).toUpperCase() : conv === 'o' ? n.toString(8) : String(n);
        }
        const w = Math.min(4096, Number(width || 0));
        return v.length >= w ? v : flags.includes('-') ? v.padEnd(w) : flags.includes('0') && conv !== 's' ? v.padStart(w, '0') : v.padStart(w);
      });
      if (k === start) break;
    } while (k < args.length);
    ctx.stdout(out);
    return 0;
  },
};
