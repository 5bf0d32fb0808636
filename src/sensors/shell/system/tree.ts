// The few directories and files `ls` knows on the emulated system: a stock Debian 12 root file system,
// the user's home, the session's own files, and every emulated command's binary.
import type { CommandContext } from '../command.js';
import { isSystemDirectory, readSystemFile } from './proc-files.js';

export interface Entry {
  name: string;
  kind: 'file' | 'dir' | 'link';
  mode: string;
  size: number;
  mtimeMs: number;
  owner: string;
  links: number;
  target?: string;
}

/** Package build dates (SOURCE_DATE_EPOCH) of Debian 12's base system. */
const INSTALL = Date.UTC(2025, 4, 22, 9, 14);
const COREUTILS = Date.UTC(2022, 8, 20, 15, 2);

const SIZES: Record<string, number> = {
  ls: 151344, cat: 44016, bash: 1265648, sh: 125560, dash: 125560, grep: 203152, wc: 48144, head: 47760, tail: 64792, ps: 145592,
  top: 133568, free: 27600, uname: 35664, id: 48144, echo: 35664, rm: 72912, busybox: 1243632, awk: 166848, mawk: 166848,
};

const ROOT_DIRS = ['boot', 'dev', 'etc', 'home', 'lost+found', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'srv', 'sys', 'tmp', 'usr', 'var'];
const ROOT_LINKS: Record<string, string> = { bin: 'usr/bin', lib: 'usr/lib', lib32: 'usr/lib32', lib64: 'usr/lib64', libx32: 'usr/libx32', sbin: 'usr/sbin' };

const PROC_PID_ENTRIES = 'arch_status attr autogroup auxv cgroup clear_refs cmdline comm coredump_filter cpu_resctrl_groups cpuset cwd environ exe fd fdinfo gid_map io ksm_merging_pages ksm_stat limits loginuid map_files maps mem mountinfo mounts mountstats net ns numa_maps oom_adj oom_score oom_score_adj pagemap patch_state personality projid_map root sched schedstat sessionid setgroups smaps smaps_rollup stack stat statm status syscall task timens_offsets timers timerslack_ns uid_map wchan'.split(' ');

function dir(name: string, mtimeMs = INSTALL, mode = 'drwxr-xr-x', owner = 'root'): Entry {
  return { name, kind: 'dir', mode, size: 4096, mtimeMs, owner, links: 2 };
}

function file(name: string, size: number, mtimeMs = INSTALL, mode = '-rw-r--r--', owner = 'root'): Entry {
  return { name, kind: 'file', mode, size, mtimeMs, owner, links: 1 };
}

/** Size of a binary the table does not list: stable per name, in the range real coreutils binaries have. */
function binarySize(name: string): number {
  if (SIZES[name] !== undefined) return SIZES[name]!;
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 27000 + (h % 120) * 1024 + (h % 97) * 8;
}

type Ctx = Pick<CommandContext, 'os' | 'hostname' | 'user' | 'cwd' | 'files'>;

