// gzip and gunzip (1.12): real deflate through node:zlib with a bounded output, files replaced through the
// session's file system (FILE -> FILE.gz and back), -c to stdout, -d, -k, and gzip's texts and statuses.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Command, CommandContext } from '../command.js';
import { fsOf, readPath, resolvePath } from '../system/fs.js';

/** Largest output one run inflates, so a zip bomb stays small. */
const MAX_OUT = 8 << 20;

export function makeGzip(name: 'gzip' | 'gunzip'): Command {
  return { name, paths: [`/usr/bin/${name}`, `/bin/${name}`], run: (ctx) => runGzip(ctx, name) };
}

function inflate(text: string): string | undefined {
  try {
    return gunzipSync(Buffer.from(text, 'latin1'), { maxOutputLength: MAX_OUT }).toString('latin1');
  } catch {
    return undefined;
  }
}

function runGzip(ctx: CommandContext, tool: 'gzip' | 'gunzip'): number {
  let decompress = tool === 'gunzip';
  let toStdout = false;
  let keep = false;
  let force = false;
  const files: string[] = [];
  for (const a of ctx.args) {
    if (a === '--stdout' || a === '--to-stdout') toStdout = true;
    else if (a === '--decompress') decompress = true;
    else if (a === '--keep') keep = true;
    else if (a === '--force') force = true;
    else if (/^-[cdkfqvn1-9rt]+$/.test(a)) {
      if (a.includes('c')) toStdout = true;
      if (a.includes('d')) decompress = true;
      if (a.includes('k')) keep = true;
      if (a.includes('f')) force = true;
    } else if (a.startsWith('-') && a !== '-') {
      ctx.stderr(`${tool}: invalid option -- '${a.replace(/^-+/, '').charAt(0)}'\nTry \`${tool} --help' for more information.\n`);
      return 1;
    } else files.push(a);
  }
  if (files.length === 0 || (files.length === 1 && files[0] === '-')) {
    if (!decompress && ctx.stdoutIsTerminal && !force) {
      ctx.stderr(`${tool}: compressed data not written to a terminal. Use -f to force compression.\nFor help, type: ${tool} -h\n`);
      return 1;
    }
    if (!decompress) {
      ctx.stdout(gzipSync(Buffer.from(ctx.stdin, 'latin1')).toString('latin1'));
      return 0;
    }
    const out = inflate(ctx.stdin);
    if (out === undefined) {
      ctx.stderr(`${tool}: stdin: not in gzip format\n`);
      return 1;
    }
    ctx.stdout(out);
    return 0;
  }
  let status = 0;
  for (const f of files) {
    if (decompress && !/\.(gz|tgz|z)$/i.test(f)) {
      ctx.stderr(`${tool}: ${f}: unknown suffix -- ignored\n`);
      status = Math.max(status, 2);
      continue;
    }
    const r = readPath(ctx, f);
    if (!r.ok) {
      ctx.stderr(r.error === 'Is a directory' ? `${tool}: ${f} is a directory -- ignored\n` : `${tool}: ${f}: ${r.error}\n`);
      status = Math.max(status, r.error === 'Is a directory' ? 2 : 1);
      continue;
    }
    const out = decompress ? inflate(r.text) : gzipSync(Buffer.from(r.text, 'latin1')).toString('latin1');
    if (out === undefined) {
      ctx.stderr(`${tool}: ${f}: not in gzip format\n`);
      status = 1;
      continue;
    }
    if (toStdout) {
      ctx.stdout(out);
      continue;
    }
    const abs = resolvePath(ctx.cwd, f, ctx.user.home);
    const target = decompress ? abs.replace(/\.tgz$/i, '.tar').replace(/\.(gz|z)$/i, '') : `${abs}.gz`;
    try {
      fsOf(ctx).writeFile(target, Buffer.from(out, 'latin1'));
      if (!keep) fsOf(ctx).unlink(abs);
    } catch {
      ctx.stderr(`${tool}: ${target}: Permission denied\n`);
      status = 1;
    }
  }
  return status;
}
