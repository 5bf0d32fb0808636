// mkdir: coreutils' mkdir on the session's file system (-p, -m, -v) with its texts and statuses.
import type { Command } from '../command.js';
import { errorText, fsOf } from '../system/fs.js';
import { parseModeArg } from './mode.js';
import { abs, parseArgs, usageError } from './file-operands.js';

export const mkdir: Command = {
  name: 'mkdir',
  paths: ['/usr/bin/mkdir', '/bin/mkdir'],
  run(ctx) {
    const p = parseArgs(ctx.args, 'pvm', { parents: 'p', verbose: 'v', mode: 'm' }, 'm');
    if ('bad' in p) return usageError(ctx, 'mkdir', p.bad);
    if (p.operands.length === 0) return usageError(ctx, 'mkdir', 'missing operand');
    let mode: number | undefined;
    const m = p.values.get('m');
    if (m !== undefined) {
      mode = parseModeArg(m, 0o777, true);
      if (mode === undefined) {
        ctx.stderr(`mkdir: invalid mode ‘${m}’\n`);
        return 1;
      }
    }
    const fs = fsOf(ctx);
    let status = 0;
    for (const d of p.operands) {
      try {
        fs.mkdir(abs(ctx, d), { parents: p.flags.has('p') });
        if (mode !== undefined) fs.chmod(abs(ctx, d), mode);
        if (p.flags.has('v')) ctx.stdout(`mkdir: created directory '${d}'\n`);
      } catch (e) {
        ctx.stderr(`mkdir: cannot create directory ‘${d}’: ${errorText(e)}\n`);
        status = 1;
      }
    }
    return status;
  },
};
