// The per-instance identity (<data_dir>/instance.json): what makes one deployment's machine unlike every other's
// (host name, user, machine-id, MAC, serials, kernel build, uptime, sizes). Chosen once from a stored seed.
import { z } from 'zod';

const hex = (n: number): z.ZodString => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`), `${n} lowercase hex digits`);
const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lowercase UUID');
const label = z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'a lowercase host name label');

/** What the emulated machine's files and commands reveal beyond the persona: identifiers, DMI, the extra user. */
export const MachineFactsSchema = z.strictObject({
  /** /etc/machine-id and /var/lib/dbus/machine-id. */
  machine_id: hex(32),
  /** /proc/sys/kernel/random/boot_id. */
  boot_id: uuid,
  /** /sys/class/dmi/id/*: as the virtualisation platform fills them (an empty string where it leaves one empty). */
  dmi: z.strictObject({
    sys_vendor: z.string().max(64),
    product_name: z.string().max(64),
    product_serial: z.string().max(64),
    product_uuid: uuid,
    board_vendor: z.string().max(64),
    board_name: z.string().max(64),
    board_serial: z.string().max(64),
    bios_vendor: z.string().max(64),
    bios_version: z.string().max(64),
    bios_date: z.string().max(16),
  }),
  /** The admin's own account (uid 1000), listed in /etc/passwd with a home directory. */
  user: z.strictObject({
    name: z.string().regex(/^[a-z_][a-z0-9_-]{0,31}$/, 'a Debian user name'),
    gecos: z.string().regex(/^[^:\n]*$/).max(64),
  }),
});
export type MachineFacts = z.infer<typeof MachineFactsSchema>;

export const InstanceIdentitySchema = z.strictObject({
  version: z.literal(1),
  /** Everything below was derived from this seed (and `created`); a missing field is derived again from it. */
  seed: hex(32),
  created: z.iso.datetime(),
  hostname: label,
  /** DNS domain the host belongs to (SMTP and HTTPS names are built from it). */
  domain: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/, 'a lowercase DNS domain'),
  /** Which virtualisation platform the machine claims; decides NIC and disk names and the DMI vendor. */
  platform: z.string().regex(/^[a-z0-9-]+$/),
  kernel: z.strictObject({
    /** uname -r, e.g. 6.1.0-37-amd64 */
    release: z.string().regex(/^[\x21-\x7e]{1,64}$/),
    /** uname -v, e.g. #1 SMP PREEMPT_DYNAMIC Debian 6.1.140-1 (2025-05-22) */
    version: z.string().regex(/^[\x20-\x7e]{1,128}$/),
  }),
  nic: z.strictObject({
    name: z.string().regex(/^[a-z0-9]{1,15}$/),
    mac: z.string().regex(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/),
    ipv4: z.ipv4(),
    prefix: z.number().int().min(8).max(30),
  }),
  hardware: z.strictObject({
    cores: z.number().int().min(1).max(64),
    memory_kb: z.number().int().min(65_536),
    swap_kb: z.number().int().nonnegative(),
    memory_used_ratio: z.number().min(0.02).max(0.9),
    hypervisor: z.string().min(1).max(32),
    disk_device: z.string().regex(/^\/dev\/[a-z0-9]+$/),
    disk_size_kb: z.number().int().positive(),
    disk_used_kb: z.number().int().nonnegative(),
    load_average: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]),
  }),
  /** How long the machine had been up when the process started. */
  uptime_base_seconds: z.number().int().min(60),
  machine: MachineFactsSchema,
});
export type InstanceIdentity = z.infer<typeof InstanceIdentitySchema>;
