// dd (coreutils 9.1): if= of= bs= count= skip= with the records summary on stderr; /dev/zero and
// /dev/urandom are generated (bounded), files read through the façade, written through the session's fs.
import { randomBytes } from 'node:crypto';
import type { Command } from '../command.js';
import { fsOf, readPath, resolvePath } from '../system/fs.js';

/** Most bytes dd materialises; a bigger run is reported in full but its data is not kept. */
const MAX_BYTES = 8 << 20;
const TRY = "Try 'dd --help' for more information.\n";

function parseSize(v: string): number | undefined {
  const m = /^(\d+)(c|w|b|kB|K|k|KiB|MB|M|MiB|GB|G|GiB)?$/.exec(v);
  if (!m) return undefined;
  const mult: Record<string, number> = { c: 1, w: 2, b: 512, kB: 1000, K: 1024, k: 1024, KiB: 1024, MB: 1e6, M: 1 << 20, MiB: 1 << 20, GB: 1e9, G: 1 << 30, GiB: 1 << 30 };
  return Number(m[1]) * (m[2] ? mult[m[2]]! : 1);
}

/** "3.1 MB, 3.0 MiB" as coreutils words the byte count (absent below 1000). */
function sizes(bytes: number): string {
  if (bytes < 1000) return '';
  const si = ['kB', 'MB', 'GB', 'TB'];
  const iec = ['KiB', 'MiB', 'GiB', 'TiB'];
  let a = bytes / 1000;
  let i = 0;
  while (a >= 1000 && i < 3) (a /= 1000), i++;
  let b = bytes / 1024;
  let j = 0;
  while (b >= 1024 && j < 3) (b /= 1024), j++;
  const f = (v: number): string => (v < 10 ? v.toFixed(1) : String(Math.round(v)));
  return ` (${f(a)} ${si[i]}, ${f(b)} ${iec[j]})`;
}

export const dd: Command = {
  name: 'dd',
  paths: ['/usr/bin/dd', '/bin/dd'],
  run(ctx) {
    const ops: Record<string, string> = {};
    for (const a of ctx.args) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(0, eq) : a;
      if (!['if', 'of', 'bs', 'ibs', 'obs', 'count', 'skip', 'seek', 'conv', 'status', 'iflag', 'oflag'].includes(key) || eq < 0) {
        ctx.stderr(`dd: unrecognized operand ‘${a}’\n${TRY}`);
        return 1;
      }
      ops[key] = a.slice(eq + 1);
    }
    const num = (k: string, dflt: number): number | undefined => {
      if (ops[k] === undefined) return dflt;
      const v = parseSize(ops[k]!);
      if (v === undefined || (k.endsWith('bs') && v === 0)) ctx.stderr(`dd: invalid number: ‘${ops[k]}’\n`);
      return v;
    };
    const bs = num('bs', num('ibs', 512) ?? 512);
    const count = ops.count === undefined ? Infinity : num('count', 0);
    const skip = num('skip', 0);
    if (bs === undefined || count === undefined || skip === undefined) return 1;
    const src = ops.if;
    let input: string | undefined;
    let generated: ((n: number) => string) | undefined;
    if (src === '/dev/zero') generated = (n) => '\0'.repeat(n);
    else if (src === '/dev/urandom' || src === '/dev/random') generated = (n) => randomBytes(n).toString('latin1');
    else if (src === undefined) input = ctx.stdin;
    else {
      const r = readPath(ctx, src);
      if (!r.ok) {
        ctx.stderr(`dd: failed to open '${src}': ${r.error}\n`);
        return 1;
      }
      input = r.text;
    }
    // /dev/zero never ends: without count= dd runs until the disk is full or it is killed.
    const total = generated ? (Number.isFinite(count) ? bs * count : MAX_BYTES) : Math.max(0, Math.min(input!.length - bs * skip, bs * count));
    const data = generated ? generated(Math.min(total, MAX_BYTES)) : input!.slice(bs * skip, bs * skip + total);
    if (ops.of === undefined) ctx.stdout(data.slice(0, 1 << 20));
    else if (ops.of !== '/dev/null' && total <= MAX_BYTES) {
      try {
        fsOf(ctx).writeFile(resolvePath(ctx.cwd, ops.of, ctx.user.home), Buffer.from(data, 'latin1'));
      } catch (e) {
        ctx.stderr(`dd: failed to open '${ops.of}': ${e instanceof Error && e.message.includes(': ') ? e.message.slice(e.message.indexOf(': ') + 2) : 'Permission denied'}\n`);
        return 1;
      }
    }
    const full = Math.floor(total / bs);
    const partial = total % bs ? 1 : 0;
    if (ops.status !== 'none') {
      const secs = Math.max(0.000021, total / 5.6e8 + 0.000018);
      const rate = total / secs;
      const unit = rate >= 1e9 ? `${(rate / 1e9).toFixed(1)} GB/s` : rate >= 1e6 ? `${Math.round(rate / 1e6)} MB/s` : `${Math.round(rate / 1e3)} kB/s`;
      const s = secs < 0.0001 ? secs.toExponential(4).replace(/e-(\d)$/, 'e-0$1') : secs.toPrecision(6);
      ctx.stderr(`${full}+${partial} records in\n${full}+${partial} records out\n${total} bytes${sizes(total)} copied, ${s} s, ${unit}\n`);
    }
    return 0;
  },
};
