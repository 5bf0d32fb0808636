// The contract of the emulated file system every shell command, SFTP and scp work on: a shared read-only
// tree built from the persona, under a copy-on-write layer per source IP. Paths are absolute and normalised.

export type FsErrorCode = 'ENOENT' | 'ENOTDIR' | 'EISDIR' | 'EEXIST' | 'ENOTEMPTY' | 'EACCES' | 'EPERM' | 'EROFS' | 'ENOSPC' | 'EINVAL' | 'ELOOP' | 'EXDEV';

/** strerror(3) as glibc words it: what coreutils and bash print after the path. */
export const STRERROR: Readonly<Record<FsErrorCode, string>> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  ENOTEMPTY: 'Directory not empty',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
  ENOSPC: 'No space left on device',
  EINVAL: 'Invalid argument',
  ELOOP: 'Too many levels of symbolic links',
  EXDEV: 'Invalid cross-device link',
};

export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly path: string,
  ) {
    super(`${path}: ${STRERROR[code]}`);
  }
}

export type FsKind = 'file' | 'dir' | 'link' | 'char' | 'block' | 'fifo' | 'socket';

export interface FsStat {
  kind: FsKind;
  /** Permission bits only (0o755); the kind says the type. */
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtimeMs: number;
  nlink: number;
  ino: number;
  /** For links: where they point, as stored. */
  target?: string;
}

/** Who is acting: permission checks follow Unix rules (root passes all but EROFS on /proc and /sys). */
export interface FsCredentials {
  uid: number;
  gid: number;
}

export interface WriteOptions {
  append?: boolean;
  /** Permission bits for a file that does not exist yet (before umask 022). */
  mode?: number;
  /** The writer records this file with its own event (a download), so it is not reported again as an upload. */
  reported?: boolean;
}

/**
 * One session's view. Every method throws FsError on failure, with the code the Linux syscall gives.
 * File content is bytes: the shell turns its byte strings into Buffers with 'latin1', and back.
 */
export interface ShellFs {
  stat(path: string): FsStat | undefined;
  lstat(path: string): FsStat | undefined;
  /** Names in the directory, without . and .., sorted as `ls` sorts them in the C locale. */
  readdir(path: string): string[];
  readFile(path: string): Buffer;
  writeFile(path: string, data: Buffer, opts?: WriteOptions): void;
  mkdir(path: string, opts?: { parents?: boolean; mode?: number }): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  rename(from: string, to: string): void;
  symlink(target: string, path: string): void;
  chmod(path: string, mode: number): void;
  chown(path: string, uid: number, gid: number): void;
  utimes(path: string, mtimeMs: number): void;
  /** Follows links to the final path (ENOENT when a component is missing). */
  realpath(path: string): string;
  /** access(2): throws EACCES unless the session may read (4), write (2) and/or execute or search (1) the path. */
  access(path: string, mode: number): void;
  /** Bytes this source's layer holds now, and its cap. */
  usage(): { bytes: number; limit: number };
  /** Absolute paths of files written since the last call; the shell reports each once per command line. */
  drainWritten?(): string[];
}

/** The session's login user, as the shell knows it. */
export interface FsUser {
  name: string;
  uid: number;
  home: string;
}
