// The SFTP subsystem as Debian's /usr/lib/openssh/sftp-server answers it (protocol v3 with OpenSSH's
// extensions), over the session's emulated file system. Pure protocol: bytes in, packets out, no ssh2.
import { FsError, type FsUser, type ShellFs } from '../../shell/fs/types.js';
import { normalisePath } from '../../shell/fs/index.js';
import { Accounts } from './accounts.js';
import { readAttrs, writeNoAttrs, writeStat, type Attrs } from './attrs.js';
import { ensureCapacity, HandleTable, type FileHandle, type Handle } from './handles.js';
import { longname } from './longname.js';
import { FX, FX_MESSAGE, fxOf, type FxCode } from './status.js';
import type { UploadRecorder } from './upload-recorder.js';
import { Framer, FXP, MalformedPacket, MAX_READ, Reader, Writer } from './wire.js';
import { handleExtended } from './sftp-extended.js';

/** Entries one READDIR reply carries (sftp-server's NUM_ENTRIES). */
const READDIR_BATCH = 100;
const OPEN = { READ: 0x1, WRITE: 0x2, APPEND: 0x4, CREAT: 0x8, TRUNC: 0x10, EXCL: 0x20 } as const;

export interface SftpLimits {
  /** Handles open at once; sftp-server's own limit follows RLIMIT_NOFILE (1024 under sshd, less 5). */
  maxHandles: number;
  /** Bytes of file content all open handles may hold at once. */
  maxHeldBytes: number;
}

export const DEFAULT_SFTP_LIMITS: SftpLimits = { maxHandles: 1019, maxHeldBytes: 64 * 1024 * 1024 };

export interface SftpDeps {
  fs: ShellFs;
  user: FsUser;
  recorder: UploadRecorder;
  /** One reply packet, length prefix included. */
  send(packet: Buffer): void;
  /** sftp-server exited (bad length: 11, unparseable request: 255); the channel closes with this status. */
  exit(status: number, reason: string, sample: Buffer): void;
  /** The disk statvfs reports, from the persona. */
  disk?: { size_kb: number; used_kb: number };
  limits?: Partial<SftpLimits>;
  now?: () => number;
}

export class SftpServer {
  readonly handles: HandleTable;
  readonly accounts: Accounts;
  readonly limits: SftpLimits;
  private readonly framer = new Framer();
  private initDone = false;
  private dead = false;

  constructor(readonly deps: SftpDeps) {
    this.limits = { ...DEFAULT_SFTP_LIMITS, ...deps.limits };
    this.handles = new HandleTable(this.limits.maxHandles);
    this.accounts = new Accounts(deps.fs);
  }

  get exited(): boolean {
    return this.dead;
  }

  feed(chunk: Buffer): void {
    if (this.dead) return;
    for (const r of this.framer.push(chunk)) {
      if (r.kind === 'fatal') return this.die(11, r.reason, chunk);
      try {
        this.dispatch(r.body);
      } catch (e) {
        if (!(e instanceof MalformedPacket)) throw e;
        return this.die(255, `parse: ${e.message}`, r.body);
      }
      if (this.dead) return;
    }
  }

  /** The channel closed: files still open for writing are stored, as the kernel keeps what was written. */
  end(): void {
    for (const h of this.handles.all()) if (h.kind === 'file' && h.writable) this.commit(h);
    this.handles.clear();
    this.dead = true;
  }

  // ---------- replies ----------

  status(id: number, code: FxCode): void {
    this.deps.send(new Writer().u8(FXP.STATUS).u32(id).u32(code).string(FX_MESSAGE[code]).string('').finish());
  }

  /** An fs error as its status; anything else the emulation threw is sftp-server's generic "Failure". */
  fail(id: number, err: unknown): void {
    if (err instanceof MalformedPacket) throw err;
    this.status(id, fxOf(err));
  }

  /** A NAME reply with one entry whose longname repeats the name and whose attributes are empty. */
  oneName(id: number, name: string): void {
    this.deps.send(writeNoAttrs(new Writer().u8(FXP.NAME).u32(id).u32(1).string(name).string(name)).finish());
  }

