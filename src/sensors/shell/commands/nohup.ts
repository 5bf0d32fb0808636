// nohup (coreutils 9.1): runs an emulated command immune to hangups; on a terminal its output goes to
// nohup.out (through the session's file system) with coreutils' notice.
import type { Command } from '../command.js';
import { fsOf, resolvePath } from '../system/fs.js';
import { runEmulated } from './command-lookup.js';

export const nohup: Command = {
  name: 'nohup',
  paths: ['/usr/bin/nohup', '/bin/nohup'],
  async run(ctx) {
    const argv = ctx.args[0] === '--' ? ctx.args.slice(1) : [...ctx.args];
    if (argv.length === 0 || (argv[0]!.startsWith('-') && argv[0] !== '-')) {
      ctx.stderr(argv.length === 0 ? "nohup: missing operand\nTry 'nohup --help' for more information.\n" : `nohup: invalid option -- '${argv[0]!.charAt(1)}'\nTry 'nohup --help' for more information.\n`);
      return 125;
    }
    const toFile = ctx.stdoutIsTerminal === true;
    let captured = '';
    if (toFile) ctx.stderr("nohup: ignoring input and appending output to 'nohup.out'\n");
    const r = await runEmulated(ctx, argv, toFile ? { stdin: '', stdout: (t) => void (captured.length < 1 << 20 && (captured += t)), stderr: (t) => void (captured.length < 1 << 20 && (captured += t)) } : { stdin: '' });
    if ('missing' in r) {
      ctx.stderr(`nohup: failed to run command '${argv[0]}': No such file or directory\n`);
      return 127;
    }
    if (toFile && captured) {
      try {
        fsOf(ctx).writeFile(resolvePath(ctx.cwd, 'nohup.out', ctx.user.home), Buffer.from(captured, 'latin1'), { append: true });
      } catch {
        // An unwritable cwd: nohup falls back to $HOME/nohup.out; with the emulation nothing more to do.
      }
    }
    return r.status;
  },
};
