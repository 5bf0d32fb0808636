// The `arch` of session.params: the persona's `uname -m` as Cowrie labels architectures
// (<os>-<cpu>-<lsb|msb>), so tools that group Cowrie sessions by architecture read ours alike.

const EXACT: Record<string, string> = {
  x86_64: 'x64-lsb',
  amd64: 'x64-lsb',
  aarch64: 'aarch64-lsb',
  arm64: 'aarch64-lsb',
  aarch64_be: 'aarch64-msb',
  mips: 'mips-msb',
  mipsel: 'mips-lsb',
  mips64: 'mips64-msb',
  mips64el: 'mips64-lsb',
  ppc: 'powerpc-msb',
  powerpc: 'powerpc-msb',
  ppc64: 'powerpc64-msb',
  ppc64le: 'powerpc64-lsb',
  riscv64: 'riscv64-lsb',
  s390x: 's390x-msb',
  sparc: 'sparc-msb',
  sparc64: 'sparc64-msb',
  m68k: 'm68k-msb',
  sh4: 'sh-lsb',
  alpha: 'alpha-lsb',
  ia64: 'ia64-lsb',
};

/** Cowrie's label for a Linux machine name, e.g. x86_64 -> linux-x64-lsb, armv7l -> linux-arm-lsb. */
export function archLabel(machine: string): string {
  const m = machine.toLowerCase();
  const exact = EXACT[m];
  if (exact) return `linux-${exact}`;
  if (/^i[3-6]86$/.test(m)) return 'linux-x86-lsb';
  if (/^arm/.test(m)) return m.endsWith('b') ? 'linux-arm-msb' : 'linux-arm-lsb';
  return `linux-${m.replace(/[^a-z0-9_]/g, '') || 'unknown'}-lsb`;
}