  resolve(p: string): string {
    return normalisePath(p.startsWith('/') ? p : `${this.deps.user.home}/${p}`);
  }

  // ---------- dispatch ----------

  private dispatch(body: Buffer): void {
    const r = new Reader(body);
    const type = r.u8();
    if (type === FXP.INIT) {
      r.u32();
      this.initDone = true;
      this.deps.send(versionPacket());
      return;
    }
    if (!this.initDone) throw new MalformedPacket(`received ${type} request before init`);
    const id = r.u32();
    switch (type) {
      case FXP.OPEN:
        return this.open(id, r.string(), r.u32(), readAttrs(r));
      case FXP.CLOSE:
        return this.close(id, r.bytes());
      case FXP.READ:
        return this.read(id, r.bytes(), r.u64(), r.u32());
      case FXP.WRITE:
        return this.write(id, r.bytes(), r.u64(), r.bytes());
      case FXP.LSTAT:
        return this.stat(id, r.string(), false);
      case FXP.STAT:
        return this.stat(id, r.string(), true);
      case FXP.FSTAT:
        return this.fstat(id, r.bytes());
      case FXP.SETSTAT:
        return this.setstat(id, r.string(), readAttrs(r));
      case FXP.FSETSTAT:
        return this.fsetstat(id, r.bytes(), readAttrs(r));
      case FXP.OPENDIR:
        return this.opendir(id, r.string());
      case FXP.READDIR:
        return this.readdir(id, r.bytes());
      case FXP.REMOVE: {
        const path = this.resolve(r.string());
        return this.simple(id, () => this.deps.fs.unlink(path));
      }
      case FXP.MKDIR: {
        const path = this.resolve(r.string());
        const a = readAttrs(r);
        return this.simple(id, () => this.deps.fs.mkdir(path, { mode: a.permissions !== undefined ? a.permissions & 0o7777 : 0o777 }));
      }
      case FXP.RMDIR: {
        const path = this.resolve(r.string());
        return this.simple(id, () => this.deps.fs.rmdir(path));
      }
      case FXP.REALPATH:
        return this.realpath(id, r.string());
      case FXP.RENAME:
        return this.rename(id, r.string(), r.string());
      case FXP.READLINK:
        return this.readlink(id, r.string());
      case FXP.SYMLINK: {
        // OpenSSH sends the target first and the link second (the reverse of the draft), and expects that back.
        const target = r.string();
        const link = this.resolve(r.string());
        return this.simple(id, () => this.deps.fs.symlink(target, link));
      }
      case FXP.EXTENDED:
        return handleExtended(this, id, r.string(), r);
      default:
        // sftp-server logs "Unknown message" and sends nothing.
        return;
    }
  }

  simple(id: number, op: () => void): void {
    try {
      op();
    } catch (e) {
      return this.fail(id, e);
    }
    this.status(id, FX.OK);
  }

  private die(status: number, reason: string, sample: Buffer): void {
    this.end();
    this.deps.exit(status, reason, sample);
  }

  // ---------- files ----------

