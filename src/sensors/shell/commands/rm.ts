// rm: removes files and (with -r) directory trees from the session's file system, with coreutils' texts:
// "cannot remove", "Is a directory", the --preserve-root failsafe, -f silencing what is missing.
import type { Command, CommandContext } from '../command.js';
import type { ShellFs } from '../fs/types.js';
import { errorText, fsOf } from '../system/fs.js';
import { abs, childOf, parseArgs, usageError } from './file-operands.js';

/** Most entries one rm visits, so `rm -rf /` stays bounded. */
const MAX_VISITS = 20_000;

interface RmOpts {
  force: boolean;
  recursive: boolean;
  dirs: boolean;
  verbose: boolean;
  visits: number;
}

export const rm: Command = {
  name: 'rm',
  paths: ['/usr/bin/rm', '/bin/rm'],
  run(ctx) {
    const p = parseArgs(ctx.args, 'rRfvidI', { force: 'f', recursive: 'r', verbose: 'v', interactive: 'i', dir: 'd', 'no-preserve-root': 'N', 'preserve-root': 'P', 'one-file-system': 'x' });
    if ('bad' in p) return usageError(ctx, 'rm', p.bad);
    const o: RmOpts = { force: p.flags.has('f'), recursive: p.flags.has('r') || p.flags.has('R'), dirs: p.flags.has('d'), verbose: p.flags.has('v'), visits: 0 };
    if (p.operands.length === 0) {
      if (o.force) return 0;
      return usageError(ctx, 'rm', 'missing operand');
    }
    const fs = fsOf(ctx);
    let status = 0;
    for (const name of p.operands) {
      const path = abs(ctx, name);
      if (/(^|\/)\.\.?\/*$/.test(name)) {
        ctx.stderr(`rm: refusing to remove '.' or '..' directory: skipping '${name}'\n`);
        status = 1;
        continue;
      }
      if (path === '/' && o.recursive && !p.flags.has('N')) {
        ctx.stderr(`rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n`);
        status = 1;
        continue;
      }
      if (!remove(ctx, fs, name, path, o)) status = 1;
    }
    return status;
  },
};

function remove(ctx: CommandContext, fs: ShellFs, name: string, path: string, o: RmOpts): boolean {
  if (++o.visits > MAX_VISITS) return false;
  const s = fs.lstat(path);
  if (!s) {
    if (o.force) return true;
    let why = 'No such file or directory';
    try {
      fs.realpath(path);
    } catch (e) {
      why = errorText(e);
    }
    ctx.stderr(`rm: cannot remove '${name}': ${why}\n`);
    return false;
  }
  if (s.kind === 'dir') {
    if (!o.recursive && !o.dirs) {
      ctx.stderr(`rm: cannot remove '${name}': Is a directory\n`);
      return false;
    }
    let ok = true;
    if (o.recursive) {
      let children: string[];
      try {
        children = fs.readdir(path);
      } catch (e) {
        ctx.stderr(`rm: cannot remove '${name}': ${errorText(e)}\n`);
        return false;
      }
      for (const c of children) ok = remove(ctx, fs, childOf(name, c), childOf(path, c), o) && ok;
    }
    if (!ok) return false;
    try {
      fs.rmdir(path);
      if (o.verbose) ctx.stdout(`removed directory '${name}'\n`);
      return true;
    } catch (e) {
      ctx.stderr(`rm: cannot remove '${name}': ${errorText(e)}\n`);
      return false;
    }
  }
  try {
    fs.unlink(path);
    if (o.verbose) ctx.stdout(`removed '${name}'\n`);
    return true;
  } catch (e) {
    ctx.stderr(`rm: cannot remove '${name}': ${errorText(e)}\n`);
    return false;
  }
}
