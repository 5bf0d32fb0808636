// One session's ShellFs: the merged view plus every write, applied copy-on-write to the source's layer with
// Linux's errors (EACCES, ENOSPC past the quota, /proc and /sys refusing writes) and the paths written, for events.
import type { LayerEntry, LiveEntry, SourceLayer } from './layer.js';
import { isWithin, join, parentOf, components, normalise } from './path.js';
import { FsError, type ShellFs, type WriteOptions } from './types.js';
import { FsView, type Found } from './view.js';

const UMASK = 0o022;
/** Most distinct paths one command line reports as written (the rest still land in the layer). */
const MAX_TRACKED = 256;

type Area = 'proc' | 'sys' | undefined;

function areaOf(path: string): Area {
  return isWithin(path, '/proc') ? 'proc' : isWithin(path, '/sys') ? 'sys' : undefined;
}

export class SessionFs extends FsView implements ShellFs {
  private written: Set<string> | undefined;

  // ---------- files ----------

  writeFile(path: string, data: Buffer, opts: WriteOptions = {}): void {
    const r = this.resolve(path, true);
    if (r.error) throw new FsError(r.error, path);
    const area = areaOf(r.path);
    if (area === 'sys' || (area === 'proc' && r.node)) throw new FsError('EACCES', path);
    if (area === 'proc') throw new FsError('ENOENT', path);
    const n = r.node;
    if (n?.kind === 'dir') throw new FsError('EISDIR', path);
    if (n && n.kind !== 'file') {
      if (!this.can(n, 2)) throw new FsError('EACCES', path);
      return; // devices swallow what is written (/dev/null)
    }
    if (n ? !this.can(n, 2) : !this.can(r.parent, 2)) throw new FsError('EACCES', path);
    const layer = this.layers.obtain();
    if (!n && layer.entriesLeft() === 0) throw new FsError('ENOSPC', path);
    const old = n && opts.append ? this.content(n) : undefined;
    const next = old && old.length > 0 ? Buffer.concat([old, data]) : Buffer.from(data);
    const room = layer.room(r.path);
    const kept = next.length > room ? next.subarray(0, room) : next;
    this.materialise(parentOf(r.path), layer);
    const entry: LiveEntry = n
      ? { kind: 'file', mode: n.mode, uid: n.uid, gid: n.gid, mtimeMs: Date.now(), ino: n.ino, data: kept }
      : { kind: 'file', mode: (opts.mode ?? 0o666) & ~UMASK & 0o7777, uid: this.creds.uid, gid: this.creds.gid, mtimeMs: Date.now(), ino: layer.nextIno++, data: kept };
    layer.set(r.path, entry);
    if (!n) this.touchDir(parentOf(r.path), layer);
    if (!opts?.reported) this.track(r.path);
    if (kept.length < next.length) throw new FsError('ENOSPC', path);
  }

  mkdir(path: string, opts: { parents?: boolean; mode?: number } = {}): void {
    if (!opts.parents) return this.mkdirOne(path, opts.mode);
    const parts = components(normalise(path.startsWith('/') ? path : `/${path}`));
    for (let i = 1; i <= parts.length; i++) {
      const p = '/' + parts.slice(0, i).join('/');
      const s = this.stat(p);
      if (s?.kind === 'dir') continue;
      if (s) throw new FsError(i === parts.length ? 'EEXIST' : 'ENOTDIR', path);
      this.mkdirOne(p, i === parts.length ? opts.mode : undefined);
    }
  }

  private mkdirOne(path: string, mode: number | undefined): void {
    const r = this.resolve(path, false);
    if (r.error) throw new FsError(r.error, path);
    const area = areaOf(r.path);
    if (area) throw new FsError(area === 'proc' ? (r.node ? 'EEXIST' : 'ENOENT') : 'EPERM', path);
    if (r.node) throw new FsError('EEXIST', path);
    if (!this.can(r.parent, 2)) throw new FsError('EACCES', path);
    const layer = this.layers.obtain();
    if (layer.entriesLeft() === 0) throw new FsError('ENOSPC', path);
    this.materialise(parentOf(r.path), layer);
    const e: LiveEntry = { kind: 'dir', mode: (mode ?? 0o777) & ~UMASK & 0o7777, uid: this.creds.uid, gid: this.creds.gid, mtimeMs: Date.now(), ino: layer.nextIno++ };
    if (this.baseAt(r.path)) e.opaque = true;
    layer.set(r.path, e);
    this.touchDir(parentOf(r.path), layer);
  }

