// tee: copies stdin to stdout and to each file on the session's file system (-a appends), with coreutils' texts.
import type { Command } from '../command.js';
import { errorText, fsOf } from '../system/fs.js';
import { abs, parseArgs, usageError } from './file-operands.js';

export const tee: Command = {
  name: 'tee',
  paths: ['/usr/bin/tee', '/bin/tee'],
  run(ctx) {
    const p = parseArgs(ctx.args, 'aip', { append: 'a', 'ignore-interrupts': 'i' });
    if ('bad' in p) return usageError(ctx, 'tee', p.bad);
    const fs = fsOf(ctx);
    const data = Buffer.from(ctx.stdin, 'latin1');
    let status = 0;
    for (const f of p.operands) {
      if (f === '-') continue;
      try {
        fs.writeFile(abs(ctx, f), data, { append: p.flags.has('a') });
      } catch (e) {
        ctx.stderr(`tee: ${f}: ${errorText(e)}\n`);
        status = 1;
      }
    }
    ctx.stdout(ctx.stdin);
    return status;
  },
};