  private open(id: number, rawPath: string, pflags: number, attrs: Attrs): void {
    const { fs } = this.deps;
    const path = this.resolve(rawPath);
    // EMFILE before open(2) touches anything: errno_to_portable's default, "Failure".
    if (this.handles.size >= this.handles.max) return this.status(id, FX.FAILURE);
    const readable = (pflags & OPEN.READ) !== 0;
    const writable = (pflags & OPEN.WRITE) !== 0;
    let h: FileHandle;
    try {
      const st = fs.stat(path);
      if (st && pflags & OPEN.CREAT && pflags & OPEN.EXCL) throw new FsError('EEXIST', path);
      if (!st && !(pflags & OPEN.CREAT)) throw new FsError('ENOENT', path);
      if (st?.kind === 'dir' && writable) throw new FsError('EISDIR', path);
      if (st) fs.access(path, (readable || !writable ? 4 : 0) | (writable ? 2 : 0));
      const usage = fs.usage();
      const held = this.heldBytes();
      let data: Buffer = Buffer.alloc(0);
      let dirty = false;
      if (writable && (!st || pflags & OPEN.TRUNC)) {
        // Creating or truncating happens at open(2) time: permission and quota errors show here.
        fs.writeFile(path, Buffer.alloc(0), { mode: attrs.permissions !== undefined ? attrs.permissions & 0o7777 : 0o666 });
        dirty = true;
      } else if (st && st.kind !== 'dir') {
        data = fs.readFile(path);
        if (held + data.length > this.limits.maxHeldBytes) throw new FsError('ENOSPC', path);
        if (writable) data = Buffer.from(data);
      }
      const cap = Math.max(0, usage.limit - usage.bytes) + (st?.kind === 'file' ? st.size : 0);
      h = { kind: 'file', path, readable, writable, append: (pflags & OPEN.APPEND) !== 0, isDir: st?.kind === 'dir', data, size: data.length, cap, dirty, truncated: false };
    } catch (e) {
      return this.fail(id, e);
    }
    this.sendHandle(id, h);
  }

  sendHandle(id: number, h: Handle): void {
    const name = this.handles.add(h);
    if (!name) return this.status(id, FX.FAILURE);
    this.deps.send(new Writer().u8(FXP.HANDLE).u32(id).bytes(name).finish());
  }

  heldBytes(): number {
    let n = 0;
    for (const h of this.handles.all()) if (h.kind === 'file') n += h.data.length;
    return n;
  }

  private close(id: number, name: Buffer): void {
    const h = this.handles.remove(name);
    if (!h) return this.status(id, FX.NO_SUCH_FILE);
    if (h.kind === 'file' && h.writable) this.commit(h);
    this.status(id, FX.OK);
  }

  /** Stores a written file in the file system and records it as an upload. */
  commit(h: FileHandle): void {
    if (!h.dirty) return;
    h.dirty = false;
    const bytes = Buffer.from(h.data.subarray(0, h.size));
    let truncated = h.truncated;
    try {
      this.deps.fs.writeFile(h.path, bytes);
      if (h.mtimeMs !== undefined) this.deps.fs.utimes(h.path, h.mtimeMs);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      truncated = truncated || e.code === 'ENOSPC';
    }
    this.deps.recorder.record(h.path, bytes, truncated);
  }

  fileHandle(name: Buffer): FileHandle | undefined {
    const h = this.handles.get(name);
    return h?.kind === 'file' ? h : undefined;
  }

  private read(id: number, name: Buffer, offset: number, len: number): void {
    const h = this.fileHandle(name);
    if (!h || h.isDir) return this.status(id, FX.FAILURE);
    if (!h.readable) return this.status(id, FX.NO_SUCH_FILE);
    if (offset >= h.size) return this.status(id, FX.EOF);
    const end = Math.min(h.size, offset + Math.min(len, MAX_READ));
    this.deps.send(new Writer().u8(FXP.DATA).u32(id).bytes(h.data.subarray(offset, end)).finish());
  }

  private write(id: number, name: Buffer, offset: number, data: Buffer): void {
    const h = this.fileHandle(name);
    if (!h || h.isDir) return this.status(id, FX.FAILURE);
    if (!h.writable) return this.status(id, FX.NO_SUCH_FILE);
    this.status(id, this.writeAt(h, h.append ? h.size : offset, data));
  }

  /** write(2) at an offset: a write past the quota or the session's budget keeps what fits and fails. */
  writeAt(h: FileHandle, pos: number, data: Buffer): FxCode {
    // The file may grow only as far as the quota, the session's budget and the bytes held in memory allow.
    const maxEnd = Math.min(h.cap, h.size + this.deps.recorder.left, h.size + Math.max(0, this.limits.maxHeldBytes - this.heldBytes()));
    const keep = Math.max(0, Math.min(data.length, maxEnd - pos));
    if (keep > 0) {
      ensureCapacity(h, pos + keep);
      this.deps.recorder.take(Math.max(0, pos + keep - h.size));
      data.copy(h.data, pos, 0, keep);
      if (pos > h.size) h.data.fill(0, h.size, pos);
      h.size = Math.max(h.size, pos + keep);
    }
    h.dirty = true;
    if (keep < data.length) {
      h.truncated = true;
      return FX.FAILURE;
    }
    return FX.OK;
  }

