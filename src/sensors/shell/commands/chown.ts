// chown: OWNER[:GROUP] by name or number on the session's file system (-R, -h, -v, -f), with coreutils' texts.
import type { Command, CommandContext } from '../command.js';
import type { ShellFs } from '../fs/types.js';
import { errorText, fsOf, idMap } from '../system/fs.js';
import { abs, childOf, parseArgs, usageError } from './file-operands.js';

export const chown: Command = {
  name: 'chown',
  paths: ['/usr/bin/chown', '/bin/chown'],
  run(ctx) {
    const p = parseArgs(ctx.args, 'RhvcfHLP', { recursive: 'R', verbose: 'v', changes: 'c', silent: 'f', quiet: 'f', 'no-dereference': 'h', dereference: 'L' });
    if ('bad' in p) return usageError(ctx, 'chown', p.bad);
    const [spec, ...files] = p.operands;
    if (spec === undefined) return usageError(ctx, 'chown', 'missing operand');
    if (files.length === 0) return usageError(ctx, 'chown', `missing operand after ‘${spec}’`);
    const users = idMap(ctx, '/etc/passwd');
    const groups = idMap(ctx, '/etc/group');
    const sep = spec.search(/[:.]/);
    const owner = sep === -1 ? spec : spec.slice(0, sep);
    const group = sep === -1 ? undefined : spec.slice(sep + 1);
    const uid = owner === '' ? -1 : /^\d+$/.test(owner) ? Number(owner) : users.id(owner);
    if (uid === undefined) {
      ctx.stderr(`chown: invalid user: ‘${spec}’\n`);
      return 1;
    }
    // "user:" means the user's login group.
    const gid = group === undefined ? -1 : group === '' ? (owner === '' ? -1 : (groups.id(owner) ?? uid)) : /^\d+$/.test(group) ? Number(group) : groups.id(group);
    if (gid === undefined) {
      ctx.stderr(`chown: invalid group: ‘${spec}’\n`);
      return 1;
    }
    const fs = fsOf(ctx);
    let status = 0;
    for (const f of files) if (!apply(ctx, fs, f, abs(ctx, f), uid, gid, p.flags)) status = 1;
    return status;
  },
};

function apply(ctx: CommandContext, fs: ShellFs, name: string, path: string, uid: number, gid: number, flags: Set<string>): boolean {
  const s = fs.stat(path);
  if (!s) {
    if (!flags.has('f')) ctx.stderr(`chown: cannot access '${name}': No such file or directory\n`);
    return false;
  }
  let ok = true;
  try {
    fs.chown(path, uid, gid);
    if (flags.has('v')) ctx.stdout(`ownership of '${name}' retained\n`);
  } catch (e) {
    if (!flags.has('f')) ctx.stderr(`chown: changing ownership of '${name}': ${errorText(e)}\n`);
    ok = false;
  }
  if (flags.has('R') && s.kind === 'dir') {
    let children: string[] = [];
    try {
      children = fs.readdir(path);
    } catch (e) {
      ctx.stderr(`chown: cannot read directory '${name}': ${errorText(e)}\n`);
      return false;
    }
    for (const c of children) if (fs.lstat(childOf(path, c))?.kind !== 'link') ok = apply(ctx, fs, childOf(name, c), childOf(path, c), uid, gid, flags) && ok;
  }
  return ok;
}
