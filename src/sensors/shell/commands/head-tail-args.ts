// The option grammar head and tail share: -n N, -nN, -N, -c N, --lines=N, +K (tail), -q/-v, -f (ignored).
import type { CommandContext } from '../command.js';

export interface SliceArgs {
  count: number;
  bytes: boolean;
  /** tail -n +K: from line K on. */
  fromStart: boolean;
  files: string[];
}

export function sliceArgs(ctx: CommandContext, tool: 'head' | 'tail'): SliceArgs | undefined {
  const r: SliceArgs = { count: 10, bytes: false, fromStart: false, files: [] };
  const args = ctx.args;
  const setCount = (v: string | undefined, bytes: boolean): boolean => {
    if (v === undefined) {
      ctx.stderr(`${tool}: option requires an argument -- '${bytes ? 'c' : 'n'}'\nTry '${tool} --help' for more information.\n`);
      return false;
    }
    const m = /^([+-]?)(\d+)([kKmM]?)$/.exec(v);
    if (!m) {
      ctx.stderr(`${tool}: invalid number of ${bytes ? 'bytes' : 'lines'}: ‘${v}’\n`);
      return false;
    }
    const mult = m[3] === 'k' || m[3] === 'K' ? 1024 : m[3] ? 1 << 20 : 1;
    r.count = Number(m[2]) * mult * (m[1] === '-' && tool === 'head' ? -1 : 1);
    r.fromStart = m[1] === '+' && tool === 'tail';
    r.bytes = bytes;
    return true;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-n' || a === '-c') {
      if (!setCount(args[++i], a === '-c')) return undefined;
    } else if (/^-[nc].+/.test(a)) {
      if (!setCount(a.slice(2), a[1] === 'c')) return undefined;
    } else if (a.startsWith('--lines=') || a.startsWith('--bytes=')) {
      if (!setCount(a.slice(8), a.startsWith('--bytes'))) return undefined;
    } else if (/^-\d+$/.test(a)) r.count = Number(a.slice(1));
    else if (/^\+\d+$/.test(a) && tool === 'tail') {
      r.count = Number(a.slice(1));
      r.fromStart = true;
    } else if (a === '-f' || a === '-F' || a === '-q' || a === '-v' || a === '--follow') continue;
    else if (a.startsWith('-') && a !== '-') {
      ctx.stderr(`${tool}: invalid option -- '${a.charAt(1)}'\nTry '${tool} --help' for more information.\n`);
      return undefined;
    } else r.files.push(a);
  }
  return r;
}
