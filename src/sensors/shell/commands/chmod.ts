// chmod: octal and symbolic modes on the session's file system (-R, -v, -c, -f), with coreutils' texts.
import type { Command, CommandContext } from '../command.js';
import type { ShellFs } from '../fs/types.js';
import { errorText, fsOf } from '../system/fs.js';
import { abs, childOf, usageError } from './file-operands.js';
import { isModeText, parseModeArg } from './mode.js';

export const chmod: Command = {
  name: 'chmod',
  paths: ['/usr/bin/chmod', '/bin/chmod'],
  run(ctx) {
    const flags = new Set<string>();
    const rest: string[] = [];
    let mode: string | undefined;
    let opts = true;
    for (const a of ctx.args) {
      if (opts && a === '--') opts = false;
      else if (opts && mode === undefined && a.startsWith('-') && a.length > 1 && isModeText(a)) mode = a;
      else if (opts && /^-[Rvcf]+$/.test(a)) for (const c of a.slice(1)) flags.add(c);
      else if (opts && a === '--recursive') flags.add('R');
      else if (opts && a.startsWith('-') && a.length > 1) return usageError(ctx, 'chmod', a.startsWith('--') ? `unrecognized option '${a}'` : `invalid option -- '${a.charAt(1)}'`);
      else if (mode === undefined) mode = a;
      else rest.push(a);
    }
    if (mode === undefined) return usageError(ctx, 'chmod', 'missing operand');
    if (rest.length === 0) return usageError(ctx, 'chmod', `missing operand after ‘${mode}’`);
    if (!isModeText(mode)) return usageError(ctx, 'chmod', `invalid mode: ‘${mode}’`);
    const fs = fsOf(ctx);
    let status = 0;
    for (const f of rest) if (!apply(ctx, fs, f, abs(ctx, f), mode, flags)) status = 1;
    return status;
  },
};

function apply(ctx: CommandContext, fs: ShellFs, name: string, path: string, mode: string, flags: Set<string>): boolean {
  const s = fs.stat(path);
  if (!s) {
    if (!flags.has('f')) ctx.stderr(`chmod: cannot access '${name}': ${reason(fs, path)}\n`);
    return false;
  }
  const next = parseModeArg(mode, s.mode, s.kind === 'dir') ?? s.mode;
  let ok = true;
  try {
    fs.chmod(path, next);
    if (flags.has('v') || (flags.has('c') && next !== s.mode)) ctx.stdout(`mode of '${name}' ${next !== s.mode ? `changed from ${octal(s.mode)} (${rwx(s.mode)}) to ${octal(next)} (${rwx(next)})` : `retained as ${octal(s.mode)} (${rwx(s.mode)})`}\n`);
  } catch (e) {
    if (!flags.has('f')) ctx.stderr(`chmod: changing permissions of '${name}': ${errorText(e)}\n`);
    ok = false;
  }
  if (flags.has('R') && s.kind === 'dir' && fs.lstat(path)?.kind === 'dir') {
    let children: string[] = [];
    try {
      children = fs.readdir(path);
    } catch (e) {
      ctx.stderr(`chmod: cannot read directory '${name}': ${errorText(e)}\n`);
      return false;
    }
    for (const c of children) {
      if (fs.lstat(childOf(path, c))?.kind === 'link') continue;
      ok = apply(ctx, fs, childOf(name, c), childOf(path, c), mode, flags) && ok;
    }
  }
  return ok;
}

function reason(fs: ShellFs, path: string): string {
  try {
    fs.realpath(path);
    return 'No such file or directory';
  } catch (e) {
    return errorText(e);
  }
}

function octal(m: number): string {
  return m.toString(8).padStart(4, '0');
}

function rwx(m: number): string {
  const t = (v: number, sp: boolean, ch: string): string => `${v & 4 ? 'r' : '-'}${v & 2 ? 'w' : '-'}${sp ? (v & 1 ? ch : ch.toUpperCase()) : v & 1 ? 'x' : '-'}`;
  return t(m >> 6, (m & 0o4000) !== 0, 's') + t(m >> 3, (m & 0o2000) !== 0, 's') + t(m, (m & 0o1000) !== 0, 't');
}
