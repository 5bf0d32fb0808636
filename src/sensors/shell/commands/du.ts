// du (coreutils 9.1): disk usage in 1K blocks (or -h), -s, -a, -c, -d/--max-depth; the big system
// directories report their share of what df says is used on the root disk, so du and df agree.
import type { Command } from '../command.js';
import { resolvePath } from '../system/fs.js';
import { coreutilsHuman } from '../system/format.js';
import { machineFor } from '../system/machine.js';
import { childPath, MAX_WALK, readDirNames, statNode } from './fs-view.js';

const TRY = "Try 'du --help' for more information.\n";

/** Share of the root disk's used blocks under each top-level directory of a Debian 12 server. */
const SHARES: Record<string, number> = { '/': 1, '/usr': 0.71, '/usr/lib': 0.46, '/usr/share': 0.17, '/usr/bin': 0.05, '/usr/sbin': 0.01, '/var': 0.16, '/var/lib': 0.09, '/var/cache': 0.05, '/var/log': 0.012, '/boot': 0.11, '/etc': 0.0026 };

export const du: Command = {
  name: 'du',
  paths: ['/usr/bin/du', '/bin/du'],
  run(ctx) {
    const o = { s: false, a: false, c: false, h: false, depth: Infinity };
    const targets: string[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a.startsWith('--max-depth=')) o.depth = Number(a.slice(12));
      else if (a === '-d') o.depth = Number(args[++i]);
      else if (a === '--summarize') o.s = true;
      else if (a === '--human-readable') o.h = true;
      else if (a === '--all') o.a = true;
      else if (a === '--total') o.c = true;
      else if (a.startsWith('--')) {
        if (!['--apparent-size', '--one-file-system', '--bytes'].includes(a)) {
          ctx.stderr(`du: unrecognized option '${a}'\n${TRY}`);
          return 1;
        }
      } else if (/^-[a-zA-Z]+$/.test(a)) {
        for (const c of a.slice(1)) {
          if (c === 's' || c === 'a' || c === 'c' || c === 'h') o[c] = true;
          else if (!'kxLlmb'.includes(c)) {
            ctx.stderr(`du: invalid option -- '${c}'\n${TRY}`);
            return 1;
          }
        }
      } else targets.push(a);
    }
    if (Number.isNaN(o.depth)) {
      ctx.stderr(`du: invalid maximum depth\n${TRY}`);
      return 1;
    }
    if (o.s) o.depth = 0;
    const used = machineFor(ctx).hw.disk.used_kb;
    const fmt = (kb: number): string => (o.h ? coreutilsHuman(kb * 1024) : String(kb));
    let status = 0;
    let total = 0;
    let visits = 0;
    let out = '';
    const walk = (path: string, abs: string, depth: number): number => {
      if (visits++ > MAX_WALK) return 0;
      const node = statNode(ctx, abs, false);
      if (!node) return 0;
      const own = node.kind === 'file' || node.kind === 'dir' ? Math.ceil(node.size / 4096) * 4 : 0;
      if (node.kind !== 'dir') {
        if ((o.a || depth === 0) && depth <= o.depth) out += `${fmt(own)}\t${path}\n`;
        return own;
      }
      let sum = own;
      const children = SHARES[abs] !== undefined ? [] : readDirNames(ctx, abs);
      if (SHARES[abs] !== undefined) sum = Math.round(used * SHARES[abs]);
      else if (!Array.isArray(children)) {
        ctx.stderr(`du: cannot read directory '${path}': ${children.error}\n`);
        status = 1;
      } else for (const child of children) sum += walk(path.endsWith('/') ? path + child : `${path}/${child}`, childPath(abs, child), depth + 1);
      if (depth <= o.depth) out += `${fmt(sum)}\t${path}\n`;
      return sum;
    };
    for (const t of targets.length ? targets : ['.']) {
      const abs = resolvePath(ctx.cwd, t, ctx.user.home);
      if (!statNode(ctx, abs, false)) {
        ctx.stderr(`du: cannot access '${t}': No such file or directory\n`);
        status = 1;
        continue;
      }
      total += walk(t, abs, 0);
    }
    if (o.c) out += `${fmt(total)}\ttotal\n`;
    ctx.stdout(out);
    return status;
  },
};

