// The stock VM a shell models when its persona has no `hardware` block (e.g. a telnet persona):
// the same machine as the Debian 12 SSH persona, so every shell has one consistent system.
import type { HardwarePersona } from '../../../schema/persona.js';

export const DEFAULT_HARDWARE: HardwarePersona = {
  cpu: {
    vendor_id: 'GenuineIntel',
    family: 6,
    model: 79,
    model_name: 'Intel(R) Xeon(R) CPU E5-2680 v4 @ 2.40GHz',
    stepping: 1,
    microcode: '0xb000040',
    mhz: 2399.996,
    cache_kb: 16384,
    cores: 4,
    cpuid_level: 13,
    address_sizes: '40 bits physical, 48 bits virtual',
    flags:
      'fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2 ss syscall nx pdpe1gb rdtscp lm constant_tsc arch_perfmon rep_good nopl xtopology cpuid tsc_known_freq pni pclmulqdq vmx ssse3 fma cx16 pcid sse4_1 sse4_2 x2apic movbe popcnt tsc_deadline_timer aes xsave avx f16c rdrand hypervisor lahf_lm abm 3dnowprefetch cpuid_fault invpcid_single pti ssbd ibrs ibpb stibp tpr_shadow vnmi flexpriority ept vpid ept_ad fsgsbase tsc_adjust bmi1 hle avx2 smep bmi2 erms invpcid rtm rdseed adx smap xsaveopt arat umip md_clear arch_capabilities',
    bugs: 'cpu_meltdown spectre_v1 spectre_v2 spec_store_bypass l1tf mds swapgs taa itlb_multihit mmio_stale_data retbleed gds',
    hypervisor: 'KVM',
  },
  memory_kb: 8131716,
  swap_kb: 998396,
  memory_used_ratio: 0.09,
  disk: { device: '/dev/vda1', size_kb: 82503044, used_kb: 2219136 },
  nic: { name: 'ens3', mac: '52:54:00:4a:7c:19', ipv4: '10.0.2.15', prefix: 24 },
  uptime_base_seconds: 1843217,
  load_average: [0.08, 0.03, 0.01],
};
