// How commands reach files: paths resolved against the cwd, read through the session's ShellFs (byte strings,
// latin1), coreutils' error texts, and uid/gid names from the session's own /etc/passwd and /etc/group.
import type { CommandContext } from '../command.js';
import { FsError, STRERROR, type ShellFs } from '../fs/types.js';
import { normalise } from '../fs/path.js';

export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

export function resolvePath(cwd: string, p: string, home = '/root'): string {
  return normalise(p.startsWith('/') ? p : p === '~' || p.startsWith('~/') ? home + p.slice(1) : `${cwd}/${p}`);
}

/** The context's file system (kept as a function so commands read alike). */
export function fsOf(ctx: Pick<CommandContext, 'fs'>): ShellFs {
  return ctx.fs;
}

/** strerror's text for a file system failure; anything else is a bug and propagates. */
export function errorText(e: unknown): string {
  if (e instanceof FsError) return STRERROR[e.code];
  throw e;
}

export function readPath(ctx: CommandContext, p: string): ReadResult {
  try {
    return { ok: true, text: fsOf(ctx).readFile(resolvePath(ctx.cwd, p, ctx.user.home)).toString('latin1') };
  } catch (e) {
    return { ok: false, error: errorText(e) };
  }
}

/**
 * The text a filter (grep, wc, head ...) reads: stdin when no file operands (or "-"), else each file in turn;
 * unreadable files are reported as `<tool>: <file>: <error>` and make the status 2 (grep) or 1 (others).
 */
export function eachInput(ctx: CommandContext, tool: string, files: readonly string[], fn: (text: string, name: string) => void): boolean {
  if (files.length === 0) {
    fn(ctx.stdin, '(standard input)');
    return true;
  }
  let ok = true;
  for (const f of files) {
    if (f === '-') {
      fn(ctx.stdin, '(standard input)');
      continue;
    }
    const r = readPath(ctx, f);
    if (r.ok) fn(r.text, f);
    else {
      ctx.stderr(`${tool}: ${f}: ${r.error}\n`);
      ok = false;
    }
  }
  return ok;
}

/** Lines of a text as the tools see them: a final line without newline still counts. */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** name -> id and id -> name of a colon file (/etc/passwd, /etc/group) as the session sees it now. */
export interface IdMap {
  name(id: number): string;
  id(name: string): number | undefined;
}

export function idMap(ctx: CommandContext, file: '/etc/passwd' | '/etc/group'): IdMap {
  const byId = new Map<number, string>();
  const byName = new Map<string, number>();
  let text = '';
  try {
    text = fsOf(ctx).readFile(file).toString('latin1');
  } catch {
    // unreadable: numbers stay numbers, as ls prints them
  }
  for (const line of text.split('\n')) {
    const [name, , id] = line.split(':');
    const n = Number(id);
    if (!name || !Number.isInteger(n)) continue;
    if (!byId.has(n)) byId.set(n, name);
    if (!byName.has(name)) byName.set(name, n);
  }
  return { name: (id) => byId.get(id) ?? String(id), id: (name) => byName.get(name) };
}
