// The sockets ss and netstat list: sshd's listeners, the DHCP client, and this session's own connection;
// pids come from the emulated process table so ps and the socket tools agree.
import type { CommandContext } from '../command.js';
import { machineFor } from '../system/machine.js';
import { networkOf } from '../system/network.js';
import { processTable } from '../system/processes.js';

export interface Socket {
  proto: 'tcp' | 'tcp6' | 'udp';
  state: 'LISTEN' | 'ESTAB' | 'UNCONN';
  local: string;
  peer: string;
  pid: number;
  process: string;
  fd: number;
}

export function sockets(ctx: CommandContext): Socket[] {
  const procs = processTable(ctx);
  const pidOf = (prefix: string): number => procs.find((p) => p.cmd.startsWith(prefix))?.pid ?? 1;
  const sshd = pidOf('sshd: /usr/sbin/sshd');
  const n = networkOf(machineFor(ctx));
  const list: Socket[] = [
    { proto: 'tcp', state: 'LISTEN', local: '0.0.0.0:22', peer: '0.0.0.0:*', pid: sshd, process: 'sshd', fd: 3 },
    { proto: 'tcp6', state: 'LISTEN', local: '[::]:22', peer: '[::]:*', pid: sshd, process: 'sshd', fd: 4 },
    { proto: 'udp', state: 'UNCONN', local: '0.0.0.0:68', peer: '0.0.0.0:*', pid: pidOf('dhclient'), process: 'dhclient', fd: 7 },
  ];
  const remote = ctx.remoteAddress ?? ctx.env.get('SSH_CLIENT')?.split(' ')[0];
  if (remote && /^[\d.]+$/.test(remote)) {
    const port = Number(ctx.env.get('SSH_CLIENT')?.split(' ')[1]) || 40000 + (remote.length * 7919) % 20000;
    const session = procs.find((p) => p.cmd.startsWith('sshd: ') && p.cmd.includes('@'));
    list.push({ proto: 'tcp', state: 'ESTAB', local: `${n.ipv4}:22`, peer: `${remote}:${port}`, pid: session?.pid ?? sshd, process: 'sshd', fd: 4 });
  }
  return list;
}
