// echo: bash's builtin, with -n (no newline) and -e (backslash escapes).
import type { Command } from '../command.js';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', e: '\x1b', f: '\f', v: '\v', '\\': '\\' };

export const echo: Command = {
  name: 'echo',
  paths: ['/bin/echo', '/usr/bin/echo'],
  run(ctx) {
    let newline = true;
    let escapes = false;
    let i = 0;
    for (; i < ctx.args.length; i++) {
      const a = ctx.args[i]!;
      if (!/^-[neE]+$/.test(a)) break;
      if (a.includes('n')) newline = false;
      if (a.includes('e')) escapes = true;
      if (a.includes('E')) escapes = false;
    }
    let text = ctx.args.slice(i).join(' ');
    if (escapes) {
      text = text.replace(/\\(x[0-9a-fA-F]{1,2}|0[0-7]{0,3}|.)/g, (m, e: string) => {
        if (e.startsWith('x')) return String.fromCharCode(parseInt(e.slice(1), 16));
        if (e.startsWith('0')) return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
        return ESCAPES[e] ?? m;
      });
    }
    ctx.stdout(newline ? text + '\n' : text);
    return 0;
  },
};
