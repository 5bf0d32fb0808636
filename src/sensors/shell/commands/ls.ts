// ls (and dir): coreutils' short and long listings of the session's file system; one name per line without a terminal.
import type { Command, CommandContext } from '../command.js';
import type { FsStat } from '../fs/types.js';
import { errorText, fsOf, idMap, resolvePath } from '../system/fs.js';
import { coreutilsHuman } from '../system/format.js';
import { modeText } from '../system/tree.js';

/** `binaries` is kept for the table's signature; the tree itself lists every emulated command. */
export function makeLs(name: 'ls' | 'dir', _binaries?: () => ReadonlySet<string>): Command {
  return {
    name,
    paths: [`/usr/bin/${name}`, `/bin/${name}`],
    run: (ctx) => runLs(ctx, name),
  };
}

interface Opts {
  l: boolean;
  a: boolean;
  A: boolean;
  h: boolean;
  d: boolean;
  one: boolean;
  t: boolean;
  S: boolean;
  r: boolean;
  i: boolean;
  n: boolean;
  F: boolean;
  g: boolean;
  o: boolean;
}

interface Item {
  name: string;
  path: string;
  s: FsStat;
}

function runLs(ctx: CommandContext, tool: string): number {
  const o: Opts = { l: false, a: false, A: false, h: false, d: false, one: tool === 'dir', t: false, S: false, r: false, i: false, n: false, F: false, g: false, o: false };
  const operands: string[] = [];
  let opts = true;
  for (const a of ctx.args) {
    if (opts && a === '--') opts = false;
    else if (opts && a === '--all') o.a = true;
    else if (opts && a === '--almost-all') o.A = true;
    else if (opts && a === '--human-readable') o.h = true;
    else if (opts && a === '--directory') o.d = true;
    else if (opts && a === '--reverse') o.r = true;
    else if (opts && a === '--classify') o.F = true;
    else if (opts && (a.startsWith('--color') || a.startsWith('--time-style') || a === '--full-time')) continue;
    else if (opts && /^-[a-zA-Z1]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === '1') o.one = true;
        else if (c in o) o[c as keyof Opts] = true;
        else if (!'RUXcpsxmvuCGQqNbkw'.includes(c)) {
          ctx.stderr(`${tool}: invalid option -- '${c}'\nTry '${tool} --help' for more information.\n`);
          return 2;
        }
      }
    } else operands.push(a);
  }
  if (o.n || o.g || o.o) o.l = true;
  const fs = fsOf(ctx);
  const users = idMap(ctx, '/etc/passwd');
  const groups = idMap(ctx, '/etc/group');
  const targets = operands.length ? operands : ['.'];
  let status = 0;
  const files: Item[] = [];
  const dirs: { label: string; items: Item[] | undefined; error?: string }[] = [];
  for (const t of targets) {
    const abs = resolvePath(ctx.cwd, t, ctx.user.home);
    let s: FsStat | undefined;
    try {
      const ls = fs.lstat(abs);
      s = ls?.kind === 'link' && !(o.l && !t.endsWith('/')) && !o.d ? (fs.stat(abs) ?? ls) : ls;
      if (!s) fs.realpath(abs);
    } catch (e) {
      ctx.stderr(`${tool}: cannot access '${t}': ${errorText(e)}\n`);
      status = 2;
      continue;
    }
    if (!s) {
      ctx.stderr(`${tool}: cannot access '${t}': No such file or directory\n`);
      status = 2;
      continue;
    }
    if (s.kind === 'dir' && !o.d) {
      try {
        const names = fs.readdir(abs).filter((n) => o.a || o.A || !n.startsWith('.'));
        const items: Item[] = [];
        if (o.a) {
          items.push({ name: '.', path: abs, s });
          const up = abs === '/' ? '/' : abs.slice(0, abs.lastIndexOf('/')) || '/';
          items.push({ name: '..', path: up, s: fs.stat(up) ?? s });
        }
        for (const n of names) {
          const p = abs === '/' ? `/${n}` : `${abs}/${n}`;
          const cs = fs.lstat(p);
          if (cs) items.push({ name: n, path: p, s: cs });
        }
        dirs.push({ label: t, items });
      } catch (e) {
        ctx.stderr(`${tool}: cannot open directory '${t}': ${errorText(e)}\n`);
        status = 2;
      }
    } else files.push({ name: t, path: abs, s });
  }
  const sort = (items: Item[]): Item[] => {
    const sorted = [...items].sort((a, b) => (o.t ? b.s.mtimeMs - a.s.mtimeMs : 0) || (o.S ? b.s.size - a.s.size : 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return o.r ? sorted.reverse() : sorted;
  };
  const terminal = ctx.stdoutIsTerminal === true;
  const suffix = (it: Item): string => (!o.F ? '' : it.s.kind === 'dir' ? '/' : it.s.kind === 'link' ? '@' : it.s.kind === 'fifo' ? '|' : it.s.kind === 'file' && it.s.mode & 0o111 ? '*' : '');
  const render = (items: Item[]): string => {
    if (items.length === 0) return '';
    const sorted = sort(items);
    if (o.l) return longLines(sorted, o, users.name, groups.name, suffix);
    const names = sorted.map((it) => (o.i ? `${it.s.ino} ` : '') + it.name + suffix(it));
    if (o.one || !terminal) return names.map((n) => n + '\n').join('');
    return columns(names, Number(ctx.env.get('COLUMNS')) || 80);
  };
  let out = render(files);
  const header = targets.length > 1;
  dirs.forEach(({ label, items }, i) => {
    if (!items) return;
    if (header) out += `${out || i > 0 ? '\n' : ''}${label}:\n`;
    if (o.l) {
      const blocks = items.reduce((s, it) => s + blocksOf(it.s), 0);
      out += `total ${o.h ? coreutilsHuman(blocks * 1024) : blocks}\n`;
    }
    out += render(items);
  });
  ctx.stdout(out);
  return status;
}

/** 1 KiB blocks a node takes on ext4 (4 KiB allocation unit). */
function blocksOf(s: FsStat): number {
  return s.kind === 'file' || s.kind === 'dir' ? Math.ceil(s.size / 4096) * 4 : 0;
}

function longLines(items: Item[], o: Opts, user: (id: number) => string, group: (id: number) => string, suffix: (it: Item) => string): string {
  const rows = items.map((it) => ({
    ino: String(it.s.ino),
    mode: modeText(it.s),
    links: String(it.s.nlink),
    owner: o.n ? String(it.s.uid) : user(it.s.uid),
    group: o.n ? String(it.s.gid) : group(it.s.gid),
    size: it.s.kind === 'char' || it.s.kind === 'block' ? '1, 3' : o.h ? coreutilsHuman(it.s.size) : String(it.s.size),
    date: lsDate(it.s.mtimeMs),
    name: it.name + (it.s.kind === 'link' && it.s.target !== undefined ? ` -> ${it.s.target}` : suffix(it)),
  }));
  const w = (k: keyof (typeof rows)[number]): number => Math.max(...rows.map((r) => r[k].length));
  const [wi, wl, wo, wg, ws] = [w('ino'), w('links'), w('owner'), w('group'), w('size')];
  return rows
    .map((r) => {
      const cols = [(o.i ? r.ino.padStart(wi) + ' ' : '') + r.mode, r.links.padStart(wl)];
      if (!o.g) cols.push(r.owner.padEnd(wo));
      if (!o.o) cols.push(r.group.padEnd(wg));
      cols.push(r.size.padStart(ws), r.date, r.name);
      return cols.join(' ') + '\n';
    })
    .join('');
}

/** "Sep 20  2022" for files older than six months (or in the future), "Nov 25 19:20" otherwise. */
export function lsDate(ms: number): string {
  const d = new Date(ms);
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = String(d.getUTCDate()).padStart(2);
  const age = Date.now() - ms;
  const recent = age < 182 * 86400_000 && age > -3600_000;
  return `${mon} ${day} ${recent ? d.toISOString().slice(11, 16) : ' ' + d.getUTCFullYear()}`;
}

/** GNU ls -C: column-major, as many columns as fit the width, two spaces between columns. */
function columns(names: string[], width: number): string {
  for (let cols = Math.min(names.length, Math.max(1, Math.floor(width / 3))); cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    const used = Math.ceil(names.length / rows);
    const widths = Array.from({ length: used }, (_, c) => Math.max(...names.slice(c * rows, c * rows + rows).map((n) => n.length)));
    const total = widths.reduce((s, w) => s + w, 0) + 2 * (used - 1);
    if (total > width && cols > 1) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      const line: string[] = [];
      for (let c = 0; c < used; c++) {
        const n = names[c * rows + r];
        if (n !== undefined) line.push(c === used - 1 || names[(c + 1) * rows + r] === undefined ? n : n.padEnd(widths[c]! + 2));
      }
      out += line.join('') + '\n';
    }
    return out;
  }
  return '';
}
