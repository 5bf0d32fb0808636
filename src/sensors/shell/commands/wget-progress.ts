// GNU Wget 1.21's progress and summary texts: the dot display it uses when stderr is not a terminal, the
// bar it draws on one, and its human-readable lengths and rates.

const KiB = 1024;

/** "(4.9K)" in the Length line: one decimal under 10, as wget's human_readable. */
export function humanLength(n: number): string {
  const units = ['K', 'M', 'G', 'T'];
  let v = n;
  let u = -1;
  while (v >= KiB && u < units.length - 1) {
    v /= KiB;
    u++;
  }
  return u < 0 ? String(n) : `${v < 10 ? (Math.floor(v * 10) / 10).toFixed(1) : Math.round(v)}${units[u]}`;
}

function scaled(bytesPerSec: number): { value: string; unit: number } {
  let v = bytesPerSec;
  let u = 0;
  while (v >= KiB && u < 3) {
    v /= KiB;
    u++;
  }
  return { value: v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : String(Math.round(v)), unit: u };
}

/** "3.79 MB/s" in the summary line. */
export function rate(bytes: number, seconds: number): string {
  const { value, unit } = scaled(bytes / Math.max(seconds, 0.0001));
  return `${value} ${['B/s', 'KB/s', 'MB/s', 'GB/s'][unit]}`;
}

function shortRate(bytes: number, seconds: number): string {
  const { value, unit } = scaled(bytes / Math.max(seconds, 0.0001));
  return `${value}${['', 'K', 'M', 'G'][unit]}`;
}

function elapsed(seconds: number): string {
  if (seconds < 0.001) return '0s';
  if (seconds < 10) return `${seconds.toFixed(seconds < 0.1 ? 3 : seconds < 1 ? 2 : 1)}s`;
  return `${Math.round(seconds)}s`;
}

/** The dot display: one dot per KiB, ten to a cluster, fifty to a line, percent and rate at each line end. */
export function dotProgress(size: number, total: number, seconds: number): string {
  const kib = Math.floor(size / KiB);
  const full = Math.floor(kib / 50);
  // The last line holds what is left; a size that fills whole lines exactly ends on its last full line.
  const lines = kib % 50 !== 0 || size % KiB !== 0 || kib === 0 ? full + 1 : full;
  let out = '';
  for (let line = 0; line < lines; line++) {
    const start = line * 50;
    const dots = Math.min(50, kib - start);
    let text = `${String(start).padStart(6)}K`;
    for (let c = 0; c < 5; c++) text += ' ' + '.'.repeat(Math.max(0, Math.min(10, dots - c * 10))).padEnd(10);
    if (line === lines - 1) {
      out += `${text} 100% ${shortRate(size, seconds).padStart(5)}=${elapsed(seconds)}\n`;
    } else {
      const pct = Math.floor((((start + 50) * KiB) / Math.max(total, size, 1)) * 100);
      out += `${text} ${String(pct).padStart(3)}% ${shortRate(size, seconds).padStart(5)} 0s\n`;
    }
  }
  return out;
}

function barSize(n: number): string {
  if (n < KiB) return String(n);
  const units = ['K', 'M', 'G'];
  let v = n / KiB;
  let u = 0;
  while (v >= KiB && u < units.length - 1) {
    v /= KiB;
    u++;
  }
  return `${v.toFixed(2)}${units[u]}`;
}

/** The bar's first frame (before any byte) and its last (done), for an 80-column terminal. */
export function barStart(name: string): string {
  return `\r${name.slice(0, 20).padEnd(20)}  0%[${' '.repeat(20)}]${'0'.padStart(8)}  --.-KB/s${' '.repeat(15)}`;
}

export function barEnd(name: string, size: number, seconds: number): string {
  return `\r${name.slice(0, 20).padEnd(20)}100%[${'='.repeat(19)}>]${barSize(size).padStart(8)}  --.-KB/s${`    in ${elapsed(seconds)}`.padEnd(15)}\n`;
}
