// wc: lines, words and bytes as coreutils counts and pads them (width of the largest count; 7 for stdin).
import type { Command } from '../command.js';
import { eachInput } from '../system/fs.js';

export const wc: Command = {
  name: 'wc',
  paths: ['/bin/wc', '/usr/bin/wc'],
  run(ctx) {
    const want = { l: false, w: false, c: false, m: false };
    const files: string[] = [];
    for (const a of ctx.args) {
      if (/^-[lwcm]+$/.test(a)) for (const ch of a.slice(1)) want[ch as keyof typeof want] = true;
      else if (a === '--lines') want.l = true;
      else if (a === '--words') want.w = true;
      else if (a === '--bytes') want.c = true;
      else if (a.startsWith('-') && a !== '-') {
        ctx.stderr(`wc: invalid option -- '${a.charAt(1)}'\nTry 'wc --help' for more information.\n`);
        return 1;
      } else files.push(a);
    }
    if (!want.l && !want.w && !want.c && !want.m) want.l = want.w = want.c = true;
    const rows: { counts: number[]; name: string }[] = [];
    const ok = eachInput(ctx, 'wc', files, (text, name) => {
      const counts: number[] = [];
      if (want.l) counts.push((text.match(/\n/g) ?? []).length);
      if (want.w) counts.push(text.split(/[ \t\n\r\f\v]+/).filter((x) => x !== '').length);
      if (want.m) counts.push([...text].length);
      if (want.c) counts.push(Buffer.byteLength(text, 'utf8'));
      rows.push({ counts, name: files.length ? name : '' });
    });
    if (rows.length > 1) {
      const total = rows[0]!.counts.map((_, i) => rows.reduce((s, r) => s + (r.counts[i] ?? 0), 0));
      rows.push({ counts: total, name: 'total' });
    }
    // coreutils: one count alone is unpadded; several use the widest total's width, at least 7 on stdin.
    const single = rows.length === 1 && rows[0]!.counts.length === 1;
    const widest = Math.max(1, ...rows.flatMap((r) => r.counts.map((c) => String(c).length)));
    const width = single ? 0 : files.length === 0 ? Math.max(7, widest) : widest;
    for (const r of rows) {
      const cols = r.counts.map((c) => String(c).padStart(width)).join(' ');
      ctx.stdout(r.name ? `${cols} ${r.name}\n` : `${cols}\n`);
    }
    return ok ? 0 : 1;
  },
};
