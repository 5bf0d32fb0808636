// kill: signals to pids; only the emulated table's pids exist, and the session never really signals anything.
import type { Command } from '../command.js';
import { processTable } from '../system/processes.js';

export const kill: Command = {
  name: 'kill',
  paths: ['/usr/bin/kill', '/bin/kill'],
  run(ctx) {
    const targets = ctx.args.filter((a) => !/^-/.test(a));
    if (ctx.args.includes('-l')) {
      ctx.stdout(' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n');
      return 0;
    }
    if (targets.length === 0) {
      ctx.stderr(`${ctx.builtinErrorPrefix ?? 'bash: line 1: '}kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`);
      return 2;
    }
    const pids = new Set(processTable(ctx).map((p) => String(p.pid)));
    let status = 0;
    for (const t of targets) {
      if (!/^\d+$/.test(t)) {
        ctx.stderr(`${ctx.builtinErrorPrefix ?? 'bash: line 1: '}kill: ${t}: arguments must be process or job IDs\n`);
        status = 1;
      } else if (!pids.has(t)) {
        ctx.stderr(`${ctx.builtinErrorPrefix ?? 'bash: line 1: '}kill: (${t}) - No such process\n`);
        status = 1;
      }
    }
    return status;
  },
};
