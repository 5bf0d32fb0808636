// cp: copies files and (with -r/-a) directories on the session's file system; -p keeps mode, owner and mtime.
import type { Command, CommandContext } from '../command.js';
import type { ShellFs } from '../fs/types.js';
import { errorText, fsOf } from '../system/fs.js';
import { abs, childOf, lastName, parseArgs, usageError } from './file-operands.js';

/** Deepest directory nesting one cp follows. */
const MAX_DEPTH = 64;

interface CpOpts {
  recursive: boolean;
  preserve: boolean;
  verbose: boolean;
  noClobber: boolean;
}

export const cp: Command = {
  name: 'cp',
  paths: ['/usr/bin/cp', '/bin/cp'],
  run(ctx) {
    const p = parseArgs(ctx.args, 'rRapfvinudPLHlsTt', { recursive: 'r', archive: 'a', force: 'f', verbose: 'v', interactive: 'i', 'no-clobber': 'n', preserve: 'p', 'target-directory': 't', 'no-target-directory': 'T', update: 'u' }, 't');
    if ('bad' in p) return usageError(ctx, 'cp', p.bad);
    const o: CpOpts = { recursive: p.flags.has('r') || p.flags.has('R') || p.flags.has('a'), preserve: p.flags.has('p') || p.flags.has('a'), verbose: p.flags.has('v'), noClobber: p.flags.has('n') };
    const operands = [...p.operands];
    const t = p.values.get('t');
    if (operands.length === 0) return usageError(ctx, 'cp', 'missing file operand');
    if (t === undefined && operands.length === 1) return usageError(ctx, 'cp', `missing destination file operand after '${operands[0]}'`);
    const target = t ?? operands.pop()!;
    const fs = fsOf(ctx);
    const targetPath = abs(ctx, target);
    const targetIsDir = fs.stat(targetPath)?.kind === 'dir';
    if (operands.length > 1 && !targetIsDir) {
      ctx.stderr(fs.stat(targetPath) ? `cp: target '${target}' is not a directory\n` : `cp: target '${target}': No such file or directory\n`);
      return 1;
    }
    let status = 0;
    for (const src of operands) {
      const dest = targetIsDir ? childOf(target, lastName(src)) : target;
      if (!copy(ctx, fs, src, abs(ctx, src), dest, abs(ctx, dest), o, 0)) status = 1;
    }
    return status;
  },
};

function copy(ctx: CommandContext, fs: ShellFs, srcName: string, src: string, destName: string, dest: string, o: CpOpts, depth: number): boolean {
  let s;
  try {
    s = fs.stat(src);
    if (!s) fs.realpath(src);
  } catch (e) {
    ctx.stderr(`cp: cannot stat '${srcName}': ${errorText(e)}\n`);
    return false;
  }
  if (!s) {
    ctx.stderr(`cp: cannot stat '${srcName}': No such file or directory\n`);
    return false;
  }
  const d = fs.stat(dest);
  if (d && d.ino === s.ino && fs.realpath(dest) === fs.realpath(src)) {
    ctx.stderr(`cp: '${srcName}' and '${destName}' are the same file\n`);
    return false;
  }
  if (s.kind === 'dir') {
    if (!o.recursive) {
      ctx.stderr(`cp: -r not specified; omitting directory '${srcName}'\n`);
      return false;
    }
    if (dest === src || dest.startsWith(src + '/')) {
      ctx.stderr(`cp: cannot copy a directory, '${srcName}', into itself, '${destName}'\n`);
      return false;
    }
    if (depth >= MAX_DEPTH) return false;
    try {
      if (!d) fs.mkdir(dest, { mode: s.mode });
      else if (d.kind !== 'dir') {
        ctx.stderr(`cp: cannot overwrite non-directory '${destName}' with directory '${srcName}'\n`);
        return false;
      }
    } catch (e) {
      ctx.stderr(`cp: cannot create directory '${destName}': ${errorText(e)}\n`);
      return false;
    }
    if (o.verbose) ctx.stdout(`'${srcName}' -> '${destName}'\n`);
    let ok = true;
    let children: string[] = [];
    try {
      children = fs.readdir(src);
    } catch (e) {
      ctx.stderr(`cp: cannot access '${srcName}': ${errorText(e)}\n`);
      return false;
    }
    for (const c of children) ok = copy(ctx, fs, childOf(srcName, c), childOf(src, c), childOf(destName, c), childOf(dest, c), o, depth + 1) && ok;
    if (o.preserve) keep(fs, dest, s);
    return ok;
  }
  if (d && o.noClobber) return true;
  if (d?.kind === 'dir') {
    ctx.stderr(`cp: cannot overwrite directory '${destName}' with non-directory\n`);
    return false;
  }
  let data: Buffer;
  try {
    data = fs.readFile(src);
  } catch (e) {
    ctx.stderr(`cp: cannot open '${srcName}' for reading: ${errorText(e)}\n`);
    return false;
  }
  try {
    fs.writeFile(dest, data, { mode: s.mode });
  } catch (e) {
    ctx.stderr(d ? `cp: cannot create regular file '${destName}': ${errorText(e)}\n` : `cp: cannot create regular file '${destName}': ${errorText(e)}\n`);
    return false;
  }
  if (o.verbose) ctx.stdout(`'${srcName}' -> '${destName}'\n`);
  if (o.preserve) keep(fs, dest, s);
  return true;
}

/** -p: mode, mtime and (when permitted) owner follow the source; failures are silent as with cp -p for a non-root user. */
function keep(fs: ShellFs, dest: string, s: { mode: number; uid: number; gid: number; mtimeMs: number }): void {
  for (const f of [() => fs.chown(dest, s.uid, s.gid), () => fs.chmod(dest, s.mode), () => fs.utimes(dest, s.mtimeMs)]) {
    try {
      f();
    } catch {
      // as cp -p does for ownership it may not give away
    }
  }
}
