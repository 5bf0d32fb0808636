// awk: a small awk as Debian's default (mawk) runs it: -F, -v, BEGIN/END, patterns (NR==n, /re/, $n ~ /re/,
// comparisons, && || !), print/printf with $N, NF, NR, FNR, variables, arithmetic and a few builtins.
// Programs outside that subset get mawk's syntax-error text and status 2, as a real typo would.
import type { Command, CommandContext } from '../command.js';
import { linesOf, readPath, type ReadResult } from '../system/fs.js';
import { compileAwk, AwkSyntaxError, type AwkState } from './awk-parse.js';

/** The subset has no loops, so a program's work is bounded by its input, which the shell bounds. */
export const awk: Command = {
  name: 'awk',
  paths: ['/usr/bin/awk', '/bin/awk', '/usr/bin/mawk'],
  run(ctx: CommandContext) {
    let fs = ' ';
    const vars = new Map<string, string | number>();
    let program: string | undefined;
    const files: string[] = [];
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (program === undefined && a === '-F') fs = unescape(args[++i] ?? ' ');
      else if (program === undefined && a.startsWith('-F')) fs = unescape(a.slice(2));
      else if (program === undefined && a === '-v') {
        const kv = args[++i] ?? '';
        const eq = kv.indexOf('=');
        if (eq > 0) vars.set(kv.slice(0, eq), unescape(kv.slice(eq + 1)));
      } else if (program === undefined && a === '--') continue;
      else if (program === undefined) program = a;
      else files.push(a);
    }
    if (program === undefined) {
      ctx.stderr('usage: awk [-F value] [-v var=value] [--] \'program text\' [file ...]\nusage: awk [-F value] [-v var=value] [-f program-file] [--] [file ...]\n');
      return 2;
    }
    let compiled;
    try {
      compiled = compileAwk(program);
    } catch (e) {
      if (!(e instanceof AwkSyntaxError)) throw e;
      ctx.stderr(`awk: line ${e.line}: syntax error at or near ${e.near}\n`);
      return 2;
    }
    const state: AwkState = { fields: [''], vars, nr: 0, fnr: 0, fs, out: ctx.stdout, exited: false };
    try {
      return execute(ctx, compiled, state, files);
    } catch (e) {
      // A dynamic regex (`$1 ~ var`) that does not compile: mawk reports it at run time.
      if (!(e instanceof AwkSyntaxError)) throw e;
      ctx.stderr(`awk: run time error: regular expression compile failed (missing operand)\n${e.near}\n`);
      return 2;
    }
  },
};

function execute(ctx: CommandContext, compiled: ReturnType<typeof compileAwk>, state: AwkState, files: string[]): number {
  compiled.begin(state);
  let status = 0;
  if (compiled.hasMain && !state.exited) {
    for (const f of files.length ? files : ['-']) {
      const r: ReadResult = f === '-' ? { ok: true, text: ctx.stdin } : readPath(ctx, f);
      if (!r.ok) {
        ctx.stderr(`awk: cannot open ${f} (${r.error})\n`);
        status = 2;
        break;
      }
      state.fnr = 0;
      for (const line of linesOf(r.text)) {
        if (state.exited) break;
        state.nr++;
        state.fnr++;
        compiled.record(state, line);
      }
    }
  }
  state.exited = false;
  compiled.end(state);
  return status;
}

function unescape(s: string): string {
  return s === 't' ? '\t' : s.replace(/\\t/g, '\t').replace(/\\n/g, '\n');
}
