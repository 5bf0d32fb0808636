// Directory listings in vsftpd's ls format (ls.c): long lines for LIST and STAT, bare names for NLST,
// the "-a"/"-l" options and a "*"/"?" filter on the last path component.
import type { DirNode, FakeFs, FsNode } from './fake-fs.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const SIX_MONTHS_MS = 182 * 24 * 3600 * 1000;
const pad2 = (n: number): string => String(n).padStart(2, '0');

/** ls's date column, in UTC as vsftpd prints it (use_localtime=NO): the year for files older than six months. */
export function lsDate(mtimeMs: number, nowMs: number): string {
  const d = new Date(mtimeMs);
  const head = `${MONTHS[d.getUTCMonth()]} ${pad2(d.getUTCDate())}`;
  const recent = nowMs - mtimeMs < SIX_MONTHS_MS && mtimeMs - nowMs < 24 * 3600 * 1000;
  return recent ? `${head} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}` : `${head}  ${d.getUTCFullYear()}`;
}

/** MDTM's YYYYMMDDHHMMSS (UTC). */
export function mdtmTime(mtimeMs: number): string {
  const d = new Date(mtimeMs);
  return `${d.getUTCFullYear()}${pad2(d.getUTCMonth() + 1)}${pad2(d.getUTCDate())}${pad2(d.getUTCHours())}${pad2(d.getUTCMinutes())}${pad2(d.getUTCSeconds())}`;
}

export function longLine(node: FsNode, name: string, nowMs: number): string {
  const type = node.kind === 'dir' ? 'd' : '-';
  const links = node.kind === 'dir' ? 2 + [...node.children.values()].filter((c) => c.kind === 'dir').length : 1;
  const size = node.kind === 'dir' ? 4096 : node.size;
  return (
    `${type}${node.mode} ${String(links).padStart(4)} ${String(node.uid).padEnd(8)} ${String(node.gid).padEnd(8)} ` +
    `${String(size).padStart(8)} ${lsDate(node.mtimeMs, nowMs)} ${name}`
  );
}

function globToRegExp(glob: string): RegExp {
  return new RegExp('^' + glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.') + '$', 's');
}

export interface ListRequest {
  long: boolean;
  all: boolean;
  path: string;
}

/** vsftpd's LIST/NLST argument: an option word starting with "-" (only a and l matter), then a path. */
export function parseListArg(arg: string, long: boolean): ListRequest {
  let path = arg;
  let all = false;
  if (arg.startsWith('-')) {
    const sp = arg.indexOf(' ');
    const opts = sp < 0 ? arg : arg.slice(0, sp);
    path = sp < 0 ? '' : arg.slice(sp + 1).trimStart();
    all = opts.includes('a');
    long = long || opts.includes('l');
  }
  return { long, all, path };
}

/** The entries a listing shows: a directory's children, one file, or a filtered directory; nothing if absent. */
function entries(fs: FakeFs, req: ListRequest): [string, FsNode][] {
  const target = req.path === '' ? fs.lookup(fs.resolve('.')) : fs.find(req.path);
  if (target?.kind === 'file') return [[req.path.split('/').filter(Boolean).pop() ?? target.name, target]];
  let dir: DirNode | undefined;
  let filter: RegExp | undefined;
  if (target?.kind === 'dir') dir = target;
  else {
    const parts = fs.resolve(req.path);
    const last = parts.pop();
    const parent = fs.lookup(parts);
    if (last === undefined || !/[*?]/.test(last) || parent?.kind !== 'dir') return [];
    dir = parent;
    filter = globToRegExp(last);
  }
  const list: [string, FsNode][] = [];
  if (req.all && !filter) list.push(['.', dir], ['..', dir]);
  for (const [name, node] of dir.children) {
    if (name.startsWith('.') && !req.all) continue;
    if (filter && !filter.test(name)) continue;
    list.push([name, node]);
  }
  return list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The listing's bytes, CRLF-terminated lines as vsftpd sends them. */
export function renderListing(fs: FakeFs, req: ListRequest, nowMs: number): string {
  return entries(fs, req)
    .map(([name, node]) => (req.long ? longLine(node, name, nowMs) : name) + '\r\n')
    .join('');
}
