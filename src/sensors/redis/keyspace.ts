// What one source address has done to "its" Redis: keys per database, CONFIG SET values, REPLICAOF,
// each capped; a bounded LRU of sources so one attacker never sees another's state.

export interface Entry {
  value: Buffer;
  /** Absolute expiry in ms since the epoch, or undefined for no expiry. */
  expiresAt: number | undefined;
}

export interface KeyspaceLimits {
  maxKeys: number;
  maxBytes: number;
}

export class SourceState {
  readonly dbs = new Map<number, Map<string, Entry>>();
  readonly config = new Map<string, string>();
  replicaOf: { host: string; port: string } | undefined;
  dirty = 0;
  lastSave: number;
  private keyCount = 0;
  private bytes = 0;

  constructor(
    private readonly limits: KeyspaceLimits,
    now: number,
  ) {
    this.lastSave = Math.floor(now / 1000);
  }

  private db(n: number): Map<string, Entry> {
    let d = this.dbs.get(n);
    if (!d) {
      d = new Map();
      this.dbs.set(n, d);
    }
    return d;
  }

  /** The live entry for `key`, dropping it first if it has expired. */
  get(db: number, key: string, now: number): Entry | undefined {
    const d = this.dbs.get(db);
    const e = d?.get(key);
    if (!e) return undefined;
    if (e.expiresAt !== undefined && e.expiresAt <= now) {
      this.remove(db, key);
      return undefined;
    }
    return e;
  }

  /** Store a value; false when the source's caps would be exceeded (Redis answers OOM). */
  set(db: number, key: string, value: Buffer, expiresAt: number | undefined, now: number): boolean {
    const old = this.get(db, key, now);
    const delta = key.length + value.length - (old ? key.length + old.value.length : 0);
    if (!old && this.keyCount + 1 > this.limits.maxKeys) return false;
    if (this.bytes + delta > this.limits.maxBytes) return false;
    this.db(db).set(key, { value, expiresAt });
    if (!old) this.keyCount++;
    this.bytes += delta;
    this.dirty++;
    return true;
  }

  remove(db: number, key: string): boolean {
    const d = this.dbs.get(db);
    const e = d?.get(key);
    if (!d || !e) return false;
    d.delete(key);
    this.keyCount--;
    this.bytes -= key.length + e.value.length;
    this.dirty++;
    return true;
  }

  /** Live keys of one database (expired ones are dropped on the way). */
  keys(db: number, now: number): string[] {
    const d = this.dbs.get(db);
    if (!d) return [];
    return [...d.keys()].filter((k) => this.get(db, k, now) !== undefined);
  }

  /** What a save would put on disk that matters: every live value, by database and key, newline-separated. */
  dumpValues(now: number): Buffer {
    const parts: Buffer[] = [];
    for (const db of [...this.dbs.keys()].sort((a, b) => a - b)) {
      for (const k of this.keys(db, now).sort()) {
        const e = this.get(db, k, now);
        if (e) parts.push(e.value, Buffer.from('\n'));
      }
    }
    return Buffer.concat(parts);
  }

  flush(db: number | undefined): void {
    for (const n of db === undefined ? [...this.dbs.keys()] : [db]) {
      for (const k of [...(this.dbs.get(n)?.keys() ?? [])]) this.remove(n, k);
      this.dbs.delete(n);
    }
  }
}

/** Source address → state, forgetting the least recently used source beyond `maxSources`. */
export class SourceStates {
  private readonly map = new Map<string, SourceState>();

  constructor(
    private readonly limits: KeyspaceLimits,
    private readonly maxSources: number,
  ) {}

  of(ip: string, now: number): SourceState {
    let s = this.map.get(ip);
    if (s) {
      this.map.delete(ip);
    } else {
      s = new SourceState(this.limits, now);
      while (this.map.size >= this.maxSources) {
        const oldest = this.map.keys().next().value;
        if (oldest === undefined) break;
        this.map.delete(oldest);
      }
    }
    this.map.set(ip, s);
    return s;
  }
}
