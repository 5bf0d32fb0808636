// Persona schemas: the data that makes an instance look like one real product (banners, algorithms, OS facts).
import { z } from 'zod';
import { MachineFactsSchema } from './instance-identity.js';

const nameList = z.array(z.string().min(1)).min(1);

/** The emulated machine behind /proc/cpuinfo, lscpu, nproc, free, df, ifconfig and uptime; one source so they agree. */
export const HardwarePersonaSchema = z.strictObject({
  cpu: z.strictObject({
    vendor_id: z.string(),
    family: z.number().int().nonnegative(),
    model: z.number().int().nonnegative(),
    model_name: z.string(),
    stepping: z.number().int().nonnegative(),
    microcode: z.string(),
    mhz: z.number().positive(),
    /** Per-CPU "cache size" of /proc/cpuinfo, in KB. */
    cache_kb: z.number().int().positive(),
    cores: z.number().int().min(1).max(256),
    cpuid_level: z.number().int().nonnegative(),
    address_sizes: z.string(),
    flags: z.string(),
    bugs: z.string(),
    hypervisor: z.string(),
  }),
  memory_kb: z.number().int().positive(),
  swap_kb: z.number().int().nonnegative(),
  /** Share of memory in use, 0..1; free, /proc/meminfo and top derive their figures from it. */
  memory_used_ratio: z.number().min(0).max(1),
  disk: z.strictObject({ device: z.string(), size_kb: z.number().int().positive(), used_kb: z.number().int().nonnegative() }),
  nic: z.strictObject({ name: z.string(), mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/), ipv4: z.string(), prefix: z.number().int().min(0).max(32) }),
  /** How long the machine had been up when the honeypot process started. */
  uptime_base_seconds: z.number().int().nonnegative(),
  load_average: z.tuple([z.number(), z.number(), z.number()]),
});

/** What `uname`, /etc/os-release and the login banner say; shared by every shell-bearing sensor. */
export const OsPersonaSchema = z.strictObject({
  pretty_name: z.string(),
  kernel_name: z.string(),
  kernel_release: z.string(),
  kernel_version: z.string(),
  machine: z.string(),
  os_name: z.string(),
  /** Printed after login on an interactive session, before "Last login:". */
  motd: z.string(),
  /** Optional so personas without a shell model still load; the shell falls back to a stock VM. */
  hardware: HardwarePersonaSchema.optional(),
  /** Set by the instance identity at start, never in a persona file: machine-id, DMI, the admin's account. */
  instance: MachineFactsSchema.optional(),
});

export const SshPersonaSchema = z.strictObject({
  name: z.string(),
  /** The software part of the identification string: SSH-2.0-<ident>. */
  ident: z.string().regex(/^[\x21-\x7e]+( [\x20-\x7e]*)?$/),
  /** The server's KEXINIT lists, in the real product's order, restricted to what ssh2 can speak. */
  algorithms: z.strictObject({
    kex: nameList,
    server_host_key: nameList,
    cipher: nameList,
    mac: nameList,
    compress: nameList,
  }),
  /** Authentication methods advertised after a failed attempt, in the real product's order. */
  auth_methods: z.array(z.enum(['publickey', 'password', 'keyboard-interactive'])).min(1),
  /** The prompt text of a keyboard-interactive password request. */
  keyboard_interactive_prompt: z.string(),
  os: OsPersonaSchema,
});

export type SshPersona = z.infer<typeof SshPersonaSchema>;
export type OsPersona = z.infer<typeof OsPersonaSchema>;
export type HardwarePersona = z.infer<typeof HardwarePersonaSchema>;
