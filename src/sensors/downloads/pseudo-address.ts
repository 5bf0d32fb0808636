// A stable public-looking address for a host name when fetching is off: the tools must print the address
// they "resolved", but looking the name up would itself reach out (and tip off the attacker's DNS).
import { createHash } from 'node:crypto';
import { isReservedAddress } from './address-guard.js';

export function pseudoAddress(host: string): string {
  for (let i = 0; ; i++) {
    const d = createHash('sha256').update(`${host.toLowerCase()}#${i}`).digest();
    const ip = Uint8Array.from([d[0]!, d[1]!, d[2]!, d[3]!]);
    if (!isReservedAddress(ip) && ip[3] !== 0 && ip[3] !== 255) return ip.join('.');
  }
}
