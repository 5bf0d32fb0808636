// ifconfig: net-tools 2.10's layout for the persona's NIC and the loopback. Debian 12 does not install
// net-tools by default; this persona models a host whose admin did (documented in the persona).
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';

export const ifconfig: Command = {
  name: 'ifconfig',
  paths: ['/usr/sbin/ifconfig', '/sbin/ifconfig'],
  run(ctx) {
    const m = machineFor(ctx);
    const nic = m.hw.nic;
    const up = Math.floor(m.uptimeSeconds);
    const rxPackets = 1800000 + up * 3;
    const rxBytes = rxPackets * 412;
    const txPackets = 900000 + up * 2;
    const txBytes = txPackets * 268;
    const mask = prefixMask(nic.prefix);
    const bcast = nic.ipv4.split('.').map((o, i) => (Number(o) | (~Number(mask.split('.')[i]) & 255)).toString()).join('.');
    const eth =
      `${nic.name}: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n` +
      `        inet ${nic.ipv4}  netmask ${mask}  broadcast ${bcast}\n` +
      `        inet6 ${linkLocal(nic.mac)}  prefixlen 64  scopeid 0x20<link>\n` +
      `        ether ${nic.mac}  txqueuelen 1000  (Ethernet)\n` +
      `        RX packets ${rxPackets}  bytes ${rxBytes} (${iec(rxBytes)})\n` +
      '        RX errors 0  dropped 0  overruns 0  frame 0\n' +
      `        TX packets ${txPackets}  bytes ${txBytes} (${iec(txBytes)})\n` +
      '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n';
    const loPackets = 4200 + Math.floor(up / 60);
    const lo =
      'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n' +
      '        inet 127.0.0.1  netmask 255.0.0.0\n' +
      '        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n' +
      '        loop  txqueuelen 1000  (Local Loopback)\n' +
      `        RX packets ${loPackets}  bytes ${loPackets * 88} (${iec(loPackets * 88)})\n` +
      '        RX errors 0  dropped 0  overruns 0  frame 0\n' +
      `        TX packets ${loPackets}  bytes ${loPackets * 88} (${iec(loPackets * 88)})\n` +
      '        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n';
    const which = ctx.args.find((a) => !a.startsWith('-'));
    if (which === undefined) ctx.stdout(eth + lo);
    else if (which === nic.name) ctx.stdout(eth);
    else if (which === 'lo') ctx.stdout(lo);
    else {
      ctx.stderr(`${which}: error fetching interface information: Device not found\n`);
      return 1;
    }
    return 0;
  },
};

function prefixMask(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 255).join('.');
}

/** The EUI-64 link-local address the kernel derives from the MAC. */
function linkLocal(mac: string): string {
  const b = mac.split(':').map((h) => parseInt(h, 16));
  b[0] = b[0]! ^ 2;
  const words = [(b[0]! << 8) | b[1]!, (b[2]! << 8) | 0xff, (0xfe << 8) | b[3]!, (b[4]! << 8) | b[5]!];
  return 'fe80::' + words.map((w) => w.toString(16)).join(':');
}

/** net-tools' "(94.1 MiB)" figure. */
function iec(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}
