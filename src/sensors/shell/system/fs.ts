// How commands read a path: the session's own files first, then the emulated system's, resolved against the cwd.
import type { CommandContext } from '../command.js';
import { isSystemDirectory, readSystemFile } from './proc-files.js';

export type ReadResult = { ok: true; text: string } | { ok: false; error: 'No such file or directory' | 'Is a directory' };

export function resolvePath(cwd: string, p: string, home = '/root'): string {
  const abs = p.startsWith('/') ? p : p === '~' || p.startsWith('~/') ? home + p.slice(1) : `${cwd}/${p}`;
  const parts: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export function readPath(ctx: CommandContext, p: string): ReadResult {
  const abs = resolvePath(ctx.cwd, p, ctx.user.home);
  const own = ctx.files?.read(abs);
  if (own !== undefined) return { ok: true, text: own };
  if (abs === '/dev/null') return { ok: true, text: '' };
  if (isSystemDirectory(abs) || abs === ctx.user.home) return { ok: false, error: 'Is a directory' };
  const sys = readSystemFile(abs, ctx);
  return sys === undefined ? { ok: false, error: 'No such file or directory' } : { ok: true, text: sys };
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
