// tar (GNU tar 1.34): lists (-t) and extracts (-x) ustar archives, gzip'd or not, through the session's
// file system with bounded sizes; creating (-c) is accepted. Texts and status 2 as GNU tar gives them.
import { gunzipSync } from 'node:zlib';
import type { Command, CommandContext } from '../command.js';
import { fsOf, readPath, resolvePath } from '../system/fs.js';

const MAX_OUT = 8 << 20;
const MAX_ENTRIES = 2000;

interface Member {
  name: string;
  mode: number;
  size: number;
  mtime: number;
  type: string;
  data: Buffer;
}

export const tar: Command = {
  name: 'tar',
  paths: ['/usr/bin/tar', '/bin/tar'],
  run(ctx) {
    if (ctx.args.includes('--version')) {
      ctx.stdout('tar (GNU tar) 1.34\nCopyright (C) 2021 Free Software Foundation, Inc.\nLicense GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\nThis is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n\nWritten by John Gilmore and Jay Fenlason.\n');
      return 0;
    }
    let flags = '';
    let archive: string | undefined;
    let dir: string | undefined;
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-C' || a === '--directory') dir = args[++i];
      else if (a.startsWith('--file=')) archive = a.slice(7);
      else if (a === '-f' || a === '--file') archive = args[++i];
      else if (a.startsWith('--')) flags += ({ '--extract': 'x', '--list': 't', '--create': 'c', '--gzip': 'z', '--verbose': 'v' } as Record<string, string>)[a] ?? '';
      else if (/^-?[a-zA-Z]+$/.test(a) && (i === 0 || a.startsWith('-'))) {
        const letters = a.replace(/^-/, '');
        flags += letters;
        if (letters.includes('f') && archive === undefined) archive = args[++i];
      }
    }
    const mode = ['x', 't', 'c', 'r', 'u', 'A', 'd'].filter((m) => flags.includes(m));
    if (mode.length === 0) {
      ctx.stderr("tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n");
      return 2;
    }
    if (mode.length > 1) {
      ctx.stderr("tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option\nTry 'tar --help' or 'tar --usage' for more information.\n");
      return 2;
    }
    const child = flags.includes('z') ? 'tar (child)' : 'tar';
    if (mode[0] === 'c') return 0;
    let raw: string;
    if (archive === undefined || archive === '-') raw = ctx.stdin;
    else {
      const r = readPath(ctx, archive);
      if (!r.ok) {
        ctx.stderr(`${child}: ${archive}: Cannot open: ${r.error}\n${child}: Error is not recoverable: exiting now\n${child === 'tar' ? '' : 'tar: Child returned status 2\ntar: Error is not recoverable: exiting now\n'}`);
        return 2;
      }
      raw = r.text;
    }
    let bytes = Buffer.from(raw, 'latin1');
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes, { maxOutputLength: MAX_OUT });
      } catch {
        ctx.stderr('\ngzip: stdin: unexpected end of file\ntar: Child returned status 1\ntar: Error is not recoverable: exiting now\n');
        return 2;
      }
    }
    const members = parse(bytes);
    if (members === undefined) {
      ctx.stderr('tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
      return 2;
    }
    const verbose = flags.includes('v');
    const base = dir === undefined ? ctx.cwd : resolvePath(ctx.cwd, dir, ctx.user.home);
    for (const m of members) {
      if (mode[0] === 't' || verbose) ctx.stdout(mode[0] === 't' && verbose ? longLine(m) : `${m.name}\n`);
      if (mode[0] === 'x') extract(ctx, base, m);
    }
    return 0;
  },
};

function parse(buf: Buffer): Member[] | undefined {
  const out: Member[] = [];
  let off = 0;
  while (off + 512 <= buf.length && out.length < MAX_ENTRIES) {
    const h = buf.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const field = (s: number, l: number): string => h.subarray(s, s + l).toString('latin1').replace(/\0.*$/s, '');
    if (field(257, 5) !== 'ustar') return out.length ? out : undefined;
    const size = parseInt(field(124, 12).trim() || '0', 8) || 0;
    const prefix = field(345, 155);
    const name = (prefix ? prefix + '/' : '') + field(0, 100);
    out.push({ name, mode: parseInt(field(100, 8).trim() || '0', 8) || 0o644, size, mtime: (parseInt(field(136, 12).trim() || '0', 8) || 0) * 1000, type: field(156, 1) || '0', data: buf.subarray(off + 512, off + 512 + size) });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

function longLine(m: Member): string {
  const kind = m.type === '5' ? 'd' : m.type === '2' ? 'l' : '-';
  const rwx = [6, 3, 0].map((s) => ((m.mode >> s) & 4 ? 'r' : '-') + ((m.mode >> s) & 2 ? 'w' : '-') + ((m.mode >> s) & 1 ? 'x' : '-')).join('');
  const when = new Date(m.mtime).toISOString();
  return `${kind}${rwx} root/root ${String(m.size).padStart(9)} ${when.slice(0, 10)} ${when.slice(11, 16)} ${m.name}\n`;
}

function extract(ctx: CommandContext, base: string, m: Member): void {
  // Absolute names and .. are stripped as GNU tar does, so nothing lands outside the target directory.
  const rel = m.name.replace(/^\/+/, '').split('/').filter((s) => s !== '..' && s !== '.').join('/');
  if (!rel) return;
  const path = resolvePath(base, rel);
  try {
    if (m.type === '5') fsOf(ctx).mkdir(path, { parents: true, mode: m.mode & 0o7777 });
    else if (m.type === '0' || m.type === '\0') {
      fsOf(ctx).mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { parents: true });
      fsOf(ctx).writeFile(path, Buffer.from(m.data), { mode: m.mode & 0o7777 });
    }
  } catch {
    ctx.stderr(`tar: ${rel}: Cannot open: Permission denied\n`);
  }
}
