// What the shell itself does with files: cd, `<`, `>`/`>>`, running scripts, and reporting every file a command
// line wrote as session.file_upload. The shell is byte-oriented: its strings carry bytes, converted with latin1.
import type { CommandSession } from '../command-session.js';
import { FsError, STRERROR, type ShellFs } from './types.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

function failure<T>(e: unknown): Outcome<T> {
  if (e instanceof FsError) return { ok: false, error: STRERROR[e.code] };
  throw e;
}

/** `cd`: the directory to enter, or bash's reason ("No such file or directory", "Not a directory", "Permission denied"). */
export function enterDirectory(fs: ShellFs, abs: string): Outcome<string> {
  try {
    const s = fs.stat(abs);
    if (!s) {
      fs.realpath(abs); // throws the precise error (EACCES on the way, ENOTDIR ...)
      return { ok: false, error: STRERROR.ENOENT };
    }
    if (s.kind !== 'dir') return { ok: false, error: STRERROR.ENOTDIR };
    fs.access(abs, 1);
    return { ok: true, value: abs };
  } catch (e) {
    return failure(e);
  }
}

/** A file's bytes as the shell's string. */
export function readText(fs: ShellFs, abs: string): Outcome<string> {
  try {
    return { ok: true, value: fs.readFile(abs).toString('latin1') };
  } catch (e) {
    return failure(e);
  }
}

/** Opens a `>` (truncate) or `>>` target as bash does before the command runs: creates it, or says why not. */
export function openForWrite(fs: ShellFs, abs: string, append: boolean): Outcome<true> {
  try {
    fs.writeFile(abs, Buffer.alloc(0), { append: append || isDevice(fs, abs) });
    return { ok: true, value: true };
  } catch (e) {
    return failure(e);
  }
}

/** Appends what the command wrote to an opened target; the error text when the disk (quota) fills. */
export function appendText(fs: ShellFs, abs: string, text: string): string | undefined {
  if (text === '') return undefined;
  try {
    fs.writeFile(abs, Buffer.from(text, 'latin1'), { append: true });
    return undefined;
  } catch (e) {
    if (e instanceof FsError) return STRERROR[e.code];
    throw e;
  }
}

function isDevice(fs: ShellFs, abs: string): boolean {
  const k = fs.stat(abs)?.kind;
  return k === 'char' || k === 'block';
}

export type ScriptOutcome = { ok: true; text: string; binary: boolean } | { ok: false; error: string; status: number };

/** A script to run: `./x.sh` needs the execute bit (bash: 126 "Permission denied"), `sh x.sh` only read access. */
export function loadScript(fs: ShellFs, abs: string, needExec: boolean): ScriptOutcome {
  try {
    const s = fs.stat(abs);
    if (!s) return { ok: false, error: STRERROR.ENOENT, status: 127 };
    if (s.kind === 'dir') return { ok: false, error: STRERROR.EISDIR, status: 126 };
    if (needExec) fs.access(abs, 1);
    const data = fs.readFile(abs);
    return { ok: true, text: data.toString('latin1'), binary: data.subarray(0, 4).toString('latin1') === '\x7fELF' };
  } catch (e) {
    if (e instanceof FsError) return { ok: false, error: STRERROR[e.code], status: e.code === 'ENOENT' ? 127 : 126 };
    throw e;
  }
}

/** Reports each regular, non-empty file written during the command line once, stored in the artifact store. */
export function reportWrites(fs: ShellFs, session: CommandSession | undefined): void {
  const paths = fs.drainWritten?.() ?? [];
  if (!session) return;
  for (const path of paths) {
    const s = fs.lstat(path);
    if (s?.kind !== 'file' || s.size === 0) continue;
    let data: Buffer;
    try {
      data = fs.readFile(path);
    } catch {
      continue; // chmod 000 by a non-root user: the bytes were still captured at the last readable write
    }
    const stored = session.saveArtifact(data);
    session.emit('session.file_upload', { filename: path, shasum: stored.shasum, size: data.length, duplicate: stored.duplicate, truncated: fs.usage().bytes >= fs.usage().limit });
  }
}
