// tail: the last N lines (-n N, -N, -n +K from line K) or bytes of stdin or files; -f does not follow here.
import type { Command } from '../command.js';
import { sliceArgs } from './head-tail-args.js';
import { eachInput, linesOf } from '../system/fs.js';

export const tail: Command = {
  name: 'tail',
  paths: ['/bin/tail', '/usr/bin/tail'],
  run(ctx) {
    const a = sliceArgs(ctx, 'tail');
    if (!a) return 1;
    let first = true;
    const ok = eachInput(ctx, 'tail', a.files, (text, name) => {
      if (a.files.length > 1) ctx.stdout(`${first ? '' : '\n'}==> ${name === '(standard input)' ? 'standard input' : name} <==\n`);
      first = false;
      if (a.bytes) {
        ctx.stdout(a.fromStart ? text.slice(Math.max(0, a.count - 1)) : a.count === 0 ? '' : text.slice(-a.count));
        return;
      }
      const lines = linesOf(text);
      const chosen = a.fromStart ? lines.slice(Math.max(0, a.count - 1)) : a.count === 0 ? [] : lines.slice(-Math.abs(a.count));
      if (chosen.length === 0) return;
      const trailing = text.endsWith('\n') || chosen[chosen.length - 1] !== lines[lines.length - 1];
      ctx.stdout(chosen.join('\n') + (trailing ? '\n' : ''));
    });
    return ok ? 0 : 1;
  },
};
