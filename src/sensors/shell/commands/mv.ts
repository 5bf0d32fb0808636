// mv: renames files and directories on the session's file system (into a directory when the target is one).
import type { Command } from '../command.js';
import { errorText, fsOf } from '../system/fs.js';
import { abs, childOf, lastName, parseArgs, usageError } from './file-operands.js';

export const mv: Command = {
  name: 'mv',
  paths: ['/usr/bin/mv', '/bin/mv'],
  run(ctx) {
    const p = parseArgs(ctx.args, 'fivnuTbt', { force: 'f', interactive: 'i', verbose: 'v', 'no-clobber': 'n', update: 'u', 'target-directory': 't', 'no-target-directory': 'T' }, 't');
    if ('bad' in p) return usageError(ctx, 'mv', p.bad);
    const operands = [...p.operands];
    const t = p.values.get('t');
    if (operands.length === 0) return usageError(ctx, 'mv', 'missing file operand');
    if (t === undefined && operands.length === 1) return usageError(ctx, 'mv', `missing destination file operand after '${operands[0]}'`);
    const target = t ?? operands.pop()!;
    const fs = fsOf(ctx);
    const targetIsDir = fs.stat(abs(ctx, target))?.kind === 'dir';
    if (operands.length > 1 && !targetIsDir) {
      ctx.stderr(`mv: target '${target}' is not a directory\n`);
      return 1;
    }
    let status = 0;
    for (const src of operands) {
      const dest = targetIsDir ? childOf(target, lastName(src)) : target;
      const from = abs(ctx, src);
      const to = abs(ctx, dest);
      if (!fs.lstat(from)) {
        let why = 'No such file or directory';
        try {
          fs.realpath(from);
        } catch (e) {
          why = errorText(e);
        }
        ctx.stderr(`mv: cannot stat '${src}': ${why}\n`);
        status = 1;
        continue;
      }
      if (p.flags.has('n') && fs.lstat(to)) continue;
      try {
        fs.rename(from, to);
        if (p.flags.has('v')) ctx.stdout(`renamed '${src}' -> '${dest}'\n`);
      } catch (e) {
        const why = errorText(e);
        if (why === 'Invalid argument') ctx.stderr(`mv: cannot move '${src}' to a subdirectory of itself, '${dest}'\n`);
        else if (why === 'Directory not empty') ctx.stderr(`mv: cannot overwrite '${dest}': Directory not empty\n`);
        else if (why === 'Is a directory') ctx.stderr(`mv: cannot overwrite directory '${dest}' with non-directory\n`);
        else if (why === 'Not a directory') ctx.stderr(`mv: cannot overwrite non-directory '${dest}' with directory '${src}'\n`);
        else ctx.stderr(`mv: cannot move '${src}' to '${dest}': ${why}\n`);
        status = 1;
      }
    }
    return status;
  },
};
