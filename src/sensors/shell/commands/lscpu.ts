// lscpu: util-linux 2.38's tree layout for a KVM guest, from the same CPU model as /proc/cpuinfo and nproc.
import type { Command } from '../command.js';
import { machineFor } from '../system/machine.js';

export const lscpu: Command = {
  name: 'lscpu',
  paths: ['/usr/bin/lscpu', '/bin/lscpu'],
  run(ctx) {
    const c = machineFor(ctx).hw.cpu;
    const n = c.cores;
    const range = n === 1 ? '0' : `0-${n - 1}`;
    const inst = (k: number): string => `(${k} instance${k === 1 ? '' : 's'})`;
    const kib = (v: number): string => (v >= 1024 && v % 1024 === 0 ? `${v / 1024} MiB` : v >= 1024 ? `${(v / 1024).toFixed(1)} MiB` : `${v} KiB`);
    const rows: [string, string][] = [
      ['Architecture:', 'x86_64'],
      ['  CPU op-mode(s):', '32-bit, 64-bit'],
      ['  Address sizes:', c.address_sizes],
      ['  Byte Order:', 'Little Endian'],
      ['CPU(s):', String(n)],
      ['  On-line CPU(s) list:', range],
      ['Vendor ID:', c.vendor_id],
      ['  Model name:', c.model_name],
      ['    CPU family:', String(c.family)],
      ['    Model:', String(c.model)],
      ['    Thread(s) per core:', '1'],
      ['    Core(s) per socket:', String(n)],
      ['    Socket(s):', '1'],
      ['    Stepping:', String(c.stepping)],
      ['    BogoMIPS:', (c.mhz * 2).toFixed(2)],
      ['    Flags:', c.flags],
      ['Virtualization features:', ''],
      ...(c.flags.split(' ').includes('vmx') ? ([['  Virtualization:', 'VT-x']] as [string, string][]) : []),
      ['  Hypervisor vendor:', c.hypervisor],
      ['  Virtualization type:', 'full'],
      ['Caches (sum of all):', ''],
      ['  L1d:', `${kib(32 * n)} ${inst(n)}`],
      ['  L1i:', `${kib(32 * n)} ${inst(n)}`],
      ['  L2:', `${kib(4096 * n)} ${inst(n)}`],
      ['  L3:', `${kib(c.cache_kb)} ${inst(1)}`],
      ['NUMA:', ''],
      ['  NUMA node(s):', '1'],
      ['  NUMA node0 CPU(s):', range],
      ['Vulnerabilities:', ''],
      ['  Gather data sampling:', 'Not affected'],
      ['  Itlb multihit:', 'Not affected'],
      ['  L1tf:', 'Mitigation; PTE Inversion; VMX flush not necessary, SMT disabled'],
      ['  Mds:', 'Mitigation; Clear CPU buffers; SMT Host state unknown'],
      ['  Meltdown:', 'Mitigation; PTI'],
      ['  Mmio stale data:', 'Mitigation; Clear CPU buffers; SMT Host state unknown'],
      ['  Retbleed:', 'Not affected'],
      ['  Spec rstack overflow:', 'Not affected'],
      ['  Spec store bypass:', 'Mitigation; Speculative Store Bypass disabled via prctl'],
      ['  Spectre v1:', 'Mitigation; usercopy/swapgs barriers and __user pointer sanitization'],
      ['  Spectre v2:', 'Mitigation; Retpolines; IBPB conditional; IBRS_FW; STIBP disabled; RSB filling; PBRSB-eIBRS Not affected'],
      ['  Srbds:', 'Not affected'],
      ['  Tsx async abort:', 'Mitigation; Clear CPU buffers; SMT Host state unknown'],
    ];
    const width = Math.max(...rows.map(([k]) => k.length)) + 1;
    ctx.stdout(rows.map(([k, v]) => (k.padEnd(width) + v).trimEnd().padEnd(v ? 0 : width) + '\n').join(''));
    return 0;
  },
};
