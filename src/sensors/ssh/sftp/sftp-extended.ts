// The OpenSSH extensions sftp-server 9.2 announces: posix-rename, statvfs, hardlink, fsync, lsetstat,
// limits, expand-path, copy-data, home-directory and users-groups-by-id. Anything else: "Operation unsupported".
import { FsError, type FsUser, type ShellFs } from '../../shell/fs/types.js';
import type { Accounts } from './accounts.js';
import { readAttrs, type Attrs } from './attrs.js';
import type { FileHandle, HandleTable } from './handles.js';
import { FX, type FxCode } from './status.js';
import { FXP, MAX_PACKET, MAX_READ, Reader, Writer } from './wire.js';

/** What the extensions use of the SFTP server (it passes itself). */
export interface SftpServer {
  readonly deps: { fs: ShellFs; user: FsUser; send(packet: Buffer): void; disk?: { size_kb: number; used_kb: number } };
  readonly handles: HandleTable;
  readonly accounts: Accounts;
  readonly limits: { maxHandles: number };
  resolve(p: string): string;
  simple(id: number, op: () => void): void;
  fail(id: number, err: unknown): void;
  status(id: number, code: FxCode): void;
  oneName(id: number, name: string): void;
  fileHandle(name: Buffer): FileHandle | undefined;
  commit(h: FileHandle): void;
  setstat(id: number, path: string, a: Attrs): void;
  realpath(id: number, path: string): void;
  writeAt(h: FileHandle, pos: number, data: Buffer): FxCode;
}

/** Ids one users-groups-by-id request may ask about (the packet bound allows 64 Ki of them). */
const MAX_IDS = 4096;

export function handleExtended(s: SftpServer, id: number, name: string, r: Reader): void {
  const { fs } = s.deps;
  switch (name) {
    case 'posix-rename@openssh.com': {
      const from = s.resolve(r.string());
      const to = s.resolve(r.string());
      return s.simple(id, () => fs.rename(from, to));
    }
    case 'hardlink@openssh.com': {
      const from = s.resolve(r.string());
      const to = s.resolve(r.string());
      // The emulated file system has no link counts: a hard link is a copy, which reads the same.
      return s.simple(id, () => {
        const st = fs.lstat(from);
        if (!st) throw new FsError('ENOENT', from);
        if (st.kind === 'dir') throw new FsError('EPERM', from);
        if (fs.lstat(to)) throw new FsError('EEXIST', to);
        fs.writeFile(to, fs.readFile(from), { mode: st.mode });
      });
    }
    case 'statvfs@openssh.com': {
      const path = s.resolve(r.string());
      try {
        if (!fs.stat(path)) throw new FsError('ENOENT', path);
      } catch (e) {
        return s.fail(id, e);
      }
      return statvfsReply(s, id);
    }
    case 'fstatvfs@openssh.com': {
      const h = s.handles.get(r.bytes());
      if (!h) return s.status(id, FX.FAILURE);
      return statvfsReply(s, id);
    }
    case 'fsync@openssh.com': {
      const h = s.fileHandle(r.bytes());
      if (!h) return s.status(id, FX.FAILURE);
      if (h.writable) s.commit(h);
      return s.status(id, FX.OK);
    }
    case 'lsetstat@openssh.com': {
      const path = r.string();
      return s.setstat(id, path, readAttrs(r));
    }
    case 'limits@openssh.com':
      return s.deps.send(new Writer().u8(FXP.EXTENDED_REPLY).u32(id).u64(MAX_PACKET).u64(MAX_READ).u64(MAX_READ).u64(s.limits.maxHandles).finish());
    case 'expand-path@openssh.com': {
      const raw = r.string();
      const expanded = expandTilde(s, raw);
      if (expanded === undefined) return s.status(id, FX.FAILURE);
      return s.realpath(id, expanded);
    }
    case 'home-directory': {
      const user = r.string();
      const home = user === s.deps.user.name ? s.deps.user.home : s.accounts.home(user);
      if (home === undefined) return s.status(id, FX.FAILURE);
      return s.oneName(id, home);
    }
    case 'copy-data':
      return copyData(s, id, r.bytes(), r.u64(), r.u64(), r.bytes(), r.u64());
    case 'users-groups-by-id@openssh.com': {
      const uids = idList(r.bytes());
      const gids = idList(r.bytes());
      const names = (ids: number[], of: (n: number) => string | undefined): Buffer => {
        const w = new Writer();
        for (const n of ids) w.string(of(n) ?? '');
        return w.finish().subarray(4);
      };
      return s.deps.send(
        new Writer()
          .u8(FXP.EXTENDED_REPLY)
          .u32(id)
          .bytes(names(uids, (n) => s.accounts.user(n)))
          .bytes(names(gids, (n) => s.accounts.group(n)))
          .finish(),
      );
    }
    default:
      return s.status(id, FX.OP_UNSUPPORTED);
  }
}

/** "~" and "~/x" are the login's home, "~user/x" that user's; an unknown user fails as tilde_expand_filename does. */
function expandTilde(s: SftpServer, p: string): string | undefined {
  if (!p.startsWith('~')) return p === '' ? '.' : p;
  const slash = p.indexOf('/');
  const who = slash === -1 ? p.slice(1) : p.slice(1, slash);
  const rest = slash === -1 ? '' : p.slice(slash);
  const home = who === '' || who === s.deps.user.name ? s.deps.user.home : s.accounts.home(who);
  return home === undefined ? undefined : home + rest;
}

function idList(b: Buffer): number[] {
  const r = new Reader(b);
  const out: number[] = [];
  while (r.remaining >= 4 && out.length < MAX_IDS) out.push(r.u32());
  return out;
}

function statvfsReply(s: SftpServer, id: number): void {
  const disk = s.deps.disk ?? { size_kb: 20_511_312, used_kb: 2_514_944 };
  const blocks = Math.floor(disk.size_kb / 4);
  const free = Math.max(0, blocks - Math.floor(disk.used_kb / 4));
  // ext4 reserves 5% for root: bavail is bfree less that share.
  const avail = Math.max(0, free - Math.floor(blocks * 0.05));
  const files = Math.floor(disk.size_kb / 16);
  const ffree = Math.max(0, files - Math.floor(disk.used_kb / 32));
  const w = new Writer().u8(FXP.EXTENDED_REPLY).u32(id);
  for (const v of [4096, 4096, blocks, free, avail, files, ffree, ffree, 0x2f3a5c01, 0, 255]) w.u64(v);
  s.deps.send(w.finish());
}

function copyData(s: SftpServer, id: number, readName: Buffer, readOff: number, readLen: number, writeName: Buffer, writeOff: number): void {
  const from = s.fileHandle(readName);
  const to: FileHandle | undefined = s.fileHandle(writeName);
  if (!from || !to || from.isDir || to.isDir) return s.status(id, FX.FAILURE);
  if (!from.readable || !to.writable) return s.status(id, FX.NO_SUCH_FILE);
  if (readOff >= from.size) return s.status(id, FX.EOF);
  const end = readLen === 0 ? from.size : Math.min(from.size, readOff + readLen);
  s.status(id, s.writeAt(to, to.append ? to.size : writeOff, Buffer.from(from.data.subarray(readOff, end))));
}
