// One session's view of the persona's directory tree: path resolution confined to "/", and the few
// changes an FTP user can make (upload, mkdir, delete, rename), bounded in count.
import type { FtpNode, FtpPersona } from '../../schema/personas/ftp.js';

/** Where a file's bytes come from when it is downloaded. */
export type FileSource =
  | { kind: 'text'; bytes: Buffer }
  | { kind: 'noise'; magic: Buffer; seed: number }
  | { kind: 'artifact'; path: string };

interface NodeBase {
  name: string;
  mtimeMs: number;
  uid: number;
  gid: number;
  /** ls-style permission bits without the type letter. */
  mode: string;
}
export interface FileNode extends NodeBase {
  kind: 'file';
  size: number;
  source: FileSource;
}
export interface DirNode extends NodeBase {
  kind: 'dir';
  children: Map<string, FsNode>;
}
export type FsNode = FileNode | DirNode;

/** Nodes one session may add (MKD, STOR); a real disk has a quota, and our memory has a bound. */
export const MAX_ADDED_NODES = 1000;

function seedOf(path: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < path.length; i++) h = Math.imul(h ^ path.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

function build(node: FtpNode, parentPath: string, persona: FtpPersona): FsNode {
  const path = parentPath === '/' ? `/${node.name}` : `${parentPath}/${node.name}`;
  const base = {
    name: node.name,
    mtimeMs: Date.parse(node.mtime),
    uid: node.uid ?? persona.default_uid,
    gid: node.gid ?? persona.default_gid,
  };
  if (node.children || !node.content) {
    const children = new Map<string, FsNode>();
    for (const c of node.children ?? []) children.set(c.name, build(c, path, persona));
    return { ...base, kind: 'dir', mode: node.mode ?? 'rwxr-xr-x', children };
  }
  const c = node.content;
  if (c.kind === 'text') {
    const bytes = Buffer.from(c.text, 'utf8');
    return { ...base, kind: 'file', mode: node.mode ?? 'rw-r--r--', size: bytes.length, source: { kind: 'text', bytes } };
  }
  const magic = Buffer.from(c.magic_hex, 'hex');
  return { ...base, kind: 'file', mode: node.mode ?? 'rw-r--r--', size: c.size, source: { kind: 'noise', magic, seed: seedOf(path) } };
}

export class FakeFs {
  readonly root: DirNode;
  private cwdParts: string[] = [];
  private added = 0;
  private readonly uid: number;
  private readonly gid: number;

  constructor(persona: FtpPersona) {
    this.uid = persona.default_uid;
    this.gid = persona.default_gid;
    const children = new Map<string, FsNode>();
    for (const n of persona.tree) children.set(n.name, build(n, '/', persona));
    const newest = Math.max(0, ...[...children.values()].map((n) => n.mtimeMs));
    this.root = { kind: 'dir', name: '/', mtimeMs: newest, uid: 0, gid: 0, mode: 'rwxr-xr-x', children };
  }

  get cwd(): string {
    return '/' + this.cwdParts.join('/');
  }

  /** Path segments of `arg` taken from the working directory; ".." stops at "/" as in a chroot. */
  resolve(arg: string): string[] {
    const parts = arg.startsWith('/') ? [] : [...this.cwdParts];
    for (const seg of arg.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') parts.pop();
      else parts.push(seg);
    }
    return parts;
  }

  lookup(parts: readonly string[]): FsNode | undefined {
    let node: FsNode = this.root;
    for (const p of parts) {
      if (node.kind !== 'dir') return undefined;
      const next: FsNode | undefined = node.children.get(p);
      if (!next) return undefined;
      node = next;
    }
    return node;
  }

  find(arg: string): FsNode | undefined {
    return this.lookup(this.resolve(arg));
  }

  chdir(arg: string): boolean {
    const parts = this.resolve(arg);
    if (this.lookup(parts)?.kind !== 'dir') return false;
    this.cwdParts = parts;
    return true;
  }

  /** The parent directory and the new entry's name, when the parent exists and the name is usable. */
  private slot(arg: string): { dir: DirNode; name: string } | undefined {
    const parts = this.resolve(arg);
    const name = parts.pop();
    if (name === undefined || name.length > 255) return undefined;
    const dir = this.lookup(parts);
    return dir?.kind === 'dir' ? { dir, name } : undefined;
  }

  mkdir(arg: string, now: number): boolean {
    const s = this.slot(arg);
    if (!s || s.dir.children.has(s.name) || this.added >= MAX_ADDED_NODES) return false;
    this.added++;
    s.dir.children.set(s.name, { kind: 'dir', name: s.name, mtimeMs: now, uid: this.uid, gid: this.gid, mode: 'rwx------', children: new Map() });
    return true;
  }

  /** Whether a STOR to `arg` can create or replace a file. */
  canWrite(arg: string): boolean {
    const s = this.slot(arg);
    return !!s && s.dir.children.get(s.name)?.kind !== 'dir' && (s.dir.children.has(s.name) || this.added < MAX_ADDED_NODES);
  }

  /** Record an uploaded file (its bytes live in the artifact store). */
  addFile(arg: string, size: number, artifactPath: string, now: number): void {
    const s = this.slot(arg);
    if (!s || s.dir.children.get(s.name)?.kind === 'dir') return;
    if (!s.dir.children.has(s.name)) this.added++;
    s.dir.children.set(s.name, { kind: 'file', name: s.name, mtimeMs: now, uid: this.uid, gid: this.gid, mode: 'rw-------', size, source: { kind: 'artifact', path: artifactPath } });
  }

  deleteFile(arg: string): boolean {
    const s = this.slot(arg);
    if (!s || s.dir.children.get(s.name)?.kind !== 'file') return false;
    return s.dir.children.delete(s.name);
  }

  removeDir(arg: string): boolean {
    const s = this.slot(arg);
    const node = s?.dir.children.get(s.name);
    if (!s || node?.kind !== 'dir' || node.children.size > 0) return false;
    return s.dir.children.delete(s.name);
  }

  rename(from: string, to: string): boolean {
    const src = this.slot(from);
    const dst = this.slot(to);
    const node = src?.dir.children.get(src.name);
    if (!src || !dst || !node || dst.dir.children.get(dst.name)?.kind === 'dir') return false;
    // A directory moved under itself would leave a cycle nothing can reach.
    const fromPath = this.resolve(from).join('/');
    if (node.kind === 'dir' && (this.resolve(to).join('/') + '/').startsWith(fromPath + '/')) return false;
    src.dir.children.delete(src.name);
    dst.dir.children.set(dst.name, { ...node, name: dst.name });
    return true;
  }
}
