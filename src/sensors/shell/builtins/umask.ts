// umask: the file-creation mask, octal or symbolic (-S), as bash prints and parses it.
import type { Builtin } from './types.js';

function symbolic(mask: number): string {
  const part = (shift: number): string => {
    const allowed = ~(mask >> shift) & 7;
    return `${allowed & 4 ? 'r' : ''}${allowed & 2 ? 'w' : ''}${allowed & 1 ? 'x' : ''}`;
  };
  return `u=${part(6)},g=${part(3)},o=${part(0)}`;
}

export const umask: Builtin = {
  name: 'umask',
  run(ctx) {
    const args = ctx.args.filter((a) => a !== '-p');
    const sym = args[0] === '-S';
    const value = sym ? args[1] : args[0];
    if (value === undefined) {
      const m = ctx.shell.umask;
      ctx.stdout(sym ? `${symbolic(m)}\n` : `${ctx.args.includes('-p') ? 'umask ' : ''}${m.toString(8).padStart(4, '0')}\n`);
      return 0;
    }
    if (/^[0-7]+$/.test(value)) {
      const v = parseInt(value, 8);
      if (v > 0o777) {
        ctx.stderr(`${ctx.prefix}umask: ${value}: octal number out of range\n`);
        return 1;
      }
      ctx.shell.umask = v;
      return 0;
    }
    if (/^[0-9]+$/.test(value)) {
      ctx.stderr(`${ctx.prefix}umask: ${value}: octal number out of range\n`);
      return 1;
    }
    // u=rwx,g=rx,o= : each named class gets exactly the listed permissions.
    let mask = ctx.shell.umask;
    for (const clause of value.split(',')) {
      const m = /^([ugoa]*)([=+-])([rwx]*)$/.exec(clause);
      if (!m) {
        ctx.stderr(`${ctx.prefix}umask: \`${clause.replace(/^[ugoa]*[=+-]?/, '').slice(0, 1) || clause}': invalid symbolic mode operator\n`);
        return 1;
      }
      const who = m[1] === '' || m[1]!.includes('a') ? 'ugo' : m[1]!;
      const bits = (m[3]!.includes('r') ? 4 : 0) | (m[3]!.includes('w') ? 2 : 0) | (m[3]!.includes('x') ? 1 : 0);
      for (const w of who) {
        const shift = w === 'u' ? 6 : w === 'g' ? 3 : 0;
        if (m[2] === '=') mask = (mask & ~(7 << shift)) | ((~bits & 7) << shift);
        else if (m[2] === '+') mask &= ~(bits << shift);
        else mask |= bits << shift;
      }
    }
    ctx.shell.umask = mask;
    return 0;
  },
};
