// stat (coreutils 9.1): the default multi-line record, -c/--format and --printf directives, -t terse;
// figures from the emulated tree so they agree with ls -l.
import type { Command, CommandContext } from '../command.js';
import { resolvePath } from '../system/fs.js';
import { groupName, modeString, statNode, userName, type NodeInfo } from './fs-view.js';

const TRY = "Try 'stat --help' for more information.\n";
const KIND_TEXT: Record<string, string> = { file: 'regular file', dir: 'directory', link: 'symbolic link', char: 'character special file', block: 'block special file', fifo: 'fifo', socket: 'socket' };

export const stat: Command = {
  name: 'stat',
  paths: ['/usr/bin/stat', '/bin/stat'],
  run(ctx) {
    let format: string | undefined;
    let terse = false;
    let follow = false;
    let newline = true;
    const files: string[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-c' || a === '--printf') {
        format = args[++i];
        newline = a === '-c';
        if (format === undefined) {
          ctx.stderr(`stat: option requires an argument -- '${a === '-c' ? 'c' : 'printf'}'\n${TRY}`);
          return 1;
        }
      } else if (a.startsWith('--format=')) format = a.slice(9);
      else if (a.startsWith('--printf=')) {
        format = a.slice(9);
        newline = false;
      } else if (a === '-L' || a === '--dereference') follow = true;
      else if (a === '-t' || a === '--terse') terse = true;
      else if (a === '-f' || a === '--file-system') continue;
      else if (a.startsWith('-') && a !== '-') {
        ctx.stderr(a.startsWith('--') ? `stat: unrecognized option '${a}'\n${TRY}` : `stat: invalid option -- '${a.charAt(1)}'\n${TRY}`);
        return 1;
      } else files.push(a);
    }
    if (files.length === 0) {
      ctx.stderr(`stat: missing operand\n${TRY}`);
      return 1;
    }
    let status = 0;
    for (const f of files) {
      const node = statNode(ctx, resolvePath(ctx.cwd, f, ctx.user.home), follow);
      if (!node) {
        ctx.stderr(`stat: cannot statx '${f}': No such file or directory\n`);
        status = 1;
        continue;
      }
      if (format !== undefined) ctx.stdout(directives(ctx, format, f, node, newline) + (newline ? '\n' : ''));
      else if (terse) ctx.stdout(`${f} ${node.size} ${blocks(node)} ${(kindBits(node) | node.mode).toString(16)} ${node.uid} ${node.gid} fe01 ${node.ino} ${node.nlink} 0 0 ${secs(node)} ${secs(node)} ${secs(node)} 0 4096\n`);
      else ctx.stdout(record(ctx, f, node));
    }
    return status;
  },
};

const blocks = (n: NodeInfo): number => (n.kind === 'file' || n.kind === 'dir' ? Math.ceil(n.size / 4096) * 8 : 0);
const secs = (n: NodeInfo): number => Math.floor(n.mtimeMs / 1000);
const kindBits = (n: NodeInfo): number => ({ file: 0o100000, dir: 0o40000, link: 0o120000, char: 0o20000, block: 0o60000, fifo: 0o10000, socket: 0o140000 })[n.kind];

/** "2025-05-22 09:14:00.000000000 +0000": a Debian server keeps UTC. */
function when(ms: number): string {
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(Math.floor(ms % 1000) * 1_000_000 + (Math.floor(ms) % 997) * 1000).padStart(9, '0')} +0000`;
}

function record(ctx: CommandContext, f: string, n: NodeInfo): string {
  const owner = userName(ctx, n.uid);
  const group = groupName(ctx, n.gid);
  const name = n.kind === 'link' && n.target ? `${f} -> ${n.target}` : f;
  const dev = n.kind === 'char' || n.kind === 'block' ? 'Device: 0,5\tInode: ' : 'Device: 254,1\tInode: ';
  return (
    `  File: ${name}\n` +
    `  Size: ${String(n.size).padEnd(10)}\tBlocks: ${String(blocks(n)).padEnd(10)} IO Block: 4096   ${KIND_TEXT[n.kind]}\n` +
    `${dev}${String(n.ino).padEnd(11)} Links: ${n.nlink}\n` +
    `Access: (${(n.mode & 0o7777).toString(8).padStart(4, '0')}/${modeString(n)})  Uid: (${String(n.uid).padStart(5)}/${owner.padStart(8)})   Gid: (${String(n.gid).padStart(5)}/${group.padStart(8)})\n` +
    `Access: ${when(n.mtimeMs)}\nModify: ${when(n.mtimeMs)}\nChange: ${when(n.mtimeMs)}\n Birth: ${when(n.mtimeMs)}\n`
  );
}

function directives(ctx: CommandContext, format: string, f: string, n: NodeInfo, plain: boolean): string {
  const text = plain ? format : format.replace(/\\n/g, '\n').replace(/\\t/g, '\t');
  return text.replace(/%([a-zA-Z%])/g, (whole, c: string) => {
    switch (c) {
      case 'n':
        return f;
      case 'N':
        return `'${f}'`;
      case 's':
        return String(n.size);
      case 'a':
        return (n.mode & 0o7777).toString(8);
      case 'A':
        return modeString(n);
      case 'U':
      case 'G':
        return c === 'U' ? userName(ctx, n.uid) : groupName(ctx, n.gid);
      case 'u':
        return String(n.uid);
      case 'g':
        return String(n.gid);
      case 'h':
        return String(n.nlink);
      case 'i':
        return String(n.ino);
      case 'F':
        return KIND_TEXT[n.kind]!;
      case 'b':
        return String(blocks(n));
      case 'B':
        return '512';
      case 'o':
        return '4096';
      case 'y':
      case 'z':
      case 'x':
      case 'w':
        return when(n.mtimeMs);
      case 'Y':
      case 'Z':
      case 'X':
      case 'W':
        return String(secs(n));
      case 'f':
        return (kindBits(n) | n.mode).toString(16);
      case 'd':
        return '65025';
      case 'D':
        return 'fe01';
      case '%':
        return '%';
      default:
        return whole;
    }
  });
}
