// cat: concatenates stdin and files (session files, then the emulated /proc and /etc), with -n numbering.
import type { Command } from '../command.js';
import { readPath } from '../system/fs.js';

export const cat: Command = {
  name: 'cat',
  paths: ['/bin/cat', '/usr/bin/cat'],
  run(ctx) {
    let number = false;
    const files: string[] = [];
    let opts = true;
    for (const a of ctx.args) {
      if (opts && a === '--') opts = false;
      else if (opts && /^-[nAbeEstTuv]+$/.test(a)) number ||= a.includes('n') || a.includes('b');
      else if (opts && a === '--number') number = true;
      else if (opts && a.startsWith('-') && a !== '-') {
        ctx.stderr(`cat: invalid option -- '${a.charAt(1)}'\nTry 'cat --help' for more information.\n`);
        return 1;
      } else files.push(a);
    }
    let status = 0;
    let text = '';
    for (const f of files.length ? files : ['-']) {
      if (f === '-') {
        text += ctx.stdin;
        continue;
      }
      const r = readPath(ctx, f);
      if (r.ok) text += r.text;
      else {
        if (text) ctx.stdout(number ? numbered(text) : text);
        text = '';
        ctx.stderr(`cat: ${f}: ${r.error}\n`);
        status = 1;
      }
    }
    if (text) ctx.stdout(number ? numbered(text) : text);
    return status;
  },
};

function numbered(text: string): string {
  const lines = text.split('\n');
  const last = lines.pop();
  let out = lines.map((l, i) => `${String(i + 1).padStart(6)}\t${l}\n`).join('');
  if (last) out += `${String(lines.length + 1).padStart(6)}\t${last}`;
  return out;
}
