// IP addresses as bytes (4 for IPv4, 16 for IPv6), so range checks compare bits rather than text that an
// attacker can spell many ways (::ffff:7f00:1, 0:0:0:0:0:ffff:127.0.0.1, [::1], ...).
import { isIPv4, isIPv6 } from 'node:net';

export type IpBytes = Uint8Array;

/** Bytes of a textual address; undefined for anything that is not a literal IPv4 or IPv6 address. */
export function parseIp(text: string): IpBytes | undefined {
  const s = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (isIPv4(s)) return parseV4(s);
  // A zone index (fe80::1%eth0) names an interface, not an address: the bytes before it decide.
  const bare = s.includes('%') ? s.slice(0, s.indexOf('%')) : s;
  if (isIPv6(bare)) return parseV6(bare);
  return undefined;
}

function parseV4(s: string): IpBytes {
  return Uint8Array.from(s.split('.').map((p) => Number.parseInt(p, 10)));
}

function parseV6(s: string): IpBytes | undefined {
  let text = s;
  const tail: number[] = [];
  // An embedded dotted quad (::ffff:1.2.3.4) is the last 32 bits.
  const dot = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dot?.[1]) {
    if (!isIPv4(dot[1])) return undefined;
    const v4 = parseV4(dot[1]);
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
    text = text.slice(0, -dot[1].length);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => Number.parseInt(g, 16)));
  const head = groups(halves[0] ?? '');
  const rest = halves.length === 2 ? groups(halves[1] ?? '') : [];
  const words = halves.length === 2 ? [...head, ...new Array<number>(8 - head.length - rest.length - tail.length).fill(0), ...rest, ...tail] : [...head, ...tail];
  if (words.length !== 8 || words.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffff)) return undefined;
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[i * 2] = w >> 8;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

/** The IPv4 address an IPv6 one carries as IPv4-mapped (::ffff:a.b.c.d); undefined otherwise. */
export function mappedV4(ip: IpBytes): IpBytes | undefined {
  if (ip.length !== 16) return undefined;
  for (let i = 0; i < 10; i++) if (ip[i] !== 0) return undefined;
  return ip[10] === 0xff && ip[11] === 0xff ? ip.slice(12) : undefined;
}
