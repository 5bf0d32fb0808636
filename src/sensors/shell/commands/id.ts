// id: uid, gid and groups as the emulated /etc/passwd and /etc/group would give them, with coreutils'
// -u/-g/-G/-n/-r options and texts (droppers test `[ "$(id -u)" -eq 0 ]`).
import type { Command, CommandContext } from '../command.js';

interface Ids {
  uid: number;
  name: string;
  groups: [number, string][];
}

/** The installer's user (uid 1000) is in its default groups; one made later with adduser only in users. */
function idsOf(name: string, uid: number): Ids {
  const own: [number, string] = [uid, name];
  if (uid === 0) return { uid, name, groups: [own] };
  if (uid === 1000) return { uid, name, groups: [own, [24, 'cdrom'], [25, 'floppy'], [27, 'sudo'], [29, 'audio'], [30, 'dip'], [44, 'video'], [46, 'plugdev'], [100, 'users']] };
  return { uid, name, groups: [own, [100, 'users']] };
}

function lookup(ctx: CommandContext, who: string): Ids | undefined {
  if (who === ctx.user.name) return idsOf(ctx.user.name, ctx.user.uid);
  if (who === 'root' || who === '0') return idsOf('root', 0);
  return undefined;
}

export const id: Command = {
  name: 'id',
  paths: ['/usr/bin/id'],
  run(ctx) {
    let only: 'u' | 'g' | 'G' | undefined;
    let names = false;
    let real = false;
    let conflict = false;
    const operands: string[] = [];
    for (const a of ctx.args) {
      if (a === '--') continue;
      if (!a.startsWith('-') || a === '-') {
        operands.push(a);
        continue;
      }
      const long: Record<string, string> = { '--user': 'u', '--group': 'g', '--groups': 'G', '--name': 'n', '--real': 'r' };
      const letters = a.startsWith('--') ? long[a] : a.slice(1);
      if (letters === undefined) {
        ctx.stderr(`id: unrecognized option '${a}'\nTry 'id --help' for more information.\n`);
        return 1;
      }
      for (const c of letters) {
        if (c === 'u' || c === 'g' || c === 'G') {
          if (only !== undefined && only !== c) conflict = true;
          only = c;
        } else if (c === 'n') names = true;
        else if (c === 'r') real = true;
        else {
          ctx.stderr(`id: invalid option -- '${c}'\nTry 'id --help' for more information.\n`);
          return 1;
        }
      }
    }
    if (conflict) {
      ctx.stderr('id: cannot print "only" of more than one choice\n');
      return 1;
    }
    if ((names || real) && only === undefined) {
      ctx.stderr('id: cannot print only names or real IDs in default format\n');
      return 1;
    }
    if (operands.length > 1) {
      ctx.stderr(`id: extra operand ‘${operands[1]}’\nTry 'id --help' for more information.\n`);
      return 1;
    }
    const ids = operands.length === 0 ? idsOf(ctx.user.name, ctx.user.uid) : lookup(ctx, operands[0]!);
    if (!ids) {
      ctx.stderr(`id: ‘${operands[0]}’: no such user\n`);
      return 1;
    }
    const [primary] = ids.groups;
    const show = ([n, label]: [number, string]): string => (names ? label : String(n));
    if (only === 'u') ctx.stdout(`${names ? ids.name : ids.uid}\n`);
    else if (only === 'g') ctx.stdout(`${show(primary!)}\n`);
    else if (only === 'G') ctx.stdout(`${ids.groups.map(show).join(' ')}\n`);
    else ctx.stdout(`uid=${ids.uid}(${ids.name}) gid=${primary![0]}(${primary![1]}) groups=${ids.groups.map(([n, l]) => `${n}(${l})`).join(',')}\n`);
    return 0;
  },
};
