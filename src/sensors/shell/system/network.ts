// The emulated host's network, from the persona's NIC: addresses, the gateway, traffic counters and the
// listening sockets, so ip, ss, netstat and ifconfig tell one story.
import type { Machine } from './machine.js';

export interface Network {
  name: string;
  mac: string;
  ipv4: string;
  prefix: number;
  network: string;
  broadcast: string;
  gateway: string;
  linkLocal: string;
  rxPackets: number;
  rxBytes: number;
  txPackets: number;
  txBytes: number;
  loPackets: number;
}

/** What listens on the host: sshd on 22 (both families), the DHCP client, systemd-timesyncd's socket. */
export const LISTENERS: readonly { proto: 'tcp' | 'tcp6' | 'udp'; local: string; process: string; pid: number }[] = [
  { proto: 'tcp', local: '0.0.0.0:22', process: 'sshd', pid: 460 },
  { proto: 'tcp6', local: ':::22', process: 'sshd', pid: 460 },
  { proto: 'udp', local: '0.0.0.0:68', process: 'dhclient', pid: 512 },
];

function octets(ip: string): number[] {
  return ip.split('.').map(Number);
}

export function networkOf(m: Machine): Network {
  const nic = m.hw.nic;
  const mask = nic.prefix === 0 ? 0 : (0xffffffff << (32 - nic.prefix)) >>> 0;
  const ip = octets(nic.ipv4).reduce((a, o) => ((a << 8) | o) >>> 0, 0);
  const net = (ip & mask) >>> 0;
  const bcast = (net | (~mask >>> 0)) >>> 0;
  const dotted = (n: number): string => [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
  // The same counters ifconfig derives from the uptime, so both tools agree.
  const up = Math.floor(m.uptimeSeconds);
  const rxPackets = 1800000 + up * 3;
  const txPackets = 900000 + up * 2;
  return {
    name: nic.name,
    mac: nic.mac,
    ipv4: nic.ipv4,
    prefix: nic.prefix,
    network: dotted(net),
    broadcast: dotted(bcast),
    gateway: dotted(net + 1),
    linkLocal: linkLocal(nic.mac),
    rxPackets,
    rxBytes: rxPackets * 412,
    txPackets,
    txBytes: txPackets * 268,
    loPackets: 4200 + Math.floor(up / 60),
  };
}

/** The EUI-64 link-local address the kernel derives from the MAC. */
function linkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  b[0] = b[0]! ^ 2;
  const words = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return 'fe80::' + words.map((w) => w.toString(16)).join(':');
}
