// The open handles of one SFTP session, named as sftp-server names them (a 4-byte index, lowest free slot
// first). A file handle holds the file's bytes; writes land in the file system when the handle closes.
export interface DirHandle {
  kind: 'dir';
  path: string;
  /** Names left to send ("." and ".." first); undefined once the listing was exhausted. */
  pending: string[];
}

export interface FileHandle {
  kind: 'file';
  path: string;
  readable: boolean;
  writable: boolean;
  append: boolean;
  /** Opened read-only on a directory, as open(2) allows; every read fails. */
  isDir: boolean;
  data: Buffer;
  size: number;
  /** Most bytes the file may reach: what the source's quota left when it was opened. */
  cap: number;
  /** Something changed the bytes (a write, a truncation or creation) and they must be stored on close. */
  dirty: boolean;
  /** A write was refused or cut for lack of room. */
  truncated: boolean;
  /** Times a FSETSTAT asked for, applied again after the bytes are stored (which sets mtime to now). */
  mtimeMs?: number;
}

export type Handle = DirHandle | FileHandle;

export class HandleTable {
  private readonly slots: (Handle | undefined)[] = [];
  private count = 0;

  constructor(readonly max: number) {}

  get size(): number {
    return this.count;
  }

  /** The new handle's wire name, or undefined when the table is full (EMFILE). */
  add(h: Handle): Buffer | undefined {
    if (this.count >= this.max) return undefined;
    let i = this.slots.indexOf(undefined);
    if (i === -1) i = this.slots.push(undefined) - 1;
    this.slots[i] = h;
    this.count++;
    const name = Buffer.alloc(4);
    name.writeUInt32BE(i);
    return name;
  }

  get(name: Buffer): Handle | undefined {
    const i = indexOf(name);
    return i === undefined ? undefined : this.slots[i];
  }

  remove(name: Buffer): Handle | undefined {
    const i = indexOf(name);
    if (i === undefined) return undefined;
    const h = this.slots[i];
    if (h) {
      this.slots[i] = undefined;
      this.count--;
    }
    return h;
  }

  all(): Handle[] {
    return this.slots.filter((h): h is Handle => h !== undefined);
  }

  clear(): void {
    this.slots.length = 0;
    this.count = 0;
  }
}

function indexOf(name: Buffer): number | undefined {
  return name.length === 4 ? name.readUInt32BE(0) : undefined;
}

/** Grows a file handle's buffer to hold `end` bytes (doubling, so a stream of writes copies little). */
export function ensureCapacity(h: FileHandle, end: number): void {
  if (end <= h.data.length) return;
  const next = Buffer.alloc(Math.min(h.cap, Math.max(end, h.data.length * 2, 64 * 1024)));
  h.data.copy(next, 0, 0, h.size);
  h.data = next;
}
