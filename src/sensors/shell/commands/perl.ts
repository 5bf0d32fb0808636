// perl (5.36, perl-base): -v/-V and the missing-script text; -e code is never run (see interpreter.ts).
import type { Command } from '../command.js';
import { literalPrint, scriptExists } from './interpreter.js';

const BANNER =
  '\nThis is perl 5, version 36, subversion 0 (v5.36.0) built for x86_64-linux-gnu-thread-multi\n(with 54 registered patches, see perl -V for more detail)\n\n' +
  'Copyright 1987-2022, Larry Wall\n\nPerl may be copied only under the terms of either the Artistic License or the\nGNU General Public License, which may be found in the Perl 5 source kit.\n\n' +
  'Complete documentation for Perl, including FAQ lists, should be found on\nthis system using "man perl" or "perldoc perl".  If you have access to the\nInternet, point your browser at https://www.perl.org/, the Perl Home Page.\n\n';

export const perl: Command = {
  name: 'perl',
  paths: ['/usr/bin/perl', '/bin/perl'],
  run(ctx) {
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '-v' || a === '--version') {
        ctx.stdout(BANNER);
        return 0;
      }
      if (a === '-e' || a === '-E') {
        const code = args[i + 1];
        if (code === undefined) {
          ctx.stderr('No code specified for -e.\n');
          return 29;
        }
        const printed = literalPrint(code);
        if (printed !== undefined) ctx.stdout(printed);
        return 0;
      }
      if (a.startsWith('-')) continue;
      if (!scriptExists(ctx, a)) {
        ctx.stderr(`Can't open perl script "${a}": No such file or directory\n`);
        return 2;
      }
      return 0;
    }
    return 0;
  },
};
