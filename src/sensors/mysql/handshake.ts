// The connection phase: the HandshakeV10 greeting, the client's HandshakeResponse (4.1 and the old 3.20
// format), and the AuthSwitchRequest, as laid out in MySQL's protocol documentation.
import { randomBytes } from 'node:crypto';
import { readLenenc } from './packets.js';

export const CLIENT = {
  CONNECT_WITH_DB: 0x8,
  PROTOCOL_41: 0x200,
  SSL: 0x800,
  SECURE_CONNECTION: 0x8000,
  PLUGIN_AUTH: 0x80000,
  CONNECT_ATTRS: 0x100000,
  PLUGIN_AUTH_LENENC_CLIENT_DATA: 0x200000,
  DEPRECATE_EOF: 0x1000000,
  OPTIONAL_RESULTSET_METADATA: 0x2000000,
  QUERY_ATTRIBUTES: 0x8000000,
} as const;

/** 20 bytes as mysqld's generate_user_salt makes them: 7-bit, never NUL nor '$'. */
export function newSalt(): Buffer {
  const salt = randomBytes(20);
  for (let i = 0; i < salt.length; i++) {
    let b = salt[i]! & 0x7f;
    if (b === 0 || b === 0x24) b += 1;
    salt[i] = b;
  }
  return salt;
}

export interface GreetingFields {
  version: string;
  connectionId: number;
  salt: Buffer;
  capabilities: number;
  charset: number;
  status: number;
  authPlugin: string;
}

export function greeting(g: GreetingFields): Buffer {
  const fixed = Buffer.alloc(4 + 8 + 1 + 2 + 1 + 2 + 2 + 1 + 10);
  let o = fixed.writeUInt32LE(g.connectionId >>> 0, 0);
  o += g.salt.copy(fixed, o, 0, 8);
  fixed[o++] = 0;
  o = fixed.writeUInt16LE(g.capabilities & 0xffff, o);
  fixed[o++] = g.charset;
  o = fixed.writeUInt16LE(g.status, o);
  o = fixed.writeUInt16LE((g.capabilities >>> 16) & 0xffff, o);
  fixed[o++] = g.salt.length + 1;
  return Buffer.concat([
    Buffer.from([0x0a]),
    Buffer.from(`${g.version}\0`, 'latin1'),
    fixed,
    g.salt.subarray(8),
    Buffer.from([0]),
    Buffer.from(`${g.authPlugin}\0`, 'latin1'),
  ]);
}

export function authSwitchRequest(plugin: string, salt: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xfe]), Buffer.from(`${plugin}\0`, 'latin1'), salt, Buffer.from([0])]);
}

export interface HandshakeResponse {
  capabilities: number;
  /** False for the pre-4.1 (3.20) response format. */
  protocol41: boolean;
  username: string;
  authResponse: Buffer;
  database: string | undefined;
  /** The client's plugin, or the one implied by its capabilities. */
  plugin: string;
}

function cString(buf: Buffer, pos: number): { value: Buffer; next: number } | undefined {
  const end = buf.indexOf(0, pos);
  if (end < 0) return undefined;
  return { value: buf.subarray(pos, end), next: end + 1 };
}

/** The client's reply to the greeting; undefined when it is malformed (mysqld's "Bad handshake"). */
export function parseHandshakeResponse(p: Buffer): HandshakeResponse | undefined {
  if (p.length < 2) return undefined;
  const low = p.readUInt16LE(0);
  if (!(low & CLIENT.PROTOCOL_41)) {
    // 3.20: caps(2) max_packet(3) user\0 scramble (NUL-terminated or to the end).
    if (p.length < 6) return undefined;
    const user = cString(p, 5);
    if (!user) return undefined;
    const rest = p.subarray(user.next);
    const nul = rest.indexOf(0);
    const auth = nul >= 0 ? rest.subarray(0, nul) : rest;
    const database = low & CLIENT.CONNECT_WITH_DB && nul >= 0 ? cString(rest, nul + 1)?.value.toString('utf8') : undefined;
    return { capabilities: low, protocol41: false, username: user.value.toString('utf8'), authResponse: Buffer.from(auth), database, plugin: 'mysql_old_password' };
  }
  if (p.length < 33) return undefined;
  const caps = p.readUInt32LE(0);
  const user = cString(p, 32);
  if (!user) return undefined;
  let pos = user.next;
  let auth: Buffer;
  if (caps & CLIENT.PLUGIN_AUTH_LENENC_CLIENT_DATA) {
    const len = readLenenc(p, pos);
    if (!len || len.next + len.value > p.length) return undefined;
    auth = p.subarray(len.next, len.next + len.value);
    pos = len.next + len.value;
  } else if (caps & CLIENT.SECURE_CONNECTION) {
    const len = p[pos];
    if (len === undefined || pos + 1 + len > p.length) return undefined;
    auth = p.subarray(pos + 1, pos + 1 + len);
    pos += 1 + len;
  } else {
    const s = cString(p, pos);
    if (!s) return undefined;
    auth = s.value;
    pos = s.next;
  }
  let database: string | undefined;
  if (caps & CLIENT.CONNECT_WITH_DB && pos < p.length) {
    const s = cString(p, pos);
    if (!s) return undefined;
    database = s.value.toString('utf8');
    pos = s.next;
  }
  let plugin = caps & CLIENT.SECURE_CONNECTION ? 'mysql_native_password' : 'mysql_old_password';
  if (caps & CLIENT.PLUGIN_AUTH && pos < p.length) {
    const s = cString(p, pos);
    plugin = (s ? s.value : p.subarray(pos)).toString('latin1');
  }
  return { capabilities: caps, protocol41: true, username: user.value.toString('utf8'), authResponse: Buffer.from(auth), database, plugin };
}
