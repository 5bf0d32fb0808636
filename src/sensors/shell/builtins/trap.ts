// trap: accepted and remembered for `trap` listings; no signal ever reaches the emulated shell, so nothing runs.
import type { Builtin } from './types.js';

const SIGNALS = ['HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM', 'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'IO', 'PWR', 'SYS'];

/** `trap -l` as bash prints it: five per line, real-time signals after 31. */
function signalList(): string {
  const names: [number, string][] = SIGNALS.map((s, i) => [i + 1, `SIG${s}`]);
  for (let n = 34; n <= 64; n++) names.push([n, n <= 49 ? (n === 34 ? 'SIGRTMIN' : `SIGRTMIN+${n - 34}`) : n === 64 ? 'SIGRTMAX' : `SIGRTMAX-${64 - n}`]);
  let out = '';
  names.forEach(([n, name], i) => {
    out += `${String(n).padStart(2)}) ${name}${(i + 1) % 5 === 0 ? '\n' : '\t'}`;
  });
  return out.endsWith('\n') ? out : out + '\n';
}

const traps = new WeakMap<object, Map<string, string>>();

/** Normalises INT, SIGINT, 2 to SIGINT; EXIT/0 and DEBUG/ERR/RETURN stay as they are. */
function signalName(s: string): string | undefined {
  const u = s.toUpperCase();
  if (u === 'EXIT' || u === '0') return 'EXIT';
  if (['DEBUG', 'ERR', 'RETURN'].includes(u)) return u;
  if (/^\d+$/.test(u)) return SIGNALS[Number(u) - 1] ? `SIG${SIGNALS[Number(u) - 1]}` : undefined;
  const bare = u.startsWith('SIG') ? u.slice(3) : u;
  return SIGNALS.includes(bare) ? `SIG${bare}` : undefined;
}

export const trap: Builtin = {
  name: 'trap',
  run(ctx) {
    const table = traps.get(ctx.shell) ?? new Map<string, string>();
    traps.set(ctx.shell, table);
    const args = ctx.args[0] === '--' ? ctx.args.slice(1) : [...ctx.args];
    if (args[0] === '-l') {
      ctx.stdout(signalList());
      return 0;
    }
    if (args.length === 0 || args[0] === '-p') {
      for (const [sig, action] of table) ctx.stdout(`trap -- '${action.replace(/'/g, "'\\''")}' ${sig}\n`);
      return 0;
    }
    const action = args.length === 1 ? '-' : args.shift()!;
    let status = 0;
    for (const s of args) {
      const name = signalName(s);
      if (!name) {
        ctx.stderr(`${ctx.prefix}trap: ${s}: invalid signal specification\n`);
        status = 1;
        continue;
      }
      if (action === '-') table.delete(name);
      else table.set(name, action);
    }
    return status;
  },
};
