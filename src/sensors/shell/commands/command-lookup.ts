// How commands that run other commands (xargs, sudo, nohup, timeout, su -c, find -exec) find them: through
// the running shell's own table (ctx.lookup), so a BusyBox device's xargs finds BusyBox's applets.
import type { CommandContext } from '../command.js';
import { fsOf, resolvePath } from '../system/fs.js';

/** Names the Shell interprets itself (sh -c, bash script.sh), which a command cannot start from here. */
const SHELLS = new Set(['sh', 'bash', 'dash', '/bin/sh', '/bin/bash', '/usr/bin/bash', '/usr/bin/sh', '/bin/dash', '/usr/bin/dash']);

export type RunOutcome = { status: number } | { missing: true };

/**
 * Runs an emulated command with the caller's context and new argv; a name the table lacks reports
 * `missing`, so the caller prints its own tool's text ("xargs: foo: No such file or directory").
 */
export async function runEmulated(ctx: CommandContext, argv: readonly string[], overrides: Partial<CommandContext> = {}): Promise<RunOutcome> {
  const [name, ...args] = argv;
  // The shells are the Shell itself, not table entries: a nested shell started this way does nothing.
  if (name !== undefined && SHELLS.has(name)) return { status: 0 };
  // A script the session wrote (./x.sh) "runs" in the background of the caller: nothing to show.
  if (name !== undefined && name.includes('/') && sessionHas(ctx, name)) return { status: 0 };
  const cmd = name === undefined ? undefined : ctx.lookup?.(name);
  if (!cmd) return { missing: true };
  return { status: await cmd.run({ ...ctx, ...overrides, args }) };
}

function sessionHas(ctx: CommandContext, name: string): boolean {
  const abs = resolvePath(ctx.cwd, name, ctx.user.home);
  try {
    return fsOf(ctx).stat(abs)?.kind === 'file';
  } catch {
    return false;
  }
}