  // ---------- metadata ----------

  private stat(id: number, rawPath: string, follow: boolean): void {
    const path = this.resolve(rawPath);
    try {
      const st = follow ? this.deps.fs.stat(path) : this.deps.fs.lstat(path);
      if (!st) throw new FsError('ENOENT', path);
      this.deps.send(writeStat(new Writer().u8(FXP.ATTRS).u32(id), st).finish());
    } catch (e) {
      this.fail(id, e);
    }
  }

  private fstat(id: number, name: Buffer): void {
    const h = this.fileHandle(name);
    if (!h) return this.status(id, FX.FAILURE);
    try {
      const st = this.deps.fs.stat(h.path);
      if (!st) throw new FsError('ENOENT', h.path);
      this.deps.send(writeStat(new Writer().u8(FXP.ATTRS).u32(id), h.isDir ? st : { ...st, size: h.size }).finish());
    } catch (e) {
      this.fail(id, e);
    }
  }

  /** sftp-server's order: size, permissions, times, owner; the first failure is the answer. */
  setstat(id: number, rawPath: string, a: Attrs): void {
    const path = this.resolve(rawPath);
    const { fs } = this.deps;
    this.simple(id, () => {
      if (a.size !== undefined) {
        const st = fs.stat(path);
        if (!st) throw new FsError('ENOENT', path);
        if (st.kind === 'dir') throw new FsError('EISDIR', path);
        const old = fs.readFile(path);
        if (a.size > old.length + Math.max(0, fs.usage().limit - fs.usage().bytes)) throw new FsError('ENOSPC', path);
        const next = Buffer.alloc(a.size);
        old.copy(next, 0, 0, Math.min(old.length, a.size));
        fs.writeFile(path, next);
      }
      if (a.permissions !== undefined) fs.chmod(path, a.permissions & 0o7777);
      if (a.mtime !== undefined) fs.utimes(path, a.mtime * 1000);
      if (a.uid !== undefined && a.gid !== undefined) fs.chown(path, a.uid, a.gid);
    });
  }

  private fsetstat(id: number, name: Buffer, a: Attrs): void {
    const h = this.fileHandle(name);
    if (!h) return this.status(id, FX.FAILURE);
    const { fs } = this.deps;
    this.simple(id, () => {
      if (a.size !== undefined) {
        if (!h.writable) throw new FsError('EINVAL', h.path);
        if (a.size > h.cap || a.size - h.size > this.deps.recorder.left) throw new FsError('ENOSPC', h.path);
        ensureCapacity(h, a.size);
        if (a.size > h.size) {
          this.deps.recorder.take(a.size - h.size);
          h.data.fill(0, h.size, a.size);
        }
        h.size = a.size;
        h.dirty = true;
      }
      if (a.permissions !== undefined) fs.chmod(h.path, a.permissions & 0o7777);
      if (a.mtime !== undefined) {
        fs.utimes(h.path, a.mtime * 1000);
        h.mtimeMs = a.mtime * 1000;
      }
      if (a.uid !== undefined && a.gid !== undefined) fs.chown(h.path, a.uid, a.gid);
    });
  }

  // ---------- directories and names ----------

  private opendir(id: number, rawPath: string): void {
    const path = this.resolve(rawPath);
    const { fs } = this.deps;
    if (this.handles.size >= this.handles.max) return this.status(id, FX.FAILURE);
    let names: string[];
    try {
      const st = fs.stat(path);
      if (!st) throw new FsError('ENOENT', path);
      if (st.kind !== 'dir') throw new FsError('ENOTDIR', path);
      fs.access(path, 4);
      names = ['.', '..', ...fs.readdir(path)];
    } catch (e) {
      return this.fail(id, e);
    }
    this.sendHandle(id, { kind: 'dir', path, pending: names });
  }

