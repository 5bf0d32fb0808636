// Shared by the file commands (cp, mv, rm, mkdir, touch, chmod, chown, tee): short-option parsing in coreutils'
// style, the "missing operand" texts, and paths resolved against the cwd.
import type { CommandContext } from '../command.js';
import { resolvePath } from '../system/fs.js';

export interface Parsed {
  flags: Set<string>;
  /** Values of options that take one (-m 755, -d "date", -t dir). */
  values: Map<string, string>;
  operands: string[];
}

/**
 * Splits argv into single-letter flags and operands; `long` maps --long names to a letter. Returns the unknown
 * option's text (coreutils' "invalid option" / "unrecognized option") instead when there is one.
 */
export function parseArgs(args: readonly string[], letters: string, long: Record<string, string> = {}, withValue = ''): Parsed | { bad: string } {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const operands: string[] = [];
  let opts = true;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!opts || a === '-' || !a.startsWith('-')) {
      operands.push(a);
      continue;
    }
    if (a === '--') {
      opts = false;
      continue;
    }
    if (a.startsWith('--')) {
      const [name, value] = a.slice(2).split('=', 2) as [string, string | undefined];
      const letter = long[name];
      if (letter === undefined) return { bad: `unrecognized option '${a}'` };
      flags.add(letter);
      if (withValue.includes(letter)) values.set(letter, value ?? args[++i] ?? '');
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (!letters.includes(c)) return { bad: `invalid option -- '${c}'` };
      flags.add(c);
      if (withValue.includes(c)) {
        values.set(c, a.length > j + 1 ? a.slice(j + 1) : (args[++i] ?? ''));
        break;
      }
    }
  }
  return { flags, values, operands };
}

export function usageError(ctx: CommandContext, tool: string, text: string): number {
  ctx.stderr(`${tool}: ${text}\nTry '${tool} --help' for more information.\n`);
  return 1;
}

export function abs(ctx: CommandContext, p: string): string {
  return resolvePath(ctx.cwd, p, ctx.user.home);
}

export function childOf(dir: string, name: string): string {
  return dir === '/' ? `/${name}` : `${dir}/${name}`;
}

export function lastName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1) || '/';
}