  symlink(target: string, path: string): void {
    const r = this.resolve(path, false);
    if (r.error) throw new FsError(r.error, path);
    if (areaOf(r.path)) throw new FsError(areaOf(r.path) === 'proc' ? 'ENOENT' : 'EPERM', path);
    if (r.node) throw new FsError('EEXIST', path);
    if (!this.can(r.parent, 2)) throw new FsError('EACCES', path);
    const layer = this.layers.obtain();
    if (layer.entriesLeft() === 0) throw new FsError('ENOSPC', path);
    this.materialise(parentOf(r.path), layer);
    layer.set(r.path, { kind: 'link', mode: 0o777, uid: this.creds.uid, gid: this.creds.gid, mtimeMs: Date.now(), ino: layer.nextIno++, target });
    this.touchDir(parentOf(r.path), layer);
  }

  // ---------- removal ----------

  unlink(path: string): void {
    const n = this.must(path, false);
    if (n.kind === 'dir') throw new FsError('EISDIR', path);
    this.checkRemovable(n, path);
    this.remove(n.path);
  }

  rmdir(path: string): void {
    const n = this.must(path, false);
    if (n.kind !== 'dir') throw new FsError('ENOTDIR', path);
    if (n.path === '/') throw new FsError('EPERM', path);
    if (this.names(n).length > 0) throw new FsError('ENOTEMPTY', path);
    this.checkRemovable(n, path);
    this.remove(n.path);
  }

  private checkRemovable(n: Found & { parent: Found }, path: string): void {
    if (areaOf(n.path)) throw new FsError('EPERM', path);
    if (!this.can(n.parent, 2) || !this.can(n.parent, 1)) throw new FsError('EACCES', path);
    // The sticky bit (/tmp): only the owner of the file or of the directory may remove it.
    const uid = this.creds.uid;
    if (uid !== 0 && n.parent.mode & 0o1000 && n.uid !== uid && n.parent.uid !== uid) throw new FsError('EPERM', path);
  }

  /** Removes a node and everything the layer holds below it: a whiteout where the base tree has something. */
  private remove(path: string): void {
    const layer = this.layers.obtain();
    layer.dropBelow(path);
    if (this.baseAt(path)) {
      this.materialise(parentOf(path), layer);
      layer.set(path, { kind: 'whiteout' });
    } else layer.delete(path);
    this.touchDir(parentOf(path), layer);
  }

  // ---------- rename ----------

  rename(from: string, to: string): void {
    const src = this.must(from, false);
    const r = this.resolve(to, false);
    if (r.error) throw new FsError(r.error, to);
    if (areaOf(src.path) || areaOf(r.path)) throw new FsError('EPERM', from);
    if (r.path === src.path) return;
    if (src.kind === 'dir' && isWithin(r.path, src.path)) throw new FsError('EINVAL', from);
    const dst = r.node;
    if (dst) {
      if (src.kind === 'dir' && dst.kind !== 'dir') throw new FsError('ENOTDIR', to);
      if (src.kind !== 'dir' && dst.kind === 'dir') throw new FsError('EISDIR', to);
      if (dst.kind === 'dir' && this.names(dst).length > 0) throw new FsError('ENOTEMPTY', to);
    }
    this.checkRemovable(src, from);
    if (!this.can(r.parent, 2)) throw new FsError('EACCES', to);
    const layer = this.layers.obtain();
    // Everything under the source moves: collect it from the merged view, then check it fits.
    const items = this.subtree(src, layer);
    const ownHere = items.filter(([, f]) => f.entry).length;
    const addBytes = items.reduce((s, [, f, data]) => s + (f.entry ? 0 : (data?.length ?? 0)), 0);
    if (items.length - ownHere > layer.entriesLeft() || addBytes > layer.room('\0')) throw new FsError('ENOSPC', from);
    if (dst) this.remove(r.path);
    this.materialise(parentOf(r.path), layer);
    for (const [rel, f, data] of items) {
      const p = rel === '' ? r.path : r.path + rel;
      layer.set(p, this.entryFor(f, data, p));
    }
    this.remove(src.path);
    this.touchDir(parentOf(r.path), layer);
  }

  /** The node and its descendants, parents first: [path relative to the node, node, bytes of files]. */
  private subtree(root: Found, layer: SourceLayer): [string, Found, Buffer | undefined][] {
    const out: [string, Found, Buffer | undefined][] = [];
    const visit = (f: Found, rel: string): void => {
      out.push([rel, f, f.kind === 'file' ? this.content(f) : undefined]);
      if (f.kind !== 'dir' || out.length > 1_000_000) return;
      for (const name of this.names(f, layer)) {
        const c = this.at(join(f.path, name), layer);
        if (c) visit(c, `${rel}/${name}`);
      }
    };
    visit(root, '');
    return out;
  }

