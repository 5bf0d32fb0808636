// curl 7.88's progress meter (on stderr when the body does not go to the terminal): the two header lines,
// the all-zero row before the first byte, and the row of a finished transfer.

export const METER_HEAD =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** curl's max5data: a size in at most five characters. */
export function size5(n: number): string {
  const MiB = 1024 * 1024;
  if (n < 100_000) return String(n).padStart(5);
  if (n < 10_000 * 1024) return `${Math.floor(n / 1024)}k`.padStart(5);
  if (n < 100 * MiB) return `${Math.floor(n / MiB)}.${Math.floor((n % MiB) / (MiB / 10))}M`.padStart(5);
  if (n < 10_000 * MiB) return `${Math.floor(n / MiB)}M`.padStart(5);
  return `${Math.floor(n / (1024 * MiB))}G`.padStart(5);
}

function row(pct: number, total: number, received: number, speed: number): string {
  const p = String(pct).padStart(3);
  return `\r${p} ${size5(total)}  ${p} ${size5(received)}    0     0  ${size5(speed)}      0 --:--:-- --:--:-- --:--:-- ${size5(speed)}`;
}

export const ZERO_ROW = row(0, 0, 0, 0);

export function doneRow(size: number, ms: number): string {
  const speed = Math.floor((size * 1000) / Math.max(ms, 1));
  return row(size > 0 ? 100 : 0, size, size, speed);
}
