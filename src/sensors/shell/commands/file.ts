// file (5.44): names what a path holds from its first bytes: ELF headers (class, byte order, machine;
// what a dropped bot binary is built for), scripts, archives, text, directories and links.
import { createHash } from 'node:crypto';
import type { Command } from '../command.js';
import { fsOf, readPath, resolvePath } from '../system/fs.js';
import { statNode } from './fs-view.js';

const MACHINES: Record<number, string> = { 3: 'Intel 80386', 8: 'MIPS, MIPS-I', 20: 'PowerPC or cisco 4500', 40: 'ARM, EABI5 version 1 (SYSV)', 62: 'x86-64', 183: 'ARM aarch64', 243: 'UCB RISC-V', 42: 'Renesas SH' };

/** The description of file content, as libmagic's common rules word it. */
export function describe(text: string): string {
  if (text.length === 0) return 'empty';
  const b = (i: number): number => text.charCodeAt(i) & 0xff;
  if (text.startsWith('\x7fELF')) {
    const bits = b(4) === 2 ? '64' : '32';
    const little = b(5) !== 2;
    const type = little ? b(16) | (b(17) << 8) : (b(16) << 8) | b(17);
    const machine = little ? b(18) | (b(19) << 8) : (b(18) << 8) | b(19);
    const kind = type === 2 ? 'executable' : type === 3 ? 'pie executable' : type === 1 ? 'relocatable' : 'core file';
    const arch = MACHINES[machine] ?? `*unknown arch 0x${machine.toString(16)}*`;
    const sysv = arch.includes('SYSV') ? '' : ', version 1 (SYSV)';
    return `ELF ${bits}-bit ${little ? 'LSB' : 'MSB'} ${kind}, ${arch}${sysv}, statically linked, stripped`;
  }
  if (text.startsWith('\x1f\x8b')) return 'gzip compressed data, from Unix';
  if (text.startsWith('PK\x03\x04')) return 'Zip archive data, at least v2.0 to extract, compression method=deflate';
  if (text.startsWith('BZh')) return 'bzip2 compressed data, block size = 900k';
  if (text.startsWith('\xfd7zXZ')) return 'XZ compressed data, checksum CRC64';
  if (text.length > 262 && text.slice(257, 262) === 'ustar') return 'POSIX tar archive (GNU)';
  const ascii = !/[^\x09\x0a\x0d\x20-\x7e]/.test(text);
  const utf8 = !ascii && !/[\x00-\x08\x0e-\x1f]/.test(text);
  if (!ascii && !utf8) return 'data';
  const charset = ascii ? 'ASCII text' : 'Unicode text, UTF-8 text';
  const lines = text.split('\n');
  const long = lines.some((l) => l.length > 300) ? ', with very long lines' : '';
  const crlf = text.includes('\r\n') ? ', with CRLF line terminators' : '';
  const first = lines[0] ?? '';
  if (first.startsWith('#!')) {
    const interp = first.slice(2).trim().split(/\s+/);
    const prog = (interp[0]?.endsWith('/env') ? interp[1] : interp[0])?.split('/').pop() ?? '';
    const name = prog === 'sh' ? 'POSIX shell script' : prog === 'bash' ? 'Bourne-Again shell script' : prog.startsWith('python') ? 'Python script' : prog === 'perl' ? 'Perl script text executable' : `a ${interp.join(' ')} script`;
    return name.endsWith('executable') ? name : `${name}, ${charset} executable${long}${crlf}`;
  }
  return `${charset}${long}${crlf}`;
}

export const file: Command = {
  name: 'file',
  paths: ['/usr/bin/file', '/bin/file'],
  run(ctx) {
    const brief = ctx.args.includes('-b') || ctx.args.includes('--brief');
    const names = ctx.args.filter((a) => !a.startsWith('-') || a === '-');
    if (names.length === 0) {
      ctx.stderr('Usage: file [-bcCdEhikLlNnprsSvzZ0] [--apple] [--extension] [--mime-encoding]\n            [--mime-type] [-e <testname>] [-F <separator>]  [-f <namefile>]\n            [-m <magicfiles>] [-P <parameter=value>] [--exclude-quiet]\n            <file> ...\n       file -C [-m <magicfiles>]\n       file [--help]\n');
      return 1;
    }
    const width = Math.max(...names.map((n) => n.length)) + 1;
    for (const n of names) {
      let what: string;
      if (n === '-') what = describe(ctx.stdin);
      else {
        const abs = resolvePath(ctx.cwd, n, ctx.user.home);
        const node = statNode(ctx, abs, false);
        if (!node) what = `cannot open \`${n}' (No such file or directory)`;
        else if (node.kind === 'link') what = `symbolic link to ${node.target ?? ''}`;
        else if (node.kind === 'dir') what = (node.mode & 0o1000 ? 'sticky, ' : '') + 'directory';
        else if (node.kind === 'char') what = 'character special';
        else if (abs.startsWith('/proc/')) what = 'empty';
        else if (/^\/usr\/s?bin\//.test(realPath(ctx, abs)) && readPath(ctx, n).ok && (readPath(ctx, n) as { text: string }).text.startsWith('\x7fELF')) what = `ELF 64-bit LSB pie executable, x86-64, version 1 (SYSV), dynamically linked, interpreter /lib64/ld-linux-x86-64.so.2, BuildID[sha1]=${createHash('sha1').update(realPath(ctx, abs)).digest('hex')}, for GNU/Linux 3.2.0, stripped`;
        else {
          const r = readPath(ctx, n);
          what = r.ok ? describe(r.text) : `cannot open \`${n}' (${r.error})`;
        }
      }
      ctx.stdout(brief ? `${what}\n` : `${(n + ':').padEnd(width)} ${what}\n`);
    }
    return 0;
  },
};

/** /bin/ls and /usr/bin/ls are one file: the system binaries are described by their real path. */
function realPath(ctx: Parameters<Command['run']>[0], abs: string): string {
  try {
    return fsOf(ctx).realpath(abs);
  } catch {
    return abs;
  }
}
