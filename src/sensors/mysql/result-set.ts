// Text-protocol result sets: column count, column definitions, rows, and the end marker the client
// negotiated (EOF packets, or one OK with the 0xFE header under CLIENT_DEPRECATE_EOF).
import { eofPacket, frame, lenencInt, lenencString, okPacket } from './packets.js';

export const TYPE = { LONGLONG: 0x08, VAR_STRING: 0xfd } as const;
const CHARSET_UTF8MB4 = 255;
const CHARSET_BINARY = 63;
const NOT_NULL_FLAG = 0x01;
const BINARY_FLAG = 0x80;
const NUM_FLAG = 0x8000;

export interface Column {
  name: string;
  type: number;
  /** Display length in bytes (characters x 4 for utf8mb4). */
  length: number;
  schema?: string;
  table?: string;
  orgTable?: string;
  orgName?: string;
  notNull?: boolean;
  decimals?: number;
}

export type Cell = string | null;

export interface ResultSet {
  columns: Column[];
  rows: Cell[][];
}

export const textColumn = (name: string, chars = 64, extra: Partial<Column> = {}): Column => ({
  name,
  type: TYPE.VAR_STRING,
  length: chars * 4,
  ...extra,
});
export const intColumn = (name: string): Column => ({ name, type: TYPE.LONGLONG, length: 21, notNull: true, decimals: 0 });

function columnDefinition(c: Column): Buffer {
  const numeric = c.type === TYPE.LONGLONG;
  const fixed = Buffer.alloc(13);
  fixed[0] = 0x0c;
  fixed.writeUInt16LE(numeric ? CHARSET_BINARY : CHARSET_UTF8MB4, 1);
  fixed.writeUInt32LE(c.length, 3);
  fixed[7] = c.type;
  fixed.writeUInt16LE((c.notNull ? NOT_NULL_FLAG : 0) | (numeric ? BINARY_FLAG | NUM_FLAG : 0), 8);
  fixed[10] = c.decimals ?? (numeric ? 0 : 0x1f);
  return Buffer.concat([
    lenencString('def'),
    lenencString(c.schema ?? ''),
    lenencString(c.table ?? ''),
    lenencString(c.orgTable ?? ''),
    lenencString(c.name),
    lenencString(c.orgName ?? ''),
    fixed,
  ]);
}

function row(cells: Cell[]): Buffer {
  return Buffer.concat(cells.map((v) => (v === null ? Buffer.from([0xfb]) : lenencString(v))));
}

export interface EncodeOptions {
  deprecateEof: boolean;
  optionalMetadata: boolean;
  status: number;
}

/** The whole response to one query, framed, with sequence ids counting up from 1. */
export function encodeResultSet(rs: ResultSet, opts: EncodeOptions): Buffer {
  const packets: Buffer[] = [];
  // With CLIENT_OPTIONAL_RESULTSET_METADATA the count is followed by "metadata follows" (1 = full).
  packets.push(opts.optionalMetadata ? Buffer.concat([lenencInt(rs.columns.length), Buffer.from([1])]) : lenencInt(rs.columns.length));
  for (const c of rs.columns) packets.push(columnDefinition(c));
  if (!opts.deprecateEof) packets.push(eofPacket(opts.status));
  for (const r of rs.rows) packets.push(row(r));
  packets.push(opts.deprecateEof ? okPacket(opts.status, 0, 0xfe) : eofPacket(opts.status));
  return Buffer.concat(packets.map((p, i) => frame(i + 1, p)));
}
