// python3 (3.11.2): -V/--version and the missing-script text; -c code is never run (see interpreter.ts).
import type { Command } from '../command.js';
import { resolvePath } from '../system/fs.js';
import { literalPrint, scriptExists } from './interpreter.js';

const STDLIB_MAINS = new Set(['http.server', 'json.tool', 'venv', 'base64', 'zipfile', 'tarfile', 'timeit', 'uuid']);

export const python3: Command = {
  name: 'python3',
  paths: ['/usr/bin/python3', '/usr/bin/python3.11', '/bin/python3'],
  run(ctx) {
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-V' || a === '--version') {
        ctx.stdout('Python 3.11.2\n');
        return 0;
      }
      if (a === '-c') {
        const code = args[i + 1];
        if (code === undefined) {
          ctx.stderr('Argument expected for the -c option\nusage: python3 [option] ... [-c cmd | -m mod | file | -] [arg] ...\nTry `python -h\' for more information.\n');
          return 2;
        }
        const printed = literalPrint(code);
        if (printed !== undefined) ctx.stdout(printed + '\n');
        return 0;
      }
      if (a === '-m') {
        const mod = args[i + 1] ?? '';
        // Standard-library modules start (and would serve or print); pip is not installed on a stock server.
        return STDLIB_MAINS.has(mod) ? 0 : noModule(ctx, mod);
      }
      if (a.startsWith('-') && a !== '-') continue;
      if (a !== '-' && !scriptExists(ctx, a)) {
        ctx.stderr(`/usr/bin/python3: can't open file '${resolvePath(ctx.cwd, a, ctx.user.home)}': [Errno 2] No such file or directory\n`);
        return 2;
      }
      return 0;
    }
    return 0;
  },
};

function noModule(ctx: Parameters<Command['run']>[0], mod: string): number {
  ctx.stderr(`/usr/bin/python3: No module named ${mod}\n`);
  return 1;
}
