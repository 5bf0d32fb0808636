// touch: creates empty files or moves their mtime on the session's file system (-c, -a, -m, -d, -t, -r).
import type { Command } from '../command.js';
import { errorText, fsOf } from '../system/fs.js';
import { abs, parseArgs, usageError } from './file-operands.js';

export const touch: Command = {
  name: 'touch',
  paths: ['/usr/bin/touch', '/bin/touch'],
  run(ctx) {
    const p = parseArgs(ctx.args, 'acmhfdtr', { 'no-create': 'c', date: 'd', reference: 'r', 'no-dereference': 'h' }, 'dtr');
    if ('bad' in p) return usageError(ctx, 'touch', p.bad);
    if (p.operands.length === 0) return usageError(ctx, 'touch', 'missing file operand');
    const fs = fsOf(ctx);
    let when = Date.now();
    const ref = p.values.get('r');
    if (ref !== undefined) {
      const s = fs.stat(abs(ctx, ref));
      if (!s) {
        ctx.stderr(`touch: failed to get attributes of '${ref}': No such file or directory\n`);
        return 1;
      }
      when = s.mtimeMs;
    }
    const d = p.values.get('d');
    if (d !== undefined) {
      const t = Date.parse(d);
      if (Number.isNaN(t)) {
        ctx.stderr(`touch: invalid date format ‘${d}’\n`);
        return 1;
      }
      when = t;
    }
    let status = 0;
    for (const f of p.operands) {
      const path = abs(ctx, f);
      try {
        if (!fs.stat(path)) {
          if (p.flags.has('c')) continue;
          fs.writeFile(path, Buffer.alloc(0), { append: true });
        }
        fs.utimes(path, when);
      } catch (e) {
        ctx.stderr(`touch: cannot touch '${f}': ${errorText(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};
