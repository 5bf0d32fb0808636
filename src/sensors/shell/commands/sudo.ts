// sudo (1.9.13p3): root runs the emulated command directly; a user (in group sudo, as id says) must give
// a password: without a terminal sudo refuses, with -S any password read from stdin is accepted.
import type { Command, CommandContext } from '../command.js';
import { runEmulated } from './command-lookup.js';

const USAGE =
  'usage: sudo -h | -K | -k | -V\n' +
  'usage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\n' +
  'usage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user] [-u user] [command [arg ...]]\n' +
  'usage: sudo [-ABbEHkNnPS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s] [command [arg ...]]\n' +
  'usage: sudo -e [-ABkNnS] [-r role] [-t type] [-C num] [-D directory] [-g group] [-h host] [-p prompt] [-R directory] [-T timeout] [-u user] file ...\n';

const SECURE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export const sudo: Command = {
  name: 'sudo',
  paths: ['/usr/bin/sudo'],
  async run(ctx) {
    const args = [...ctx.args];
    let stdinPassword = false;
    let nonInteractive = false;
    let list = false;
    let shell = false;
    let version = false;
    while (args.length && args[0]!.startsWith('-')) {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-u' || a === '-g' || a === '-p' || a === '-C' || a === '-D' || a === '-h' || a === '-U') {
        if (a === '-h' && (args.length === 0 || args[0]!.startsWith('-'))) {
          ctx.stdout(`sudo - execute a command as another user\n\n${USAGE}`);
          return 0;
        }
        args.shift();
        continue;
      }
      for (const c of a.slice(1)) {
        if (c === 'S') stdinPassword = true;
        else if (c === 'n') nonInteractive = true;
        else if (c === 'l') list = true;
        else if (c === 'i' || c === 's') shell = true;
        else if (c === 'V') version = true;
        else if (!'EHkKbPAv-'.includes(c)) {
          ctx.stderr(`sudo: invalid option -- '${c}'\n${USAGE}`);
          return 1;
        }
      }
    }
    if (version) {
      ctx.stdout('Sudo version 1.9.13p3\nSudoers policy plugin version 1.9.13p3\nSudoers file grammar version 50\nSudoers I/O plugin version 1.9.13p3\nSudoers audit plugin version 1.9.13p3\n');
      return 0;
    }
    if (!list && !shell && args.length === 0) {
      ctx.stderr(USAGE);
      return 1;
    }
    if (ctx.user.uid !== 0 && !authenticate(ctx, stdinPassword, nonInteractive)) return 1;
    const root = { name: 'root', uid: 0, home: '/root' };
    if (list) {
      ctx.stdout(
        `Matching Defaults entries for ${ctx.user.name} on ${ctx.hostname}:\n    env_reset, mail_badpass, secure_path=${SECURE_PATH.replace(/:/g, '\\:')}, use_pty\n\n` +
          `User ${ctx.user.name} may run the following commands on ${ctx.hostname}:\n    (ALL : ALL) ALL\n`,
      );
      return 0;
    }
    if (args.length === 0) return 0;
    const r = await runEmulated(ctx, args, { user: root, stdin: stdinPassword ? ctx.stdin.split('\n').slice(1).join('\n') : ctx.stdin });
    if ('missing' in r) {
      ctx.stderr(`sudo: ${args[0]}: command not found\n`);
      return 1;
    }
    return r.status;
  },
};

/** A sudo-group user: -S takes the first stdin line as the password; otherwise a terminal is needed. */
function authenticate(ctx: CommandContext, stdinPassword: boolean, nonInteractive: boolean): boolean {
  if (nonInteractive) {
    ctx.stderr('sudo: a password is required\n');
    return false;
  }
  const prompt = `[sudo] password for ${ctx.user.name}: `;
  if (stdinPassword) {
    ctx.stderr(prompt);
    if (ctx.stdin.split('\n')[0]) return true;
    ctx.stderr('sudo: no password was provided\nsudo: a password is required\n');
    return false;
  }
  if (ctx.tty === null) {
    ctx.stderr('sudo: a terminal is required to read the password; either use the -S option to read from standard input or configure an askpass helper\nsudo: a password is required\n');
    return false;
  }
  ctx.stderr(`${prompt}\nsudo: a password is required\n`);
  return false;
}
