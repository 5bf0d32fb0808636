// The coreutils checksum tools (md5sum, sha1sum, sha256sum, sha512sum): "<hex>  <name>" per input,
// and -c checking a list, with coreutils' texts. Hashing attacker data with node:crypto runs nothing.
import { createHash } from 'node:crypto';
import type { Command, CommandContext } from '../command.js';
import { eachInput, linesOf, readPath } from '../system/fs.js';

export function makeDigest(name: string, algorithm: 'md5' | 'sha1' | 'sha256' | 'sha512'): Command {
  return { name, paths: [`/usr/bin/${name}`, `/bin/${name}`], run: (ctx) => runDigest(ctx, name, algorithm) };
}

const hex = (algorithm: string, text: string): string => createHash(algorithm).update(Buffer.from(text, 'latin1')).digest('hex');

function runDigest(ctx: CommandContext, tool: string, algorithm: string): number {
  let check = false;
  let quiet = false;
  const files: string[] = [];
  for (const a of ctx.args) {
    if (a === '-c' || a === '--check') check = true;
    else if (a === '--quiet' || a === '--status') quiet = true;
    else if (a === '-b' || a === '-t' || a === '--binary' || a === '--text' || a === '--tag' || a === '-' || a === '--') {
      if (a === '-') files.push(a);
    } else if (a.startsWith('--')) {
      ctx.stderr(`${tool}: unrecognized option '${a}'\nTry '${tool} --help' for more information.\n`);
      return 1;
    } else if (a.startsWith('-') && a.length > 1) {
      const bad = [...a.slice(1)].find((c) => !'bctwz'.includes(c));
      if (bad !== undefined) {
        ctx.stderr(`${tool}: invalid option -- '${bad}'\nTry '${tool} --help' for more information.\n`);
        return 1;
      }
      if (a.includes('c')) check = true;
    } else files.push(a);
  }
  if (!check) {
    const ok = eachInput(ctx, tool, files, (text, n) => ctx.stdout(`${hex(algorithm, text)}  ${n === '(standard input)' ? '-' : n}\n`));
    return ok ? 0 : 1;
  }
  let failed = 0;
  let missing = 0;
  let bad = 0;
  const ok = eachInput(ctx, tool, files, (text, listName) => {
    let lines = 0;
    for (const line of linesOf(text)) {
      const m = /^([0-9a-fA-F]+) [ *](.+)$/.exec(line);
      if (!m) {
        bad++;
        continue;
      }
      lines++;
      const r = readPath(ctx, m[2]!);
      if (!r.ok) {
        ctx.stderr(`${tool}: ${m[2]}: ${r.error}\n`);
        if (!quiet) ctx.stdout(`${m[2]}: FAILED open or read\n`);
        missing++;
      } else if (hex(algorithm, r.text) === m[1]!.toLowerCase()) {
        if (!quiet) ctx.stdout(`${m[2]}: OK\n`);
      } else {
        if (!quiet) ctx.stdout(`${m[2]}: FAILED\n`);
        failed++;
      }
    }
    if (lines === 0) ctx.stderr(`${tool}: ${listName === '(standard input)' ? "'standard input'" : listName}: no properly formatted checksum lines found\n`);
  });
  if (missing) ctx.stderr(`${tool}: WARNING: ${missing} listed file${missing === 1 ? '' : 's'} could not be read\n`);
  if (failed) ctx.stderr(`${tool}: WARNING: ${failed} computed checksum${failed === 1 ? '' : 's'} did NOT match\n`);
  return ok && !failed && !missing && bad === 0 ? 0 : 1;
}
