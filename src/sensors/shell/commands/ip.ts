// ip (iproute2 6.1): addr, link, route (and -br, -4/-6) for the loopback and the persona's NIC, with the
// same addresses and counters ifconfig shows; changes are refused without root, accepted silently as root.
import type { Command, CommandContext } from '../command.js';
import { machineFor } from '../system/machine.js';
import { networkOf, type Network } from '../system/network.js';

const OBJECTS: Record<string, string> = { a: 'addr', ad: 'addr', add: 'addr', addr: 'addr', address: 'addr', l: 'link', li: 'link', lin: 'link', link: 'link', r: 'route', ro: 'route', rou: 'route', route: 'route', n: 'neigh', ne: 'neigh', neigh: 'neigh', neighbor: 'neigh', neighbour: 'neigh' };

export const ip: Command = {
  name: 'ip',
  paths: ['/usr/sbin/ip', '/sbin/ip', '/usr/bin/ip', '/bin/ip'],
  run(ctx) {
    const opts = new Set<string>();
    const args = [...ctx.args];
    while (args[0]?.startsWith('-')) {
      const o = args.shift()!.replace(/^--?/, '');
      if (!['4', '6', 'br', 'brief', 's', 'stats', 'c', 'color', 'o', 'oneline', 'd', 'details'].includes(o) && !o.startsWith('color=')) {
        ctx.stderr(`Option "-${o}" is unknown, try "ip -help".\n`);
        return 255;
      }
      opts.add(o === 'brief' ? 'br' : o);
    }
    const objWord = args.shift();
    if (objWord === undefined || objWord === 'help') {
      ctx.stderr('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n');
      return objWord === undefined ? 255 : 0;
    }
    const obj = OBJECTS[objWord];
    if (!obj) {
      ctx.stderr(`Object "${objWord}" is unknown, try "ip help".\n`);
      return 1;
    }
    const verb = args[0] ?? 'show';
    const n = networkOf(machineFor(ctx));
    if (!['show', 'list', 'lst', 'sh', 'ls', 'l', 's'].includes(verb)) {
      if (ctx.user.uid !== 0) {
        ctx.stderr('RTNETLINK answers: Operation not permitted\n');
        return 2;
      }
      return 0;
    }
    const dev = args[args.indexOf('dev') + 1] ?? (args[1] && args[1] !== 'dev' ? args[1] : undefined);
    if (dev !== undefined && dev !== 'lo' && dev !== n.name && obj !== 'route') {
      ctx.stderr(`Device "${dev}" does not exist.\n`);
      return 1;
    }
    if (obj === 'route') ctx.stdout(opts.has('6') ? '::1 dev lo proto kernel metric 256 pref medium\nfe80::/64 dev ' + n.name + ' proto kernel metric 256 pref medium\n' : `default via ${n.gateway} dev ${n.name} \n${n.network}/${n.prefix} dev ${n.name} proto kernel scope link src ${n.ipv4} \n`);
    else if (obj === 'neigh') ctx.stdout(`${n.gateway} dev ${n.name} lladdr 52:54:00:12:35:02 REACHABLE\n`);
    else ctx.stdout(render(ctx, n, obj === 'addr', opts, dev));
    return 0;
  },
};

function render(ctx: CommandContext, n: Network, addr: boolean, opts: Set<string>, dev: string | undefined): string {
  const lease = 86400 - (Math.floor(machineFor(ctx).uptimeSeconds) % 43200);
  const showLo = dev === undefined || dev === 'lo';
  const showNic = dev === undefined || dev === n.name;
  if (opts.has('br')) {
    let out = '';
    if (showLo) out += addr ? `${'lo'.padEnd(16)} UNKNOWN        127.0.0.1/8 ::1/128 \n` : `${'lo'.padEnd(16)} UNKNOWN        00:00:00:00:00:00 <LOOPBACK,UP,LOWER_UP> \n`;
    if (showNic) out += addr ? `${n.name.padEnd(16)} UP             ${n.ipv4}/${n.prefix} ${n.linkLocal}/64 \n` : `${n.name.padEnd(16)} UP             ${n.mac} <BROADCAST,MULTICAST,UP,LOWER_UP> \n`;
    return out;
  }
  const mode = addr ? '' : 'mode DEFAULT ';
  const v4 = !opts.has('6');
  const v6 = !opts.has('4');
  let out = '';
  if (showLo) {
    out += `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN ${mode}group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n`;
    if (addr && v4) out += '    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n';
    if (addr && v6) out += '    inet6 ::1/128 scope host noprefixroute \n       valid_lft forever preferred_lft forever\n';
    if (!addr && opts.has('s')) out += stats(n.loPackets * 88, n.loPackets, n.loPackets * 88, n.loPackets);
  }
  if (showNic) {
    out += `2: ${n.name}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc pfifo_fast state UP ${mode}group default qlen 1000\n    link/ether ${n.mac} brd ff:ff:ff:ff:ff:ff\n    altname enp0s3\n`;
    if (addr && v4) out += `    inet ${n.ipv4}/${n.prefix} brd ${n.broadcast} scope global dynamic ${n.name}\n       valid_lft ${lease}sec preferred_lft ${lease}sec\n`;
    if (addr && v6) out += `    inet6 ${n.linkLocal}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
    if (!addr && opts.has('s')) out += stats(n.rxBytes, n.rxPackets, n.txBytes, n.txPackets);
  }
  return out;
}

function stats(rxBytes: number, rxPackets: number, txBytes: number, txPackets: number): string {
  return `    RX:  bytes packets errors dropped  missed   mcast           \n${String(rxBytes).padStart(14)} ${String(rxPackets).padStart(7)}      0       0       0       0 \n    TX:  bytes packets errors dropped carrier collsns           \n${String(txBytes).padStart(14)} ${String(txPackets).padStart(7)}      0       0       0       0 \n`;
}