  private entryFor(f: Found, data: Buffer | undefined, at: string): LiveEntry {
    const e: LiveEntry = { kind: f.kind === 'dir' || f.kind === 'link' ? f.kind : 'file', mode: f.mode, uid: f.uid, gid: f.gid, mtimeMs: f.mtimeMs, ino: f.ino };
    if (data) e.data = data;
    if (f.target !== undefined) e.target = f.target;
    if (f.kind === 'dir' && this.baseAt(at)) e.opaque = true;
    return e;
  }

  // ---------- metadata ----------

  chmod(path: string, mode: number): void {
    const n = this.must(path, true);
    if (areaOf(n.path)) throw new FsError('EPERM', path);
    if (this.creds.uid !== 0 && n.uid !== this.creds.uid) throw new FsError('EPERM', path);
    this.update(n, { mode: mode & 0o7777 }, path);
  }

  chown(path: string, uid: number, gid: number): void {
    const n = this.must(path, true);
    if (areaOf(n.path)) throw new FsError('EPERM', path);
    const newUid = uid < 0 ? n.uid : uid;
    const newGid = gid < 0 ? n.gid : gid;
    if (this.creds.uid !== 0 && (newUid !== n.uid || n.uid !== this.creds.uid || (newGid !== n.gid && newGid !== this.creds.gid))) throw new FsError('EPERM', path);
    this.update(n, { uid: newUid, gid: newGid }, path);
  }

  utimes(path: string, mtimeMs: number): void {
    const n = this.must(path, true);
    if (areaOf(n.path)) throw new FsError('EACCES', path);
    if (this.creds.uid !== 0 && n.uid !== this.creds.uid && !this.can(n, 2)) throw new FsError('EACCES', path);
    if (n.kind === 'char') return;
    this.update(n, { mtimeMs }, path);
  }

  /** Copies a base node up into the layer (a directory without its children) and changes its metadata. */
  private update(n: Found, change: Partial<Pick<LiveEntry, 'mode' | 'uid' | 'gid' | 'mtimeMs'>>, path: string): void {
    const layer = this.layers.obtain();
    let e = n.entry;
    if (!e) {
      const data = n.kind === 'file' ? this.content(n) : undefined;
      if (layer.entriesLeft() === 0 || (data?.length ?? 0) > layer.room(n.path)) throw new FsError('ENOSPC', path);
      this.materialise(parentOf(n.path), layer);
      e = this.entryFor(n, data, n.path);
      delete e.opaque;
    }
    layer.set(n.path, { ...e, ...change });
  }

  // ---------- bookkeeping ----------

  /** Directories of the synthesised home become real in the layer before anything is created in them. */
  private materialise(dir: string, layer: SourceLayer): void {
    const chain: Found[] = [];
    for (let p = dir; p !== '/'; p = parentOf(p)) {
      if (layer.get(p)) break;
      const f = this.baseAt(p);
      if (!f?.virtual) break;
      chain.push(f);
    }
    for (const f of chain.reverse()) layer.set(f.path, this.entryFor(f, undefined, '\0'));
  }

  /** A directory's mtime moves when an entry is created or removed in it. */
  private touchDir(dir: string, layer: SourceLayer): void {
    const e: LayerEntry | undefined = layer.get(dir);
    if (e && e.kind === 'dir') {
      layer.set(dir, { ...e, mtimeMs: Date.now() });
      return;
    }
    if (e || layer.entriesLeft() === 0) return;
    const f = this.at(dir, layer);
    if (f?.kind !== 'dir') return;
    const copy = this.entryFor(f, undefined, '\0');
    layer.set(dir, { ...copy, mtimeMs: Date.now() });
  }

  private track(path: string): void {
    this.written ??= new Set();
    if (this.written.size < MAX_TRACKED) this.written.add(path);
  }

  /** Paths written since the last call (the shell reports them once per command line). */
  drainWritten(): string[] {
    const w = this.written ? [...this.written] : [];
    this.written = undefined;
    return w;
  }

  usage(): { bytes: number; limit: number } {
    const layer = this.layers.peek();
    return { bytes: layer?.bytes ?? 0, limit: this.layers.maxBytes };
  }
}
