// Read side of one session's file system: the merged view of the shared base tree, the source's layer and the
// session user's home (synthesised from /etc/skel when the login name has none), with Linux path resolution.
import type { BaseNode, BaseTree, GenContext } from './base-tree.js';
import type { LiveEntry, SourceLayer } from './layer.js';
import { byteOrder, components, isWithin, join, parentOf } from './path.js';
import { FsError, type FsCredentials, type FsErrorCode, type FsKind, type FsStat } from './types.js';

/** How the session reaches its source's layer without creating it: held sessions that only read cost nothing. */
export interface LayerAccess {
  /** The layer if the source has one (in memory or on disk). */
  peek(): SourceLayer | undefined;
  /** The layer, created on first write. */
  obtain(): SourceLayer;
  /** The source's byte quota. */
  readonly maxBytes: number;
}

/** A node of the merged view, with where it comes from. */
export interface Found {
  path: string;
  kind: FsKind;
  mode: number;
  uid: number;
  gid: number;
  mtimeMs: number;
  ino: number;
  target?: string;
  base?: BaseNode;
  entry?: LiveEntry;
  /** Part of the synthesised home of a user absent from the base tree. */
  virtual?: boolean;
}

export interface Resolution {
  /** The resolved path (links in the prefix followed; the last one too when asked). */
  path: string;
  node?: Found;
  /** The directory holding the last component. */
  parent: Found;
  error?: FsErrorCode;
}

const MAX_LINKS = 40;
const EMPTY = Buffer.alloc(0);

export class FsView {
  /** undefined: not yet looked at; null: the home exists in the base tree or cannot be synthesised. */
  private virtualHome: string | null | undefined;

  constructor(
    protected readonly tree: BaseTree,
    protected readonly gen: GenContext,
    protected readonly creds: FsCredentials,
    protected readonly layers: LayerAccess,
  ) {}

  // ---------- lookup ----------

  /** The node at an already resolved path (no links in its prefix). */
  protected at(path: string, layer = this.layers.peek()): Found | undefined {
    if (layer) {
      const e = layer.get(path);
      if (e) return e.kind === 'whiteout' ? undefined : fromEntry(path, e);
      if (this.baseHidden(path, layer)) return undefined;
    }
    return this.baseAt(path);
  }

  /** A deleted or replaced ancestor in the layer hides the base tree below it. */
  protected baseHidden(path: string, layer: SourceLayer): boolean {
    for (let a = parentOf(path); ; a = parentOf(a)) {
      const e = layer.get(a);
      if (e && (e.kind !== 'dir' || e.opaque === true)) return true;
      if (a === '/') return false;
    }
  }

  /** The base tree's node (or the synthesised home's) at a path, ignoring the layer. */
  protected baseAt(path: string): Found | undefined {
    const n = walkBase(this.tree.root, path);
    if (n) return fromBase(path, n);
    const home = this.homeToSynthesise();
    if (home === null || !isWithin(path, home)) return undefined;
    const { uid, gid } = this.creds;
    if (path === home) {
      const skel = this.tree.skel;
      return { path, kind: 'dir', mode: 0o700, uid, gid, mtimeMs: skel.mtimeMs, ino: inoOf(path), base: skel, virtual: true };
    }
    const s = walkBase(this.tree.skel, path.slice(home.length));
    return s ? { ...fromBase(path, s), uid, gid, virtual: true } : undefined;
  }

  private homeToSynthesise(): string | null {
    if (this.virtualHome !== undefined) return this.virtualHome;
    const home = this.gen.user.home;
    const parts = components(home);
    const ok = this.creds.uid !== 0 && parts.length >= 2 && !parts.includes('..') && walkBase(this.tree.root, home) === undefined && walkBase(this.tree.root, parentOf(home))?.kind === 'dir';
    return (this.virtualHome = ok ? home : null);
  }

  /** Linux path walk: search permission on every directory, links followed (the last one only when asked). */
  protected resolve(input: string, followLast: boolean): Resolution {
    const layer = this.layers.peek();
    const root = this.at('/', layer)!;
    let todo = components(input);
    let cur = '/';
    let curNode = root;
    let parent = root;
    let links = 0;
    while (todo.length > 0) {
      const name = todo.shift()!;
      if (curNode.kind !== 'dir') return { path: cur, parent, error: 'ENOTDIR' };
      if (!this.can(curNode, 1)) return { path: cur, parent, error: 'EACCES' };
      if (name === '..') {
        cur = parentOf(cur);
        curNode = this.at(cur, layer) ?? root;
        parent = cur === '/' ? root : (this.at(parentOf(cur), layer) ?? root);
        continue;
      }
      const next = join(cur, name);
      const node = this.at(next, layer);
      if (!node) return todo.length === 0 ? { path: next, parent: curNode } : { path: next, parent: curNode, error: 'ENOENT' };
      if (node.kind === 'link' && (todo.length > 0 || followLast)) {
        if (++links > MAX_LINKS) return { path: next, parent: curNode, error: 'ELOOP' };
        const t = node.target ?? '';
        todo = [...components(t), ...todo];
        if (t.startsWith('/')) {
          cur = '/';
          curNode = root;
          parent = root;
        }
        continue;
      }
      parent = curNode;
      cur = next;
      curNode = node;
    }
    return { path: cur, node: curNode, parent };
  }

