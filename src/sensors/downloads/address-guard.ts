// Which destinations a fetch may connect to: public unicast only (no private, loopback, link-local, CGNAT,
// multicast, documentation or otherwise reserved ranges, IPv4 or IPv6), unless the operator allowed a range.
import { cidrContains, parseCidr, type Cidr } from './cidr.js';
import { mappedV4, parseIp, type IpBytes } from './ip-address.js';

const blocks = (list: readonly string[]): readonly Cidr[] =>
  list.map((c) => {
    const parsed = parseCidr(c);
    if (!parsed) throw new Error(`bad built-in CIDR ${c}`);
    return parsed;
  });

/** IANA's IPv4 special-purpose registry, less the few that are globally reachable anycast services. */
const RESERVED_V4 = blocks([
  '0.0.0.0/8', // "this network"
  '10.0.0.0/8',
  '100.64.0.0/10', // carrier-grade NAT
  '127.0.0.0/8',
  '169.254.0.0/16', // link-local (cloud metadata lives here)
  '172.16.0.0/12',
  '192.0.0.0/24', // IETF protocol assignments
  '192.0.2.0/24', // TEST-NET-1
  '192.88.99.0/24', // 6to4 relay anycast
  '192.168.0.0/16',
  '198.18.0.0/15', // benchmarking
  '198.51.100.0/24', // TEST-NET-2
  '203.0.113.0/24', // TEST-NET-3
  '224.0.0.0/4', // multicast
  '240.0.0.0/4', // reserved, broadcast
]);

/** Only 2000::/3 is global unicast; inside it these blocks are special (tunnels carry IPv4, docs, ...). */
const GLOBAL_V6 = blocks(['2000::/3']);
const RESERVED_V6 = blocks([
  '2001::/23', // IETF protocol assignments: Teredo, benchmarking, ORCHID
  '2001:db8::/32', // documentation
  '2002::/16', // 6to4 embeds any IPv4 address
  '3fff::/20', // documentation (RFC 9637)
]);

/** True for every address a honeypot must never reach on an attacker's behalf. */
export function isReservedAddress(ip: IpBytes): boolean {
  const v4 = ip.length === 4 ? ip : mappedV4(ip);
  if (v4) return RESERVED_V4.some((b) => cidrContains(b, v4));
  if (!GLOBAL_V6.some((b) => cidrContains(b, ip))) return true;
  return RESERVED_V6.some((b) => cidrContains(b, ip));
}

export class AddressPolicy {
  private readonly allowed: readonly Cidr[];

  /** `allow`: CIDRs the operator opened (lab networks); they win over the reserved ranges. */
  constructor(allow: readonly string[] = []) {
    this.allowed = allow.map((c) => {
      const parsed = parseCidr(c);
      if (!parsed) throw new Error(`not a CIDR: ${c}`);
      return parsed;
    });
  }

  /** May a fetch connect to this literal address? Anything that does not parse is refused. */
  permits(address: string): boolean {
    const ip = parseIp(address);
    if (!ip) return false;
    if (this.allowed.some((b) => cidrContains(b, ip))) return true;
    return !isReservedAddress(ip);
  }
}
