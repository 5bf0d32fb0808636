// ls-style entries (mode string, owner name, link count) for a path and a directory's children, read from the
// session's ShellFs; kept for commands written against the earlier static tree.
import type { CommandContext } from '../command.js';
import type { FsStat } from '../fs/types.js';
import { fsOf, idMap } from './fs.js';

export interface Entry {
  name: string;
  kind: FsStat['kind'];
  mode: string;
  size: number;
  mtimeMs: number;
  owner: string;
  group: string;
  links: number;
  uid: number;
  gid: number;
  ino: number;
  target?: string;
}

/** ls -l's type letter and permission string: "drwxrwxrwt", "-rwsr-xr-x". */
export function modeText(s: Pick<FsStat, 'kind' | 'mode'>): string {
  const t = { file: '-', dir: 'd', link: 'l', char: 'c', block: 'b', fifo: 'p', socket: 's' }[s.kind];
  const rwx = (v: number, special: boolean, ch: string): string => `${v & 4 ? 'r' : '-'}${v & 2 ? 'w' : '-'}${special ? (v & 1 ? ch : ch.toUpperCase()) : v & 1 ? 'x' : '-'}`;
  return t + rwx(s.mode >> 6, (s.mode & 0o4000) !== 0, 's') + rwx(s.mode >> 3, (s.mode & 0o2000) !== 0, 's') + rwx(s.mode, (s.mode & 0o1000) !== 0, 't');
}

type Names = { user: ReturnType<typeof idMap>; group: ReturnType<typeof idMap> };

function names(ctx: CommandContext): Names {
  return { user: idMap(ctx, '/etc/passwd'), group: idMap(ctx, '/etc/group') };
}

export function entryOf(name: string, s: FsStat, n: Names): Entry {
  const e: Entry = { name, kind: s.kind, mode: modeText(s), size: s.size, mtimeMs: s.mtimeMs, owner: n.user.name(s.uid), group: n.group.name(s.gid), links: s.nlink, uid: s.uid, gid: s.gid, ino: s.ino };
  if (s.target !== undefined) e.target = s.target;
  return e;
}

/** The entry for a path (a link itself, not what it points to), or undefined if it does not exist. */
export function stat(path: string, ctx: CommandContext, _binaries?: unknown, _sessionPaths?: unknown): Entry | undefined {
  const s = fsOf(ctx).lstat(path);
  return s ? entryOf(path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1), s, names(ctx)) : undefined;
}

/** A directory's children (without . and ..), or undefined if the path is not a readable directory. */
export function list(path: string, ctx: CommandContext, _binaries?: unknown, _sessionPaths?: unknown): Entry[] | undefined {
  const fs = fsOf(ctx);
  let children: string[];
  try {
    children = fs.readdir(path);
  } catch {
    return undefined;
  }
  const n = names(ctx);
  const out: Entry[] = [];
  for (const c of children) {
    const s = fs.lstat(path === '/' ? `/${c}` : `${path}/${c}`);
    if (s) out.push(entryOf(c, s, n));
  }
  return out;
}
