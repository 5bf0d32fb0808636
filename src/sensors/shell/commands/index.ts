// The table of emulated commands, by bare name and by absolute path. Adding a command is one file plus one line here.
import type { Command } from '../command.js';
import { arch } from './arch.js';
import { awk } from './awk.js';
import { basename } from './basename.js';
import { cp } from './cp.js';
import { dirname } from './dirname.js';
import { mv } from './mv.js';
import { seq } from './seq.js';
import { sort } from './sort.js';
import { tee } from './tee.js';
import { tr } from './tr.js';
import { bracketBuiltin, testBuiltin } from '../builtins/test.js';
import { uniq } from './uniq.js';
import { makeBusybox } from './busybox.js';
import { cat } from './cat.js';
import { chattr } from './chattr.js';
import { chmod } from './chmod.js';
import { chown } from './chown.js';
import { chpasswd } from './chpasswd.js';
import { clear } from './clear.js';
import { crontab } from './crontab.js';
import { cut } from './cut.js';
import { date } from './date.js';
import { df } from './df.js';
import { echo } from './echo.js';
import { env, printenv } from './env.js';
import { falseCommand } from './false.js';
import { free } from './free.js';
import { egrep, grep } from './grep.js';
import { head } from './head.js';
import { history } from './history.js';
import { hostname } from './hostname.js';
import { id } from './id.js';
import { ifconfig } from './ifconfig.js';
import { kill } from './kill.js';
import { lscpu } from './lscpu.js';
import { makeLs } from './ls.js';
import { mkdir } from './mkdir.js';
import { nproc } from './nproc.js';
import { passwd } from './passwd.js';
import { pkill } from './pkill.js';
import { printf } from './printf.js';
import { ps } from './ps.js';
import { pwd } from './pwd.js';
import { rm } from './rm.js';
import { sleep } from './sleep.js';
import { tail } from './tail.js';
import { top } from './top.js';
import { touch } from './touch.js';
import { trueCommand } from './true.js';
import { uname } from './uname.js';
import { uptime } from './uptime.js';
import { w } from './w.js';
import { wc } from './wc.js';
import { makeWhich } from './which.js';
import { whoami } from './whoami.js';
import { yes } from './yes.js';
import { DOWNLOADS_COMMANDS } from './group-downloads.js';
import { MORE_COMMANDS } from './group-more.js';
import { normalise } from '../fs/path.js';

/** Absolute paths of every command below in /usr form (Debian 12 merges /bin into /usr/bin). */
const binaries = (): ReadonlySet<string> => BINARIES;
const table = (): ReadonlyMap<string, Command> => TABLE;

export const COMMANDS: readonly Command[] = [
  awk, makeBusybox(table), cat, chattr, chmod, chown, chpasswd, clear, crontab, cut, date, df, makeLs('dir', binaries), echo, egrep, env,
  falseCommand, free, grep, head, history, hostname, id, ifconfig, kill, lscpu, makeLs('ls', binaries), mkdir, nproc, passwd, pkill,
  printenv, printf, ps, pwd, rm, sleep, tail, top, touch, trueCommand, uname, uptime, w, wc, makeWhich(binaries), whoami, yes,
  arch, basename, cp, dirname, mv, seq, sort, tee, tr, uniq,
  // Also real binaries (/usr/bin/test, /usr/bin/[): the builtins answer first, the table lists them for which and ls.
  testBuiltin, bracketBuiltin,
  ...DOWNLOADS_COMMANDS,
  ...MORE_COMMANDS,
];

const BINARIES: ReadonlySet<string> = new Set(COMMANDS.flatMap((c) => c.paths.map((p) => p.replace(/^\/(bin|sbin)\//, '/usr/$1/'))));

/** A table that also finds `/bin/./uname` and `/usr//bin/../bin/ls`, as the kernel resolves them. */
class PathTable extends Map<string, Command> {
  override get(name: string): Command | undefined {
    const hit = super.get(name);
    if (hit || !name.startsWith('/')) return hit;
    return super.get(normalise(name));
  }
}

/** Lookup table: `uname` and `/bin/uname` both find the uname command. */
export function commandTable(commands: readonly Command[] = COMMANDS): ReadonlyMap<string, Command> {
  // The stock table is read-only and the same for every shell: built once, not per session (14 KiB each).
  if (commands === COMMANDS && stockTable) return stockTable;
  const table = new PathTable();
  for (const c of commands) {
    table.set(c.name, c);
    for (const p of c.paths) table.set(p, c);
  }
  return table;
}

let stockTable: ReadonlyMap<string, Command> | undefined;
const TABLE = (stockTable = commandTable());
