// ping (iputils 20221126): the provider's firewall drops outbound ICMP, so remote hosts never answer
// (100% loss, status 1); names get the same stand-in address wget and curl print; the loopback and the
// host's own address reply.
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';
import { networkOf } from '../system/network.js';
import { pseudoAddress } from '../../downloads/pseudo-address.js';

/** Most packets one run reports; without -c the attacker's ^C is modelled as coming after these. */
const MAX_COUNT = 10;

export const ping: Command = {
  name: 'ping',
  paths: ['/usr/bin/ping', '/bin/ping'],
  run(ctx) {
    let count = 4;
    let size = 56;
    let quiet = false;
    let host: string | undefined;
    const args = ctx.args;
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const takes = /^-[cswWiItQlmpM]$/.test(a);
      if (takes) {
        const v = args[++i];
        if (v === undefined) {
          ctx.stderr(`ping: option requires an argument -- '${a.charAt(1)}'\n`);
          return 2;
        }
        if (a === '-c' || a === '-s') {
          if (!/^\d+$/.test(v) || (a === '-c' && Number(v) === 0)) {
            ctx.stderr(`ping: invalid argument: '${v}'${a === '-c' ? ': out of range: 1 <= value <= 9223372036854775807' : ''}\n`);
            return 1;
          }
          if (a === '-c') count = Number(v);
          else size = Number(v);
        }
      } else if (/^-c\d+$/.test(a)) count = Number(a.slice(2)) || 1;
      else if (a === '-q') quiet = true;
      else if (/^-[46nvfbDRrUaAOdL]+$/.test(a)) continue;
      else if (a.startsWith('-')) {
        ctx.stderr(`ping: invalid option -- '${a.charAt(1)}'\n`);
        return 2;
      } else host = a;
    }
    if (host === undefined) {
      ctx.stderr('ping: usage error: Destination address required\n');
      return 1;
    }
    const n = networkOf(machineFor(ctx));
    const local = /^127\./.test(host) || host === 'localhost' || host === n.ipv4 || host === ctx.hostname;
    const literal = /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
    const addr = host === 'localhost' ? '127.0.0.1' : host === ctx.hostname ? '127.0.1.1' : literal ? host : pseudoAddress(host);
    const shown = Math.min(count, MAX_COUNT);
    const label = host === addr ? addr : `${host} (${addr})`;
    let out = `PING ${host} (${addr}) ${size}(${size + 28}) bytes of data.\n`;
    const times: number[] = [];
    if (local) {
      for (let s = 1; s <= shown; s++) {
        const t = 0.025 + ((s * 37) % 23) / 1000;
        times.push(t);
        if (!quiet) out += `${size + 8} bytes from ${label}: icmp_seq=${s} ttl=64 time=${t.toFixed(3)} ms\n`;
      }
    }
    const elapsed = shown > 1 ? (shown - 1) * 1000 + 12 + (shown % 7) * 3 : 0;
    out += `\n--- ${host} ping statistics ---\n${shown} packets transmitted, ${times.length} received, ${local ? 0 : 100}% packet loss, time ${elapsed}ms\n`;
    if (local) {
      const min = Math.min(...times);
      const max = Math.max(...times);
      const avg = times.reduce((a, b) => a + b, 0) / times.length;
      const mdev = Math.sqrt(times.reduce((a, b) => a + (b - avg) ** 2, 0) / times.length);
      out += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`;
    } else out += '\n';
    ctx.stdout(out);
    return local ? 0 : 1;
  },
};
