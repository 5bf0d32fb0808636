// head: the first N lines (-n N, -N) or bytes (-c N) of stdin or files, with ==> name <== headers for several.
import type { Command } from '../command.js';
import { sliceArgs } from './head-tail-args.js';
import { eachInput } from '../system/fs.js';

export const head: Command = {
  name: 'head',
  paths: ['/bin/head', '/usr/bin/head'],
  run(ctx) {
    const a = sliceArgs(ctx, 'head');
    if (!a) return 1;
    let first = true;
    const ok = eachInput(ctx, 'head', a.files, (text, name) => {
      if (a.files.length > 1) ctx.stdout(`${first ? '' : '\n'}==> ${name === '(standard input)' ? 'standard input' : name} <==\n`);
      first = false;
      if (a.bytes) {
        ctx.stdout(a.count >= 0 ? text.slice(0, a.count) : text.slice(0, Math.max(0, text.length + a.count)));
        return;
      }
      const parts = text.split('\n');
      const complete = parts.length - 1;
      const take = a.count >= 0 ? a.count : Math.max(0, complete + a.count);
      ctx.stdout(take >= complete ? text : parts.slice(0, take).join('\n') + (take > 0 ? '\n' : ''));
    });
    return ok ? 0 : 1;
  },
};