  private readdir(id: number, name: Buffer): void {
    const h = this.handles.get(name);
    if (h?.kind !== 'dir') return this.status(id, FX.FAILURE);
    if (h.pending.length === 0) return this.status(id, FX.EOF);
    const now = this.deps.now?.() ?? Date.now();
    const w = new Writer();
    let count = 0;
    while (h.pending.length > 0 && count < READDIR_BATCH) {
      const entry = h.pending.shift() as string;
      const full = entry === '.' ? h.path : entry === '..' ? normalisePath(`${h.path}/..`) : h.path === '/' ? `/${entry}` : `${h.path}/${entry}`;
      let st;
      try {
        st = this.deps.fs.lstat(full);
      } catch {
        st = undefined;
      }
      if (!st) continue;
      const user = this.accounts.user(st.uid) ?? String(st.uid);
      const group = this.accounts.group(st.gid) ?? String(st.gid);
      writeStat(w.string(entry).string(longname(entry, st, user, group, now)), st);
      count++;
    }
    if (count === 0) return this.status(id, FX.EOF);
    this.deps.send(new Writer().u8(FXP.NAME).u32(id).u32(count).raw(w.finish().subarray(4)).finish());
  }

  realpath(id: number, rawPath: string): void {
    try {
      this.oneName(id, this.realpathOf(rawPath === '' ? '.' : rawPath));
    } catch (e) {
      this.fail(id, e);
    }
  }

  /** sftp_realpath(): links resolved; a missing last component is kept, a missing directory is an error. */
  realpathOf(rawPath: string): string {
    const path = this.resolve(rawPath);
    const { fs } = this.deps;
    try {
      return fs.realpath(path);
    } catch (e) {
      if (!(e instanceof FsError) || e.code !== 'ENOENT' || path === '/' || fs.lstat(path)) throw e;
      const i = path.lastIndexOf('/');
      const dir = fs.realpath(i <= 0 ? '/' : path.slice(0, i));
      return `${dir === '/' ? '' : dir}/${path.slice(i + 1)}`;
    }
  }

  /** SSH2_FXP_RENAME: link(2) then unlink(2), so an existing target is refused ("Failure"). */
  private rename(id: number, from: string, to: string): void {
    const a = this.resolve(from);
    const b = this.resolve(to);
    this.simple(id, () => {
      if (!this.deps.fs.lstat(a)) throw new FsError('ENOENT', a);
      if (this.deps.fs.lstat(b)) throw new FsError('EEXIST', b);
      this.deps.fs.rename(a, b);
    });
  }

  private readlink(id: number, rawPath: string): void {
    const path = this.resolve(rawPath);
    try {
      const st = this.deps.fs.lstat(path);
      if (!st) throw new FsError('ENOENT', path);
      if (st.kind !== 'link' || st.target === undefined) throw new FsError('EINVAL', path);
      this.oneName(id, st.target);
    } catch (e) {
      this.fail(id, e);
    }
  }
}

/** The VERSION reply: version 3 and the extensions OpenSSH 9.2's sftp-server announces, in its order. */
export const EXTENSIONS: readonly (readonly [string, string])[] = [
  ['posix-rename@openssh.com', '1'],
  ['statvfs@openssh.com', '2'],
  ['fstatvfs@openssh.com', '2'],
  ['hardlink@openssh.com', '1'],
  ['fsync@openssh.com', '1'],
  ['lsetstat@openssh.com', '1'],
  ['limits@openssh.com', '1'],
  ['expand-path@openssh.com', '1'],
  ['copy-data', '1'],
  ['home-directory', '1'],
  ['users-groups-by-id@openssh.com', '1'],
];

function versionPacket(): Buffer {
  const w = new Writer().u8(FXP.VERSION).u32(3);
  for (const [name, data] of EXTENSIONS) w.string(name).string(data);
  return w.finish();
}
