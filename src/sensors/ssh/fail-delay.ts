// How long Debian's sshd takes to refuse an authentication attempt. Two parts, both measured against the real
// openssh-server 9.2p1 with PAM: pam_unix's fail delay for a wrong password (2 s, which Linux-PAM's
// _pam_compute_delay varies to base × (½ + mean of three uniform draws)), then OpenSSH's
// ensure_minimum_time_since(): the reply waits for a per-user delay of 5 to 9.3 ms, doubled until it exceeds the
// time already spent. So a wrong root password is refused after exactly d·2^k ms (1875 or 3750 ms on one host).
import { createHash } from 'node:crypto';

export { pamFailDelayMs } from '../auth/pam-delay.js';

/** OpenSSH's user_specific_delay(): 5 ms plus up to 4.3 ms from SHA-512(host secret, user). */
export function userDelayMs(secret: string, user: string): number {
  const hash = createHash('sha512').update(`${secret}${user}`).digest();
  return 5 + hash.readUInt32BE(0) / 1e9;
}

/** Milliseconds from the request to the refusal: the per-user delay doubled until it covers `spentMs` (PAM's sleep). */
export function refusalDelayMs(secret: string, user: string, spentMs: number): number {
  let wait = userDelayMs(secret, user.slice(0, 1024));
  while (wait < spentMs) wait *= 2;
  return wait;
}
