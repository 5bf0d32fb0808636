// Real Debian 12 (bookworm) kernel builds: the ABI in `uname -r` and the package version and date in `uname -v`
// always belong together, as on a real host. The generic (amd64) and cloud (cloud-amd64) flavours share them.

export interface KernelBuild {
  abi: number;
  /** Debian package version of linux-image, e.g. 6.1.140-1. */
  pkg: string;
  /** Build date as uname -v prints it (YYYY-MM-DD). */
  date: string;
}

/** Bookworm's point and security kernels since 2024; every entry is a build Debian published. */
export const DEBIAN12_KERNELS: readonly KernelBuild[] = [
  { abi: 20, pkg: '6.1.85-1', date: '2024-04-11' },
  { abi: 21, pkg: '6.1.90-1', date: '2024-05-03' },
  { abi: 22, pkg: '6.1.94-1', date: '2024-06-21' },
  { abi: 23, pkg: '6.1.99-1', date: '2024-07-15' },
  { abi: 25, pkg: '6.1.106-3', date: '2024-08-26' },
  { abi: 26, pkg: '6.1.112-1', date: '2024-09-30' },
  { abi: 27, pkg: '6.1.115-1', date: '2024-11-01' },
  { abi: 28, pkg: '6.1.119-1', date: '2024-11-22' },
  { abi: 29, pkg: '6.1.123-1', date: '2025-01-02' },
  { abi: 30, pkg: '6.1.124-1', date: '2025-01-12' },
  { abi: 31, pkg: '6.1.128-1', date: '2025-02-07' },
  { abi: 32, pkg: '6.1.129-1', date: '2025-03-06' },
  { abi: 33, pkg: '6.1.133-1', date: '2025-04-10' },
  { abi: 34, pkg: '6.1.135-1', date: '2025-04-25' },
  { abi: 35, pkg: '6.1.137-1', date: '2025-05-07' },
  { abi: 37, pkg: '6.1.140-1', date: '2025-05-22' },
  { abi: 38, pkg: '6.1.147-1', date: '2025-08-02' },
  { abi: 39, pkg: '6.1.148-1', date: '2025-08-26' },
  { abi: 40, pkg: '6.1.153-1', date: '2025-09-20' },
  { abi: 41, pkg: '6.1.158-1', date: '2025-11-09' },
  { abi: 42, pkg: '6.1.159-1', date: '2025-12-30' },
  { abi: 43, pkg: '6.1.162-1', date: '2026-02-08' },
  { abi: 44, pkg: '6.1.164-1', date: '2026-03-09' },
  { abi: 45, pkg: '6.1.170-1', date: '2026-04-30' },
  { abi: 47, pkg: '6.1.170-3', date: '2026-05-08' },
  { abi: 48, pkg: '6.1.172-1', date: '2026-05-15' },
  { abi: 49, pkg: '6.1.174-1', date: '2026-05-26' },
  { abi: 50, pkg: '6.1.176-1', date: '2026-07-02' },
  { abi: 51, pkg: '6.1.177-1', date: '2026-07-16' },
];

/** `uname -r` of a build. */
export function kernelRelease(k: KernelBuild, cloud: boolean): string {
  return `6.1.0-${k.abi}-${cloud ? 'cloud-' : ''}amd64`;
}

/** `uname -v` of a build. */
export function kernelVersion(k: KernelBuild): string {
  return `#1 SMP PREEMPT_DYNAMIC Debian ${k.pkg} (${k.date})`;
}

/** A Debian 12 amd64 kernel release string: personas with one get the instance's kernel instead. */
export const DEBIAN12_RELEASE = /^6\.1\.0-\d+-(cloud-)?amd64$/;
