// set: shell options (-e -u -x -f ..., -o name, +o), positional parameters (set -- a b), and with no arguments
// the listing of every variable. -e and -x take effect; the others are accepted as bash accepts them.
import { type Builtin, shellQuote } from './types.js';

const LETTERS: Record<string, string> = { a: 'allexport', B: 'braceexpand', e: 'errexit', E: 'errtrace', T: 'functrace', h: 'hashall', H: 'histexpand', k: 'keyword', m: 'monitor', C: 'noclobber', n: 'noexec', f: 'noglob', b: 'notify', u: 'nounset', t: 'onecmd', P: 'physical', p: 'privileged', v: 'verbose', x: 'xtrace' };
export const SET_O_NAMES = ['allexport', 'braceexpand', 'emacs', 'errexit', 'errtrace', 'functrace', 'hashall', 'histexpand', 'history', 'ignoreeof', 'interactive-comments', 'keyword', 'monitor', 'noclobber', 'noexec', 'noglob', 'nolog', 'notify', 'nounset', 'onecmd', 'physical', 'pipefail', 'posix', 'privileged', 'verbose', 'vi', 'xtrace'];

export const set: Builtin = {
  name: 'set',
  run(ctx) {
    const sh = ctx.shell;
    const args = [...ctx.args];
    if (args.length === 0) {
      for (const n of sh.varNames()) ctx.stdout(`${n}=${shellQuote(sh.getVar(n) ?? '')}\n`);
      return 0;
    }
    let positional: string[] | undefined;
    while (args.length > 0) {
      const a = args[0]!;
      if (a === '--') {
        args.shift();
        positional = args.splice(0);
        break;
      }
      if (a === '-' ) {
        args.shift();
        sh.options.delete('xtrace');
        sh.options.delete('verbose');
        positional = args.splice(0);
        break;
      }
      if (!/^[-+]/.test(a) || a.length < 2) break;
      args.shift();
      const on = a[0] === '-';
      for (let i = 1; i < a.length; i++) {
        const f = a[i]!;
        if (f === 'o') {
          const name = args.shift();
          if (name === undefined) {
            listOptions(ctx, on);
            continue;
          }
          if (!SET_O_NAMES.includes(name)) {
            ctx.stderr(`${ctx.prefix}set: ${name}: invalid option name\n`);
            return 1;
          }
          if (on) sh.options.add(name);
          else sh.options.delete(name);
          continue;
        }
        const name = LETTERS[f];
        if (!name) {
          ctx.stderr(`${ctx.prefix}set: ${a[0]}${f}: invalid option\nset: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n`);
          return 2;
        }
        if (on) sh.options.add(name);
        else sh.options.delete(name);
      }
    }
    if (positional === undefined && args.length > 0) positional = args;
    if (positional !== undefined) sh.setPositional(positional);
    return 0;
  },
};

function listOptions(ctx: Parameters<Builtin['run']>[0], minus: boolean): void {
  for (const n of SET_O_NAMES) {
    const on = ctx.shell.options.has(n);
    if (minus) ctx.stdout(`${n.padEnd(15)}\t${on ? 'on' : 'off'}\n`);
    else ctx.stdout(`set ${on ? '-' : '+'}o ${n}\n`);
  }
}
