// iptables (1.8.9, the nf_tables backend Debian 12 selects): an empty rule set with ACCEPT policies;
// root's changes are accepted silently, anyone else cannot even read the rule set.
import type { Command } from '../command.js';

const VERSION = 'iptables v1.8.9 (nf_tables)';
const CHAINS: Record<string, string[]> = { filter: ['INPUT', 'FORWARD', 'OUTPUT'], nat: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], mangle: ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'], raw: ['PREROUTING', 'OUTPUT'] };

export const iptables: Command = {
  name: 'iptables',
  paths: ['/usr/sbin/iptables', '/sbin/iptables'],
  run(ctx) {
    const args = ctx.args;
    if (args.includes('-V') || args.includes('--version')) {
      ctx.stdout(`${VERSION}\n`);
      return 0;
    }
    if (args.length === 0) {
      ctx.stderr(`${VERSION}: no command specified\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
      return 2;
    }
    if (ctx.user.uid !== 0) {
      ctx.stderr(`${VERSION}: Could not fetch rule set generation id: Permission denied (you must be root)\n\n`);
      return 4;
    }
    const t = args.indexOf('-t');
    const table = t >= 0 ? (args[t + 1] ?? '') : 'filter';
    const chains = CHAINS[table];
    if (!chains) {
      ctx.stderr(`${VERSION}: can't initialize iptables table \`${table}': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.\n`);
      return 3;
    }
    const list = args.find((a) => /^-[a-zA-Z]*L/.test(a) || a === '--list');
    const save = args.find((a) => /^-[a-zA-Z]*S/.test(a) || a === '--list-rules');
    if (save) {
      ctx.stdout(chains.map((c) => `-P ${c} ACCEPT\n`).join(''));
      return 0;
    }
    if (!list) return 0;
    const verbose = args.some((a) => /^-[a-zA-Z]*v/.test(a));
    const wanted = args[args.indexOf(list) + 1];
    const shown = wanted && !wanted.startsWith('-') ? [wanted] : chains;
    if (!shown.every((c) => chains.includes(c))) {
      ctx.stderr(`iptables: No chain/target/match by that name.\n`);
      return 1;
    }
    const blocks = shown.map((c) =>
      verbose
        ? `Chain ${c} (policy ACCEPT 0 packets, 0 bytes)\n pkts bytes target     prot opt in     out     source               destination         \n`
        : `Chain ${c} (policy ACCEPT)\ntarget     prot opt source               destination         \n`,
    );
    ctx.stdout(blocks.join('\n'));
    return 0;
  },
};
