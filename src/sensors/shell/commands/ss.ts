// ss (iproute2 6.1): the socket table with -t -u -l -n -p -a filters; process columns need root.
import type { Command } from '../command.js';
import { sockets } from './sockets.js';

export const ss: Command = {
  name: 'ss',
  paths: ['/usr/bin/ss', '/bin/ss'],
  run(ctx) {
    let flags = '';
    for (const a of ctx.args) {
      if (/^-[a-zA-Z46]+$/.test(a)) flags += a.slice(1);
      else if (a.startsWith('--')) flags += ({ '--tcp': 't', '--udp': 'u', '--listening': 'l', '--numeric': 'n', '--processes': 'p', '--all': 'a' } as Record<string, string>)[a] ?? '';
    }
    const bad = [...flags].find((c) => !'tulnpaeomiHs46xw'.includes(c));
    if (bad !== undefined) {
      ctx.stderr(`ss: invalid option -- '${bad}'\n`);
      return 255;
    }
    const tcp = flags.includes('t') || !flags.includes('u');
    const udp = flags.includes('u') || (!flags.includes('t') && flags.includes('a'));
    const listening = flags.includes('l');
    const all = flags.includes('a');
    const named = !flags.includes('n');
    const rows = sockets(ctx).filter((s) => ((s.proto === 'udp' ? udp : tcp) && (all || (listening ? s.state !== 'ESTAB' : s.state === 'ESTAB'))) && !(flags.includes('4') && s.proto === 'tcp6'));
    const withNet = tcp && udp;
    const port = (addr: string): string => (named ? addr.replace(/:22$/, ':ssh').replace(/:68$/, ':bootpc') : addr);
    let out = `${withNet ? 'Netid ' : ''}State  Recv-Q Send-Q   Local Address:Port     Peer Address:Port${flags.includes('p') ? 'Process' : ''}\n`;
    for (const s of rows) {
      const proc = flags.includes('p') && ctx.user.uid === 0 ? `users:(("${s.process}",pid=${s.pid},fd=${s.fd}))` : '';
      const state = s.state === 'ESTAB' ? 'ESTAB' : s.state;
      const [lh, lp] = splitAddr(port(s.local));
      const [ph, pp] = splitAddr(port(s.peer));
      out += `${withNet ? (s.proto === 'udp' ? 'udp' : 'tcp').padEnd(6) : ''}${state.padEnd(6)} ${'0'.padEnd(6)} ${(s.state === 'LISTEN' ? '128' : '0').padEnd(6)} ${lh.padStart(15)}:${lp.padEnd(6)} ${ph.padStart(15)}:${pp.padEnd(5)}${proc}\n`;
    }
    ctx.stdout(out);
    return 0;
  },
};

function splitAddr(a: string): [string, string] {
  const i = a.lastIndexOf(':');
  return [a.slice(0, i), a.slice(i + 1)];
}
