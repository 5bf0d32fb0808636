// Linux-PAM's fail delay as a Debian host applies it to a failed login (sshd: pam_unix's 2 s; login(1):
// pam_faildelay's 3 s): _pam_compute_delay varies the request to base × (½ + mean of three uniform draws).
import { randomInt } from 'node:crypto';
import { SeededRng } from '../../core/rng.js';

const rng = new SeededRng(randomInt(2 ** 32));

export function pamFailDelayMs(baseMs: number, source: SeededRng = rng): number {
  if (!(baseMs > 0)) return 0;
  const mean = (source.next() + source.next() + source.next()) / 3;
  return baseMs * (0.5 + mean);
}
