// One view of a path's metadata and a directory's names for find, stat, du and file, over the session's
// ShellFs (errors become undefined: the caller prints its own tool's text).
import type { CommandContext } from '../command.js';
import { FsError, STRERROR, type FsStat } from '../fs/types.js';
import { fsOf, idMap } from '../system/fs.js';
import { modeText } from '../system/tree.js';

export type NodeInfo = FsStat;

/** Most directory entries one walk visits, so `find /` stays bounded. */
export const MAX_WALK = 5000;

export function statNode(ctx: CommandContext, abs: string, follow = true): NodeInfo | undefined {
  try {
    return (follow ? fsOf(ctx).stat(abs) : fsOf(ctx).lstat(abs)) ?? undefined;
  } catch {
    return undefined;
  }
}

/** A directory's names, or the strerror text of why it cannot be read ("Permission denied"). */
export function readDirNames(ctx: CommandContext, abs: string): string[] | { error: string } {
  try {
    return fsOf(ctx).readdir(abs);
  } catch (e) {
    return { error: e instanceof FsError ? STRERROR[e.code] : 'Permission denied' };
  }
}

/** ls -l's type letter and rwx string for a node: "drwxr-xr-x". */
export function modeString(n: Pick<NodeInfo, 'kind' | 'mode'>): string {
  return modeText(n);
}

/** The account name for a uid as the session's /etc/passwd has it (the number when unknown). */
export function userName(ctx: CommandContext, uid: number): string {
  return idMap(ctx, '/etc/passwd').name(uid);
}

export function groupName(ctx: CommandContext, gid: number): string {
  return idMap(ctx, '/etc/group').name(gid);
}

/** Joins a directory and a child name without doubling the slash at the root. */
export function childPath(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}
