// A CIDR block (10.0.0.0/8, 2001:db8::/32) and the test whether an address falls inside it.
import { mappedV4, parseIp, type IpBytes } from './ip-address.js';

export interface Cidr {
  readonly base: IpBytes;
  readonly bits: number;
}

/** Parses "a.b.c.d/n" or "x::y/n"; a bare address is a /32 or /128. Undefined when malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const base = parseIp(slash === -1 ? text : text.slice(0, slash));
  if (!base) return undefined;
  const max = base.length * 8;
  if (slash === -1) return { base, bits: max };
  const raw = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(raw)) return undefined;
  const bits = Number(raw);
  return bits <= max ? { base, bits } : undefined;
}

/** True when `ip` lies in `block`; an IPv4-mapped IPv6 address is tested as the IPv4 address it carries. */
export function cidrContains(block: Cidr, ip: IpBytes): boolean {
  const addr = ip.length === 16 && block.base.length === 4 ? mappedV4(ip) : ip;
  if (!addr || addr.length !== block.base.length) return false;
  let left = block.bits;
  for (let i = 0; left > 0; i++, left -= 8) {
    const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
    if ((addr[i]! & mask) !== (block.base[i]! & mask)) return false;
  }
  return true;
}
