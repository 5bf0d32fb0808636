// One source address's copy-on-write layer over the base tree: what it created, changed and deleted
// (whiteouts), with the byte and entry counts its quota is checked against. Pure data, no policy.
import { parentOf, baseName } from './path.js';

export type LayerEntry =
  | { kind: 'whiteout' }
  | {
      kind: 'file' | 'dir' | 'link';
      mode: number;
      uid: number;
      gid: number;
      mtimeMs: number;
      ino: number;
      /** File bytes (shared, never mutated in place: a write replaces the Buffer). */
      data?: Buffer;
      target?: string;
      /** A directory that replaced a deleted one: the base tree's children under it are hidden. */
      opaque?: boolean;
    };

export type LiveEntry = Exclude<LayerEntry, { kind: 'whiteout' }>;

export interface LayerLimits {
  maxBytes: number;
  maxEntries: number;
}

/** First inode number a layer hands out, well above the base tree's. */
export const LAYER_INO_START = 1_048_577;

export class SourceLayer {
  private readonly map = new Map<string, LayerEntry>();
  /** Names present in the layer (whiteouts included) under each directory, so readdir need not scan. */
  private readonly names = new Map<string, Set<string>>();
  private byteCount = 0;
  private entryCount = 0;
  nextIno = LAYER_INO_START;
  /** Changed since it was last written to disk. */
  dirty = false;

  constructor(
    readonly ip: string,
    readonly limits: LayerLimits,
  ) {}

  get bytes(): number {
    return this.byteCount;
  }

  get entries(): number {
    return this.entryCount;
  }

  get(path: string): LayerEntry | undefined {
    return this.map.get(path);
  }

  /** Names the layer holds directly under `dir` (whiteouts included). */
  namesUnder(dir: string): ReadonlySet<string> | undefined {
    return this.names.get(dir);
  }

  /** Every path and entry, for persistence and subtree walks. */
  all(): IterableIterator<[string, LayerEntry]> {
    return this.map.entries();
  }

  get size(): number {
    return this.map.size;
  }

  /** Would putting `next` at `path` stay within the quota? */
  fits(path: string, next: LayerEntry): boolean {
    const old = this.map.get(path);
    const bytes = this.byteCount - sizeOf(old) + sizeOf(next);
    const entries = this.entryCount - counts(old) + counts(next);
    return bytes <= this.limits.maxBytes && (entries <= this.limits.maxEntries || entries <= this.entryCount);
  }

  /** Bytes still free for a file at `path` (its current layer bytes count as free). */
  room(path: string): number {
    return Math.max(0, this.limits.maxBytes - this.byteCount + sizeOf(this.map.get(path)));
  }

  entriesLeft(): number {
    return Math.max(0, this.limits.maxEntries - this.entryCount);
  }

  set(path: string, e: LayerEntry): void {
    const old = this.map.get(path);
    this.byteCount += sizeOf(e) - sizeOf(old);
    this.entryCount += counts(e) - counts(old);
    this.map.set(path, e);
    if (path !== '/') {
      const dir = parentOf(path);
      let s = this.names.get(dir);
      if (!s) this.names.set(dir, (s = new Set()));
      s.add(baseName(path));
    }
    this.dirty = true;
  }

  delete(path: string): void {
    const old = this.map.get(path);
    if (!old) return;
    this.byteCount -= sizeOf(old);
    this.entryCount -= counts(old);
    this.map.delete(path);
    const dir = parentOf(path);
    const s = this.names.get(dir);
    s?.delete(baseName(path));
    if (s?.size === 0) this.names.delete(dir);
    this.dirty = true;
  }

  /** Drops every entry strictly below `dir` (a whiteout or opaque dir there hides them all anyway). */
  dropBelow(dir: string): void {
    const prefix = dir === '/' ? '/' : dir + '/';
    for (const p of [...this.map.keys()]) if (p.startsWith(prefix) && p !== dir) this.delete(p);
  }
}

function sizeOf(e: LayerEntry | undefined): number {
  if (!e || e.kind === 'whiteout') return 0;
  return e.data?.length ?? 0;
}

/** Whiteouts are bounded by the base tree's size, so only real entries count against the quota. */
function counts(e: LayerEntry | undefined): number {
  return e && e.kind !== 'whiteout' ? 1 : 0;
}