/** The entry for a path, or undefined if it does not exist. `binaries` are the absolute paths of emulated commands. */
export function stat(path: string, ctx: Ctx, binaries: ReadonlySet<string>, sessionPaths: readonly string[] = []): Entry | undefined {
  const name = path === '/' ? '/' : path.slice(path.lastIndexOf('/') + 1);
  const own = ctx.files?.read(path);
  if (own !== undefined) return file(name, Buffer.byteLength(own), Date.now(), '-rw-r--r--', ctx.user.name);
  if (path === '/' || path === ctx.user.home) return dir(name, INSTALL, path === '/root' ? 'drwx------' : 'drwxr-xr-x', path === '/' ? 'root' : ctx.user.name);
  if (path.slice(1) in ROOT_LINKS && path.lastIndexOf('/') === 0) return { name, kind: 'link', mode: 'lrwxrwxrwx', size: ROOT_LINKS[path.slice(1)]!.length, mtimeMs: INSTALL, owner: 'root', links: 1, target: ROOT_LINKS[path.slice(1)] };
  if (path.lastIndexOf('/') === 0 && ROOT_DIRS.includes(name)) return dir(name, INSTALL, name === 'tmp' ? 'drwxrwxrwt' : name === 'root' ? 'drwx------' : name === 'proc' ? 'dr-xr-xr-x' : 'drwxr-xr-x');
  if (['/usr/bin', '/usr/sbin', '/usr/lib', '/usr/local', '/usr/local/bin', '/usr/share', '/var/log', '/var/tmp', '/etc/ssh', '/etc/cron.d', '/var/spool/cron', `${ctx.user.home}/.ssh`].includes(path)) return dir(name, INSTALL, path.endsWith('.ssh') ? 'drwx------' : 'drwxr-xr-x', path.endsWith('.ssh') ? ctx.user.name : 'root');
  if (isSystemDirectory(path)) return dir(name, INSTALL, path.startsWith('/proc') ? 'dr-xr-xr-x' : 'drwxr-xr-x');
  if (sessionPaths.some((p) => p.startsWith(path + '/'))) return dir(name, Date.now());
  const canonical = path.replace(/^\/(bin|sbin)\//, '/usr/$1/');
  if (binaries.has(canonical) || binaries.has(path)) return file(name, binarySize(name), SIZES[name] !== undefined ? COREUTILS : INSTALL, '-rwxr-xr-x');
  if (path === `${ctx.user.home}/.bashrc`) return file('.bashrc', 571, INSTALL, '-rw-r--r--', ctx.user.name);
  if (path === `${ctx.user.home}/.profile`) return file('.profile', 161, INSTALL, '-rw-r--r--', ctx.user.name);
  if (path === `${ctx.user.home}/.ssh/authorized_keys`) return file('authorized_keys', 0, INSTALL, '-rw-------', ctx.user.name);
  const sys = readSystemFile(path, ctx);
  if (sys !== undefined) return file(name, path.startsWith('/proc/') ? 0 : Buffer.byteLength(sys), INSTALL, path.startsWith('/proc/') ? '-r--r--r--' : '-rw-r--r--');
  return undefined;
}

/** A directory's children (without . and ..), or undefined if the path is not a known directory. */
export function list(path: string, ctx: Ctx, binaries: ReadonlySet<string>, sessionPaths: readonly string[] = []): Entry[] | undefined {
  const e = stat(path, ctx, binaries, sessionPaths);
  if (!e || e.kind !== 'dir') return undefined;
  const children = new Map<string, Entry>();
  const add = (child: Entry | undefined): void => {
    if (child) children.set(child.name, child);
  };
  const names: string[] =
    path === '/'
      ? [...ROOT_DIRS, ...Object.keys(ROOT_LINKS)].map((n) => '/' + n)
      : path === ctx.user.home
        ? ['.bashrc', '.profile', '.ssh'].map((n) => `${path}/${n}`)
        : path === `${ctx.user.home}/.ssh`
          ? [`${path}/authorized_keys`]
          : path === '/usr/bin' || path === '/usr/sbin'
            ? [...binaries].filter((x) => x.startsWith(path + '/'))
            : path === '/etc'
              ? ['debian_version', 'hostname', 'hosts', 'issue', 'os-release', 'passwd', 'resolv.conf', 'shells'].map((n) => `/etc/${n}`)
              : path === '/home' && ctx.user.uid !== 0
                ? [ctx.user.home]
                : [];
  for (const n of names) add(stat(n, ctx, binaries));
  if (path === '/proc/1') for (const n of PROC_PID_ENTRIES) add(file(n, 0, INSTALL, '-r--r--r--'));
  for (const p of sessionPaths) {
    if (!p.startsWith(path === '/' ? '/' : path + '/')) continue;
    const rest = p.slice(path === '/' ? 1 : path.length + 1);
    const first = rest.split('/')[0]!;
    add(stat(`${path === '/' ? '' : path}/${first}`, ctx, binaries, sessionPaths));
  }
  return [...children.values()].sort((a, b) => a.name.replace(/^\./, '').localeCompare(b.name.replace(/^\./, '')));
}
