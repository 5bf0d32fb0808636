// Parsing the active-mode targets of PORT (h1,h2,h3,h4,p1,p2) and EPRT (|proto|address|port|), and vsftpd's
// rule for them (port_promiscuous=NO): only the control connection's own client, never a privileged port.
import { isIPv4, isIPv6 } from 'node:net';
import { normaliseIp } from '../../core/session-scope.js';

export interface PortTarget {
  host: string;
  port: number;
}

export function parsePort(arg: string): PortTarget | undefined {
  const nums = arg.split(',');
  if (nums.length !== 6 || !nums.every((n) => /^\s*\d{1,3}\s*$/.test(n))) return undefined;
  const v = nums.map((n) => Number(n));
  if (v.some((n) => n > 255)) return undefined;
  return { host: v.slice(0, 4).join('.'), port: v[4]! * 256 + v[5]! };
}

export type EprtResult = { ok: true; target: PortTarget } | { ok: false; reason: 'syntax' | 'protocol' };

/** vsftpd accepts only "|" as the delimiter; protocol 2 only on an IPv6 control connection. */
export function parseEprt(arg: string, ipv6Control: boolean): EprtResult {
  const fields = arg.split('|');
  // "|1|1.2.3.4|5282|" splits into ['', '1', '1.2.3.4', '5282', ''].
  if (fields.length < 3 || fields[0] !== '') return { ok: false, reason: 'syntax' };
  const proto = Number.parseInt(fields[1] ?? '', 10);
  if (!(proto === 1 || (proto === 2 && ipv6Control))) return { ok: false, reason: 'protocol' };
  const host = fields[2] ?? '';
  const portText = fields[3] ?? '';
  if (fields.length !== 5 || fields[4] !== '') return { ok: false, reason: 'syntax' };
  if (proto === 1 ? !isIPv4(host) : !isIPv6(host)) return { ok: false, reason: 'syntax' };
  if (!/^\d{1,5}$/.test(portText) || Number(portText) > 65535) return { ok: false, reason: 'syntax' };
  return { ok: true, target: { host, port: Number(portText) } };
}

/** vsftpd's security check: the client's own address, and not a reserved port. */
export function allowedTarget(target: PortTarget, clientIp: string): boolean {
  return normaliseIp(target.host) === clientIp && target.port >= 1024;
}