  protected must(input: string, followLast: boolean): Found & { parent: Found } {
    const r = this.resolve(input, followLast);
    if (r.error) throw new FsError(r.error, input);
    if (!r.node) throw new FsError('ENOENT', input);
    return { ...r.node, parent: r.parent };
  }

  /** Unix permission bits for the session's credentials; root passes all but execute on files with no x bit. */
  protected can(n: Found, bit: 4 | 2 | 1): boolean {
    if (this.creds.uid === 0) return bit !== 1 || n.kind === 'dir' || (n.mode & 0o111) !== 0;
    const m = n.uid === this.creds.uid ? n.mode >> 6 : n.gid === this.creds.gid ? n.mode >> 3 : n.mode;
    return (m & bit) !== 0;
  }

  /** A file's bytes: the layer's copy, the base tree's, or generated for this session now. */
  protected content(n: Found): Buffer {
    if (n.entry) return n.entry.data ?? EMPTY;
    if (n.base?.data) return n.base.data;
    if (n.base?.gen) return n.base.gen(this.gen);
    return EMPTY;
  }

  /** Merged directory listing, byte-ordered. */
  protected names(dir: Found, layer = this.layers.peek()): string[] {
    const names = new Set<string>();
    const baseVisible = !(dir.entry?.opaque === true) && !(layer && dir.path !== '/' && this.baseHidden(dir.path, layer));
    if (baseVisible) {
      const b = dir.entry ? this.baseAt(dir.path) : dir;
      if (b?.base?.children && b.kind === 'dir') for (const k of b.base.children.keys()) names.add(k);
      const home = this.homeToSynthesise();
      if (home !== null && parentOf(home) === dir.path) names.add(home.slice(home.lastIndexOf('/') + 1));
    }
    const own = layer?.namesUnder(dir.path);
    if (own && layer) {
      for (const n of own) {
        if (layer.get(join(dir.path, n))?.kind === 'whiteout') names.delete(n);
        else names.add(n);
      }
    }
    return [...names].sort(byteOrder);
  }

  protected statOf(n: Found): FsStat {
    const s: FsStat = { kind: n.kind, mode: n.mode, uid: n.uid, gid: n.gid, size: this.sizeOf(n), mtimeMs: n.mtimeMs, nlink: 1, ino: n.ino };
    if (n.kind === 'dir') s.nlink = 2 + this.names(n).filter((c) => this.at(join(n.path, c))?.kind === 'dir').length;
    if (n.target !== undefined) s.target = n.target;
    return s;
  }

  private sizeOf(n: Found): number {
    switch (n.kind) {
      case 'dir':
        return isWithin(n.path, '/proc') || isWithin(n.path, '/sys') || isWithin(n.path, '/run') || isWithin(n.path, '/dev') ? (n.path.startsWith('/run') || n.path.startsWith('/dev') ? 60 + 20 * (n.base?.children?.size ?? 0) : 0) : 4096;
      case 'link':
        return n.target?.length ?? 0;
      case 'file':
        if (n.entry) return n.entry.data?.length ?? 0;
        if (n.base?.size !== undefined) return n.base.size;
        return this.content(n).length;
      default:
        return 0;
    }
  }

  // ---------- ShellFs read methods ----------

  stat(path: string): FsStat | undefined {
    const r = this.resolve(path, true);
    return r.node && !r.error ? this.statOf(r.node) : undefined;
  }

  lstat(path: string): FsStat | undefined {
    const r = this.resolve(path, false);
    return r.node && !r.error ? this.statOf(r.node) : undefined;
  }

  readdir(path: string): string[] {
    const n = this.must(path, true);
    if (n.kind !== 'dir') throw new FsError('ENOTDIR', path);
    if (!this.can(n, 4)) throw new FsError('EACCES', path);
    return this.names(n);
  }

  readFile(path: string): Buffer {
    const n = this.must(path, true);
    if (n.kind === 'dir') throw new FsError('EISDIR', path);
    if (!this.can(n, 4)) throw new FsError('EACCES', path);
    return n.kind === 'file' ? this.content(n) : EMPTY;
  }

  realpath(path: string): string {
    return this.must(path, true).path;
  }

  /** access(2): throws EACCES when the session may not read (4), write (2) or execute/search (1) the path. */
  access(path: string, mode: number): void {
    const n = this.must(path, true);
    for (const bit of [4, 2, 1] as const) if (mode & bit && !this.can(n, bit)) throw new FsError('EACCES', path);
  }
}

function walkBase(root: BaseNode, path: string): BaseNode | undefined {
  let n: BaseNode | undefined = root;
  for (const c of components(path)) {
    n = n.children?.get(c);
    if (!n) return undefined;
  }
  return n;
}

function fromBase(path: string, n: BaseNode): Found {
  const f: Found = { path, kind: n.kind, mode: n.mode, uid: n.uid, gid: n.gid, mtimeMs: n.mtimeMs, ino: n.ino, base: n };
  if (n.target !== undefined) f.target = n.target;
  return f;
}

function fromEntry(path: string, e: LiveEntry): Found {
  const f: Found = { path, kind: e.kind, mode: e.mode, uid: e.uid, gid: e.gid, mtimeMs: e.mtimeMs, ino: e.ino, entry: e };
  if (e.target !== undefined) f.target = e.target;
  return f;
}

/** A stable inode number for synthesised nodes. */
function inoOf(path: string): number {
  let h = 0;
  for (const c of path) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return 524_288 + (h % 262_144);
}
