// The per-sensor file system: one base tree shared by every session, one copy-on-write layer per source
// address (created on its first write, kept across that source's sessions, least recently used written to disk).
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../../../core/logger.js';
import type { OsPersona } from '../../../schema/persona.js';
import { buildBaseTree, type BaseTree } from './base-tree.js';
import { SourceLayer, type LayerLimits } from './layer.js';
import { fileNameFor, LayerFiles } from './persist.js';
import { SessionFs } from './session-fs.js';
import type { FsCredentials, FsUser, ShellFs } from './types.js';

export interface FsLimits {
  max_bytes_per_source: number;
  max_entries_per_source: number;
  max_sources_in_memory: number;
}

export interface FsRegistryOptions {
  /** The data directory; layers go to <dataDir>/fs/<subdir>/, large file bytes to <dataDir>/artifacts. Absent: memory only. */
  dataDir?: string;
  /** One folder per sensor (its name), so SSH and Telnet personas keep separate trees. */
  subdir: string;
  os: OsPersona;
  hostname: string;
  limits: FsLimits;
  /** Absolute paths of every emulated command (/usr/bin/ls ...): they appear in the tree as binaries. */
  binaries: () => Iterable<string>;
  logger?: Logger;
}

export class FsRegistry {
  private tree: BaseTree | undefined;
  /** In memory, least recently used first (Map order). */
  private readonly layers = new Map<string, SourceLayer>();
  /** File names of layers on disk, read once at first use and kept up to date. */
  private onDisk: Set<string> | undefined;
  private readonly files: LayerFiles | undefined;
  private readonly layerLimits: LayerLimits;

  constructor(private readonly opts: FsRegistryOptions) {
    this.files = opts.dataDir === undefined ? undefined : new LayerFiles(join(opts.dataDir, 'fs', safeSegment(opts.subdir)), join(opts.dataDir, 'artifacts'));
    this.layerLimits = { maxBytes: opts.limits.max_bytes_per_source, maxEntries: opts.limits.max_entries_per_source };
  }

  /** The shared base tree, built at the first session. */
  baseTree(): BaseTree {
    return (this.tree ??= buildBaseTree(this.opts.os, this.opts.hostname, this.opts.binaries()));
  }

  /** The source's layer, loaded from disk or created (empty) now. */
  forSource(ip: string): SourceLayer {
    const found = this.peek(ip);
    if (found) return found;
    const layer = new SourceLayer(ip, this.layerLimits);
    this.insert(layer);
    return layer;
  }

  /** The source's layer if it has one, without creating it. */
  peek(ip: string): SourceLayer | undefined {
    const hit = this.layers.get(ip);
    if (hit) {
      // Most recently used goes last.
      this.layers.delete(ip);
      this.layers.set(ip, hit);
      return hit;
    }
    if (!this.files || !this.diskNames().has(fileNameFor(ip))) return undefined;
    let layer: SourceLayer;
    try {
      layer = this.files.load(ip, this.layerLimits);
    } catch (e) {
      this.opts.logger?.warn('file system layer unreadable, starting it afresh', { src_ip: ip, error: (e as Error).message });
      this.onDisk?.delete(fileNameFor(ip));
      layer = new SourceLayer(ip, this.layerLimits);
    }
    this.insert(layer);
    return layer;
  }

  /** One session's view. Costs a small object until the session writes: the tree and layer are shared. */
  session(ip: string, creds: FsCredentials, user: FsUser): ShellFs {
    const tree = this.baseTree();
    const access = {
      peek: () => this.peek(ip),
      obtain: () => this.forSource(ip),
      maxBytes: this.layerLimits.maxBytes,
    };
    return new SessionFs(tree, { os: this.opts.os, hostname: this.opts.hostname, user }, creds, access);
  }

  /** Layers held in memory now. */
  get inMemory(): number {
    return this.layers.size;
  }

  /** Writes every changed layer to disk (sensor stop). */
  flush(): void {
    for (const layer of this.layers.values()) this.persist(layer);
  }

  private insert(layer: SourceLayer): void {
    this.layers.set(layer.ip, layer);
    while (this.layers.size > this.opts.limits.max_sources_in_memory) {
      const oldest = this.layers.values().next().value as SourceLayer;
      this.layers.delete(oldest.ip);
      this.persist(oldest);
    }
  }

  private persist(layer: SourceLayer): void {
    if (!layer.dirty || !this.files) return;
    try {
      this.files.save(layer);
      this.diskNames().add(fileNameFor(layer.ip));
    } catch (e) {
      this.opts.logger?.error('file system layer not saved', { src_ip: layer.ip, error: (e as Error).message });
    }
  }

  private diskNames(): Set<string> {
    if (this.onDisk) return this.onDisk;
    this.onDisk = new Set();
    if (this.files && existsSync(this.files.dir)) for (const f of readdirSync(this.files.dir)) if (f.endsWith('.json')) this.onDisk.add(f);
    return this.onDisk;
  }
}

function safeSegment(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_') || 'shell';
}
