// timeout (coreutils 9.1): validates the duration and runs an emulated command (which never outlives
// the limit here: emulated commands finish at once); coreutils' 125/127 statuses and texts.
import type { Command } from '../command.js';
import { runEmulated } from './command-lookup.js';

const TRY = "Try 'timeout --help' for more information.\n";

export const timeout: Command = {
  name: 'timeout',
  paths: ['/usr/bin/timeout', '/bin/timeout'],
  async run(ctx) {
    const args = [...ctx.args];
    while (args.length && args[0]!.startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a === '--') break;
      if (a === '-s' || a === '-k' || a === '--signal' || a === '--kill-after') {
        if (args.shift() === undefined) {
          ctx.stderr(`timeout: option requires an argument -- '${a.charAt(1)}'\n${TRY}`);
          return 125;
        }
      } else if (a === '--preserve-status' || a === '--foreground' || a === '-v' || a === '--verbose' || /^--(signal|kill-after)=/.test(a) || /^-[sk].+/.test(a)) continue;
      else {
        ctx.stderr(a.startsWith('--') ? `timeout: unrecognized option '${a}'\n${TRY}` : `timeout: invalid option -- '${a.charAt(1)}'\n${TRY}`);
        return 125;
      }
    }
    const [duration, ...argv] = args;
    if (duration === undefined || argv.length === 0) {
      ctx.stderr(TRY);
      return 125;
    }
    if (!/^(\d+(\.\d*)?|\.\d+)[smhd]?$/.test(duration)) {
      ctx.stderr(`timeout: invalid time interval ‘${duration}’\n${TRY}`);
      return 125;
    }
    const r = await runEmulated(ctx, argv);
    if ('missing' in r) {
      ctx.stderr(`timeout: failed to run command ‘${argv[0]}’: No such file or directory\n`);
      return 127;
    }
    return r.status;
  },
};
