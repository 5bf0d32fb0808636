// env / printenv: the session's environment, one NAME=value per line; `printenv NAME` prints one value.
import type { Command, CommandContext } from '../command.js';

function environment(ctx: CommandContext): [string, string][] {
  return [...ctx.env.entries()].filter(([k]) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(k) && k !== 'OLDPWD' && k !== 'HOSTNAME');
}

export const env: Command = {
  name: 'env',
  paths: ['/usr/bin/env', '/bin/env'],
  run(ctx) {
    const extra = ctx.args.filter((a) => a.includes('=') && !a.startsWith('-'));
    const rest = ctx.args.filter((a) => !a.includes('=') && !a.startsWith('-'));
    if (rest.length > 0) {
      // `env CMD`: would execute CMD; the shell's table is not reachable from here, so report it as missing.
      ctx.stderr(`env: ‘${rest[0]}’: No such file or directory\n`);
      return 127;
    }
    ctx.stdout([...environment(ctx), ...extra.map((e) => e.split(/=(.*)/s).slice(0, 2) as [string, string])].map(([k, v]) => `${k}=${v}\n`).join(''));
    return 0;
  },
};

export const printenv: Command = {
  name: 'printenv',
  paths: ['/usr/bin/printenv', '/bin/printenv'],
  run(ctx) {
    const names = ctx.args.filter((a) => !a.startsWith('-'));
    if (names.length === 0) {
      ctx.stdout(environment(ctx).map(([k, v]) => `${k}=${v}\n`).join(''));
      return 0;
    }
    let status = 0;
    for (const n of names) {
      const v = ctx.env.get(n);
      if (v === undefined) status = 1;
      else ctx.stdout(v + '\n');
    }
    return status;
  },
};
