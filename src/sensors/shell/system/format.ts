// Size and time formats the real tools print: coreutils' -h (ceiling, 1024 steps) and procps' Ki/Mi/Gi.

const UNITS = ['K', 'M', 'G', 'T', 'P'];

/** coreutils human_readable with -h: round up, one decimal below 10 ("3.9G", "795M", "0"). */
export function coreutilsHuman(bytes: number): string {
  if (bytes < 1024) return String(Math.ceil(bytes));
  let v = bytes;
  let u = -1;
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024;
    u++;
  }
  if (v < 10) {
    const r = Math.ceil(v * 10) / 10;
    if (r >= 10) return `${Math.ceil(r)}${UNITS[u]}`;
    return `${r.toFixed(1)}${UNITS[u]}`;
  }
  const r = Math.ceil(v);
  if (r >= 1024 && u < UNITS.length - 1) return `1.0${UNITS[u + 1]}`;
  return `${r}${UNITS[u]}`;
}

/** procps-ng free -h: "7.8Gi", "975Mi", "0B". */
export function procpsHuman(kib: number): string {
  const bytes = kib * 1024;
  if (bytes < 1024) return `${bytes}B`;
  const units = ['Ki', 'Mi', 'Gi', 'Ti', 'Pi'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return v < 10 ? `${v.toFixed(1)}${units[u]}` : `${Math.round(v)}${units[u]}`;
}
