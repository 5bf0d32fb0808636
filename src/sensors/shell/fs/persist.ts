// A source layer on disk: one JSON file per source address; file bytes inline (small) or by SHA-256 in the
// artifact store (shared with uploads, so the same dropper from a thousand sources is stored once).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactStore } from '../../artifact-store.js';
import { SourceLayer, type LayerEntry, type LayerLimits } from './layer.js';
import { normalise } from './path.js';

const FORMAT = 'layer/1';
/** Files up to this size are kept inside the layer file. */
const INLINE_MAX = 4096;

interface StoredEntry {
  p: string;
  k: 'file' | 'dir' | 'link' | 'whiteout';
  m?: number;
  u?: number;
  g?: number;
  t?: number;
  i?: number;
  /** Inline bytes, base64. */
  d?: string;
  /** SHA-256 of bytes in the artifact store. */
  s?: string;
  x?: string;
  o?: boolean;
}

interface StoredLayer {
  format: string;
  ip: string;
  next_ino: number;
  entries: StoredEntry[];
}

/** A file name for an address: IPv4 as is, IPv6 with ':' as '_'; anything else hashed. */
export function fileNameFor(ip: string): string {
  if (/^[0-9a-fA-F.:]{2,45}$/.test(ip)) return ip.replace(/:/g, '_') + '.json';
  return 'x' + createHash('sha256').update(ip).digest('hex').slice(0, 40) + '.json';
}

export class LayerFiles {
  private readonly artifacts: ArtifactStore;

  constructor(
    readonly dir: string,
    private readonly artifactsDir: string,
  ) {
    this.artifacts = new ArtifactStore(artifactsDir);
  }

  pathFor(ip: string): string {
    return join(this.dir, fileNameFor(ip));
  }

  /** Writes atomically (temp file, then rename), mode 0600. */
  save(layer: SourceLayer): void {
    const entries: StoredEntry[] = [];
    for (const [p, e] of layer.all()) {
      if (e.kind === 'whiteout') {
        entries.push({ p, k: 'whiteout' });
        continue;
      }
      const s: StoredEntry = { p, k: e.kind, m: e.mode, u: e.uid, g: e.gid, t: e.mtimeMs, i: e.ino };
      if (e.data) {
        if (e.data.length <= INLINE_MAX) s.d = e.data.toString('base64');
        else s.s = this.artifacts.save(e.data).shasum;
      }
      if (e.target !== undefined) s.x = e.target;
      if (e.opaque) s.o = true;
      entries.push(s);
    }
    const doc: StoredLayer = { format: FORMAT, ip: layer.ip, next_ino: layer.nextIno, entries };
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const path = this.pathFor(layer.ip);
    const tmp = `${path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(doc), { mode: 0o600 });
    renameSync(tmp, path);
    layer.dirty = false;
  }

  /** The stored layer; throws on anything malformed (the caller starts the source afresh). */
  load(ip: string, limits: LayerLimits): SourceLayer {
    const raw = readFileSync(this.pathFor(ip), 'utf8');
    const doc = JSON.parse(raw) as Partial<StoredLayer>;
    if (doc.format !== FORMAT || doc.ip !== ip || !Array.isArray(doc.entries) || !isInt(doc.next_ino)) throw new Error('not a layer file for this source');
    const layer = new SourceLayer(ip, limits);
    layer.nextIno = doc.next_ino;
    for (const s of doc.entries) {
      const e = this.entryOf(s);
      if (typeof s.p !== 'string' || normalise(s.p) !== s.p) throw new Error('bad path');
      if (e.kind !== 'whiteout' && !layer.fits(s.p, e)) throw new Error('layer exceeds the quota');
      layer.set(s.p, e);
    }
    layer.dirty = false;
    return layer;
  }

  private entryOf(s: StoredEntry): LayerEntry {
    if (s.k === 'whiteout') return { kind: 'whiteout' };
    if (s.k !== 'file' && s.k !== 'dir' && s.k !== 'link') throw new Error('bad kind');
    if (!isInt(s.m) || !isInt(s.u) || !isInt(s.g) || typeof s.t !== 'number' || !isInt(s.i)) throw new Error('bad metadata');
    const e: LayerEntry = { kind: s.k, mode: s.m & 0o7777, uid: s.u, gid: s.g, mtimeMs: s.t, ino: s.i };
    if (typeof s.d === 'string') e.data = Buffer.from(s.d, 'base64');
    else if (typeof s.s === 'string') e.data = this.blob(s.s);
    else if (s.k === 'file') e.data = Buffer.alloc(0);
    if (typeof s.x === 'string') e.target = s.x;
    if (s.o === true) e.opaque = true;
    return e;
  }

  private blob(sha: string): Buffer {
    if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error('bad digest');
    const data = readFileSync(join(this.artifactsDir, sha));
    if (createHash('sha256').update(data).digest('hex') !== sha) throw new Error('artifact does not match its digest');
    return data;
  }
}

function isInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0;
}
