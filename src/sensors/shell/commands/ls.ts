// ls (and dir): coreutils' short and long listings of the emulated tree; one name per line without a terminal.
import type { Command, CommandContext } from '../command.js';
import { resolvePath } from '../system/fs.js';
import { coreutilsHuman } from '../system/format.js';
import { list, stat, type Entry } from '../system/tree.js';

/** `binaries` lists the absolute paths of every emulated command, so `ls -l $(which ls)` finds the file. */
export function makeLs(name: 'ls' | 'dir', binaries: () => ReadonlySet<string>): Command {
  return {
    name,
    paths: [`/usr/bin/${name}`, `/bin/${name}`],
    run: (ctx) => runLs(ctx, name, binaries()),
  };
}

function runLs(ctx: CommandContext, tool: string, binaries: ReadonlySet<string>): number {
  const o = { l: false, a: false, A: false, h: false, d: false, one: tool === 'dir' };
  const operands: string[] = [];
  for (const a of ctx.args) {
    if (a === '--all') o.a = true;
    else if (a === '--human-readable') o.h = true;
    else if (a.startsWith('--color') || a === '--') continue;
    else if (/^-[a-zA-Z1]+$/.test(a)) {
      for (const c of a.slice(1)) {
        if (c === 'l' || c === 'a' || c === 'A' || c === 'h' || c === 'd') o[c] = true;
        else if (c === '1') o.one = true;
        else if (!'tSrRFignopsx'.includes(c)) {
          ctx.stderr(`${tool}: invalid option -- '${c}'\nTry '${tool} --help' for more information.\n`);
          return 2;
        }
      }
    } else operands.push(a);
  }
  const sessionPaths = ctx.files?.paths?.() ?? [];
  const targets = operands.length ? operands : ['.'];
  let status = 0;
  const files: [string, Entry][] = [];
  const dirs: [string, Entry[]][] = [];
  for (const t of targets) {
    const abs = resolvePath(ctx.cwd, t, ctx.user.home);
    const e = stat(abs, ctx, binaries, sessionPaths);
    if (!e) {
      ctx.stderr(`${tool}: cannot access '${t}': No such file or directory\n`);
      status = 2;
      continue;
    }
    if (e.kind === 'dir' && !o.d) {
      let children = list(abs, ctx, binaries, sessionPaths) ?? [];
      if (!o.a && !o.A) children = children.filter((c) => !c.name.startsWith('.'));
      if (o.a) children = [{ ...e, name: '.' }, { ...e, name: '..', links: e.links + 1 }, ...children];
      dirs.push([t, children]);
    } else files.push([t, e]);
  }
  const terminal = ctx.stdoutIsTerminal === true;
  const render = (entries: [string, Entry][]): string => {
    if (entries.length === 0) return '';
    if (o.l) return entries.map(([n, e]) => longLine(n, e, o.h)).join('');
    if (o.one || !terminal) return entries.map(([n]) => n + '\n').join('');
    return columns(entries.map(([n]) => n), Number(ctx.env.get('COLUMNS')) || 80);
  };
  let out = render(files);
  const header = targets.length > 1;
  dirs.forEach(([t, children], i) => {
    if (header) out += `${out || i > 0 ? '\n' : ''}${t}:\n`;
    if (o.l) out += `total ${children.reduce((s, c) => s + Math.ceil(c.size / 4096) * 4, 0)}\n`;
    out += render(children.map((c) => [c.name, c]));
  });
  ctx.stdout(out);
  return status;
}

function longLine(name: string, e: Entry, human: boolean): string {
  const size = human ? coreutilsHuman(e.size) : String(e.size);
  const link = e.kind === 'link' && e.target ? ` -> ${e.target}` : '';
  return `${e.mode} ${e.links} ${e.owner} ${e.owner} ${size.padStart(human ? 4 : 5)} ${lsDate(e.mtimeMs)} ${name}${link}\n`;
}

/** "Sep 20  2022" for files older than six months, "Nov 25 19:20" otherwise. */
function lsDate(ms: number): string {
  const d = new Date(ms);
  const mon = d.toLocaleString('en-US', { month: 'short', timeZone: 'UTC' });
  const day = String(d.getUTCDate()).padStart(2);
  const recent = Date.now() - ms < 182 * 86400_000;
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
