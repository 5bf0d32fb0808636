// SFTP v3 file attributes: decoding what a client sends (SETSTAT, OPEN, MKDIR) and encoding an FsStat
// the way sftp-server's stat_to_attrib() does (size, uid/gid, mode with the type bits, atime/mtime).
import type { FsKind, FsStat } from '../../shell/fs/types.js';
import { MalformedPacket, type Reader, type Writer } from './wire.js';

export const ATTR = { SIZE: 0x1, UIDGID: 0x2, PERMISSIONS: 0x4, ACMODTIME: 0x8, EXTENDED: 0x80000000 } as const;

export interface Attrs {
  size?: number;
  uid?: number;
  gid?: number;
  permissions?: number;
  atime?: number;
  mtime?: number;
}

/** Most extended attribute pairs one ATTRS may carry; more would only be a way to make us parse. */
const MAX_EXTENDED = 64;

export function readAttrs(r: Reader): Attrs {
  const flags = r.u32();
  const a: Attrs = {};
  if (flags & ATTR.SIZE) a.size = r.u64();
  if (flags & ATTR.UIDGID) {
    a.uid = r.u32();
    a.gid = r.u32();
  }
  if (flags & ATTR.PERMISSIONS) a.permissions = r.u32();
  if (flags & ATTR.ACMODTIME) {
    a.atime = r.u32();
    a.mtime = r.u32();
  }
  if (flags & ATTR.EXTENDED) {
    const n = r.u32();
    if (n > MAX_EXTENDED) throw new MalformedPacket('too many extended attributes');
    for (let i = 0; i < n; i++) {
      r.bytes();
      r.bytes();
    }
  }
  return a;
}

const TYPE_BITS: Readonly<Record<FsKind, number>> = {
  file: 0o100000,
  dir: 0o040000,
  link: 0o120000,
  char: 0o020000,
  block: 0o060000,
  fifo: 0o010000,
  socket: 0o140000,
};

export function modeOf(st: FsStat): number {
  return TYPE_BITS[st.kind] | (st.mode & 0o7777);
}

export function writeStat(w: Writer, st: FsStat): Writer {
  const t = Math.floor(st.mtimeMs / 1000);
  return w
    .u32(ATTR.SIZE | ATTR.UIDGID | ATTR.PERMISSIONS | ATTR.ACMODTIME)
    .u64(st.size)
    .u32(st.uid)
    .u32(st.gid)
    .u32(modeOf(st))
    .u32(t)
    .u32(t);
}

/** An ATTRS with no fields (REALPATH's reply carries this). */
export function writeNoAttrs(w: Writer): Writer {
  return w.u32(0);
}
