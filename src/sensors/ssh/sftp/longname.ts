// The "longname" of a directory entry, as sftp-server's ls_file() formats it (ls -l with nlink, names, dates).
import type { FsKind, FsStat } from '../../shell/fs/types.js';

const TYPE_CHAR: Readonly<Record<FsKind, string>> = { file: '-', dir: 'd', link: 'l', char: 'c', block: 'b', fifo: 'p', socket: 's' };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const HALF_YEAR_S = (365 * 24 * 60 * 60) / 2;

/** strmode(3): ten characters and the trailing space BSD keeps for an ACL marker. */
export function strmode(kind: FsKind, mode: number): string {
  const bit = (b: number, c: string): string => (mode & b ? c : '-');
  const special = (x: boolean, s: boolean, lower: string, upper: string): string => (s ? (x ? lower : upper) : x ? 'x' : '-');
  return (
    TYPE_CHAR[kind] +
    bit(0o400, 'r') +
    bit(0o200, 'w') +
    special(!!(mode & 0o100), !!(mode & 0o4000), 's', 'S') +
    bit(0o040, 'r') +
    bit(0o020, 'w') +
    special(!!(mode & 0o010), !!(mode & 0o2000), 's', 'S') +
    bit(0o004, 'r') +
    bit(0o002, 'w') +
    special(!!(mode & 0o001), !!(mode & 0o1000), 't', 'T') +
    ' '
  );
}

/** strftime "%b %e %H:%M" within the last half year, "%b %e  %Y" otherwise; the server's zone is UTC. */
export function lsTime(mtimeMs: number, nowMs: number): string {
  const d = new Date(mtimeMs);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const mon = MONTHS[d.getUTCMonth()] as string;
  const t = Math.floor(mtimeMs / 1000);
  const now = Math.floor(nowMs / 1000);
  if (now - HALF_YEAR_S < t && now >= t) {
    return `${mon} ${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  }
  return `${mon} ${day}  ${d.getUTCFullYear()}`;
}

export function longname(name: string, st: FsStat, user: string, group: string, nowMs: number): string {
  const nlink = String(st.nlink).padStart(3, ' ');
  return `${strmode(st.kind, st.mode)} ${nlink} ${user.padEnd(8, ' ')} ${group.padEnd(8, ' ')} ${String(st.size).padStart(8, ' ')} ${lsTime(st.mtimeMs, nowMs)} ${name}`;
}
