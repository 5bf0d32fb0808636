// netstat (net-tools 2.10): -t -u -l -n -p -a over the emulated sockets, -r the routing table,
// -i the interfaces; without root the PID/Program column says "-" with net-tools' notice.
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';
import { networkOf } from '../system/network.js';
import { sockets } from './sockets.js';

export const netstat: Command = {
  name: 'netstat',
  paths: ['/usr/bin/netstat', '/bin/netstat'],
  run(ctx) {
    let flags = '';
    for (const a of ctx.args) {
      if (/^-[a-zA-Z]+$/.test(a)) flags += a.slice(1);
      else if (a.startsWith('--')) flags += ({ '--tcp': 't', '--udp': 'u', '--listening': 'l', '--numeric': 'n', '--program': 'p', '--all': 'a', '--route': 'r', '--interfaces': 'i' } as Record<string, string>)[a] ?? '';
      else {
        ctx.stderr(`netstat: invalid option -- '${a}'\n`);
        return 1;
      }
    }
    const bad = [...flags].find((c) => !'tulnpaeorisWvwcx46'.includes(c));
    if (bad !== undefined) {
      ctx.stderr(`netstat: invalid option -- '${bad}'\nusage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}\n`);
      return 1;
    }
    const n = networkOf(machineFor(ctx));
    if (flags.includes('r')) {
      ctx.stdout(`Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n${(flags.includes('n') ? '0.0.0.0' : 'default').padEnd(16)}${n.gateway.padEnd(16)}0.0.0.0         UG        0 0          0 ${n.name}\n${n.network.padEnd(16)}0.0.0.0         ${maskOf(n.prefix).padEnd(16)}U         0 0          0 ${n.name}\n`);
      return 0;
    }
    if (flags.includes('i')) {
      ctx.stdout(`Kernel Interface table\nIface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n${n.name.padEnd(10)}${'1500'.padStart(9)} ${String(n.rxPackets).padStart(8)}      0      0 0      ${String(n.txPackets).padStart(8)}      0      0      0 BMRU\nlo           65536 ${String(n.loPackets).padStart(8)}      0      0 0      ${String(n.loPackets).padStart(8)}      0      0      0 LRU\n`);
      return 0;
    }
    const tcp = flags.includes('t') || !flags.includes('u');
    const udp = flags.includes('u') || !flags.includes('t');
    const listening = flags.includes('l');
    const all = flags.includes('a');
    const prog = flags.includes('p');
    const numeric = flags.includes('n');
    const rows = sockets(ctx).filter((s) => (s.proto === 'udp' ? udp : tcp) && (all || (listening ? s.state !== 'ESTAB' : s.state === 'ESTAB')));
    let out = '';
    if (prog && ctx.user.uid !== 0) out += '(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n';
    out += `Active Internet connections ${listening && !all ? '(only servers)' : all ? '(servers and established)' : '(w/o servers)'}\n`;
    out += `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${prog ? ' PID/Program name    ' : ''}\n`;
    for (const s of rows) {
      const fix = (a: string): string => {
        const v = a.replace(/^\[::\]/, '::');
        return numeric ? v : v.replace(/:22$/, ':ssh').replace(/:68$/, ':bootpc').replace(/^0\.0\.0\.0:(?!\*)/, '0.0.0.0:');
      };
      const state = s.proto === 'udp' ? '' : s.state === 'ESTAB' ? 'ESTABLISHED' : 'LISTEN';
      // net-tools shows the process's command line, cut to 20 columns with the pid.
      const cmdline = s.process !== 'sshd' ? s.process : s.state === 'LISTEN' ? 'sshd: /usr/sbin/sshd' : `sshd: ${ctx.user.name}@${ctx.tty ?? 'notty'}`;
      const p = prog ? ` ${(ctx.user.uid === 0 ? `${s.pid}/${cmdline}` : '-').slice(0, 19).padEnd(20)}` : '';
      out += `${s.proto.padEnd(6)}${'0'.padStart(6)} ${'0'.padStart(6)} ${fix(s.local).padEnd(23)} ${fix(s.peer).padEnd(23)} ${state.padEnd(11)}${p}\n`;
    }
    ctx.stdout(out);
    return 0;
  },
};

function maskOf(prefix: number): string {
  const bits = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return [24, 16, 8, 0].map((s) => (bits >>> s) & 255).join('.');
}
