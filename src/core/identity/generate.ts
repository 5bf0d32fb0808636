// Builds an instance identity from a seed and the day it was made: a plausible, self-consistent Debian 12 VM
// (platform, NIC, disk, memory, kernel build, uptime, host name, admin user, machine-id, DMI serials).
import { randomBytes } from 'node:crypto';
import type { InstanceIdentity } from '../../schema/instance-identity.js';
import { Draw } from './draw.js';
import { DEBIAN12_KERNELS, kernelRelease, kernelVersion } from './kernels.js';
import { PLATFORMS, type Platform } from './platforms.js';
import { ENVIRONMENTS, FIRST_NAMES, ORGS, PRIVATE_TLDS, ROLE_ACCOUNTS, ROLES, SINGLE_NAMES, SITES, THEMES } from './words.js';

const DAY_S = 86_400;

/** 128 bits of fresh randomness, as instance.json stores it. */
export function newSeed(): string {
  return randomBytes(16).toString('hex');
}

export function generateIdentity(seed: string, created: Date): InstanceIdentity {
  const d = new Draw(seed);
  const platform = d.weighted('platform', PLATFORMS.map((p) => [p, p.weight] as const));
  const hardware = hardwareFor(d, platform);
  const nic = {
    name: d.pick('nic.name', platform.nicNames),
    mac: `${d.pick('nic.oui', platform.ouis)}:${[...d.bytes('nic.mac', 3)].map((b) => b.toString(16).padStart(2, '0')).join(':')}`,
    ...addressFor(d),
  };
  const { kernel, uptime } = kernelAndUptime(d, platform, created);
  const productUuid = d.uuid('dmi.product_uuid');
  const hostname = hostnameFor(d);
  return {
    version: 1,
    seed,
    created: created.toISOString(),
    hostname,
    domain: domainFor(d),
    platform: platform.id,
    kernel,
    nic,
    hardware,
    uptime_base_seconds: uptime,
    machine: {
      machine_id: d.uuid('machine_id').replaceAll('-', ''),
      boot_id: d.uuid('boot_id'),
      dmi: platform.dmi(d, productUuid),
      user: userFor(d, platform),
    },
  };
}

function hardwareFor(d: Draw, platform: Platform): InstanceIdentity['hardware'] {
  const cores = d.weighted('hw.cores', [
    [2, 4],
    [4, 4],
    [8, 2],
    [1, 1],
  ] as const);
  const ramGib = d.pick('hw.ram', cores === 1 ? [1, 2] : cores === 2 ? [2, 4, 8] : cores === 4 ? [4, 8, 16] : [8, 16, 32]);
  // The kernel keeps 2 to 4.5 % for itself and the firmware: MemTotal is never a round figure.
  const memory_kb = Math.round(ramGib * 1_048_576 * (0.955 + 0.02 * d.unit('hw.ram.reserved')));
  const swap_kb = platform.cloudImage ? 0 : d.pick('hw.swap', [998_396, 999_420, 1_000_444, 2_097_148, 4_194_300, 0]);
  const diskGib = d.pick('hw.disk', [20, 25, 32, 40, 50, 64, 80, 100, 120, 160, 200, 250, 500]);
  const disk_size_kb = Math.round(diskGib * 1_048_576 * (0.955 + 0.02 * d.unit('hw.disk.overhead')) - swap_kb);
  const disk_used_kb = Math.min(Math.round(disk_size_kb * 0.9), 1_900_000 + Math.round(disk_size_kb * 0.42 * d.unit('hw.disk.used')));
  const l15 = Math.round(d.unit('hw.load') * 40) / 100;
  return {
    cores,
    memory_kb,
    swap_kb,
    memory_used_ratio: Math.round((0.06 + 0.3 * d.unit('hw.used')) * 1000) / 1000,
    hypervisor: platform.hypervisor,
    disk_device: platform.disk,
    disk_size_kb,
    disk_used_kb,
    load_average: [Math.round((l15 + 0.3 * d.unit('hw.load1')) * 100) / 100, Math.round((l15 + 0.1 * d.unit('hw.load5')) * 100) / 100, l15],
  };
}

/** A private address behind the NAT the attacker came through; never a network or broadcast address. */
function addressFor(d: Draw): { ipv4: string; prefix: number } {
  const host = d.int('ip.host', 10, 250);
  const kind = d.weighted('ip.kind', [
    ['10', 5],
    ['192', 3],
    ['172', 2],
  ] as const);
  if (kind === '10') return { ipv4: `10.${d.int('ip.a', 0, 254)}.${d.int('ip.b', 0, 254)}.${host}`, prefix: d.pick('ip.prefix', [24, 24, 16, 22]) };
  if (kind === '192') return { ipv4: `192.168.${d.int('ip.b', 0, 254)}.${host}`, prefix: 24 };
  return { ipv4: `172.${d.int('ip.a', 16, 31)}.${d.int('ip.b', 0, 254)}.${host}`, prefix: d.pick('ip.prefix', [24, 20, 16]) };
}

/**
 * A build from before the instance was made (favouring recent ones, as on a maintained host), and an uptime
 * that starts after that build, so the running kernel was installed before the machine last booted.
 */
function kernelAndUptime(d: Draw, platform: Platform, created: Date): { kernel: InstanceIdentity['kernel']; uptime: number } {
  const createdMs = created.getTime();
  const eligible = DEBIAN12_KERNELS.filter((k) => Date.parse(`${k.date}T00:00:00Z`) <= createdMs - 3 * DAY_S * 1000);
  const pool = (eligible.length > 0 ? eligible : DEBIAN12_KERNELS.slice(0, 1)).slice(-12);
  const build = d.weighted('kernel', pool.map((k, i) => [k, i + 1] as const));
  const sinceBuild = Math.max(2 * DAY_S, Math.floor((createdMs - Date.parse(`${build.date}T00:00:00Z`)) / 1000) - DAY_S);
  const maxUptime = Math.min(200 * DAY_S, sinceBuild);
  const uptime = Math.max(DAY_S, Math.floor(maxUptime * d.unit('uptime')));
  return { kernel: { release: kernelRelease(build, platform.cloudImage), version: kernelVersion(build) }, uptime };
}

function num(d: Draw, label: string, max: number, pad: boolean): string {
  const n = d.int(label, 1, max);
  return pad ? String(n).padStart(2, '0') : String(n);
}

function hostnameFor(d: Draw): string {
  const role = d.pick('host.role', ROLES);
  const pad = d.unit('host.pad') < 0.75;
  const style = d.weighted('host.style', [
    ['role-env-nn', 4],
    ['role-nn', 4],
    ['srv-role', 2],
    ['single', 2],
    ['site-role-nn', 2],
    ['theme', 2],
    ['env-role-nn', 1],
    ['vps', 1],
  ] as const);
  switch (style) {
    case 'role-env-nn':
      return `${role}-${d.pick('host.env', ENVIRONMENTS)}-${num(d, 'host.n', 6, pad)}`;
    case 'role-nn':
      return `${role}${num(d, 'host.n', 9, pad)}`;
    case 'srv-role':
      return d.unit('host.srvnum') < 0.5 ? `srv-${role}` : `srv-${role}${num(d, 'host.n', 4, pad)}`;
    case 'single':
      return d.pick('host.single', SINGLE_NAMES);
    case 'site-role-nn':
      return `${d.pick('host.site', SITES)}-${role}${num(d, 'host.n', 6, pad)}`;
    case 'theme':
      return d.unit('host.themenum') < 0.6 ? d.pick('host.theme', THEMES) : `${d.pick('host.theme', THEMES)}${num(d, 'host.n', 4, false)}`;
    case 'env-role-nn':
      return `${d.pick('host.env', ENVIRONMENTS)}-${role}${num(d, 'host.n', 4, pad)}`;
    case 'vps':
      // A hoster's generated name: "vps" and the contract number or an id in hex.
      return d.unit('host.vpskind') < 0.5 ? `vps${d.int('host.vpsid', 100_000, 9_999_999)}` : `vps-${d.hex('host.vpshex', 4)}`;
  }
}

function domainFor(d: Draw): string {
  const org = d.pick('domain.org', ORGS);
  const tld = d.pick('domain.tld', PRIVATE_TLDS);
  return d.unit('domain.sub') < 0.3 ? `${d.pick('domain.env', ['prod', 'srv', 'infra', 'dc1', 'office'])}.${org}.${tld}` : `${org}.${tld}`;
}

function userFor(d: Draw, platform: Platform): InstanceIdentity['machine']['user'] {
  // Debian's cloud images create "debian" for cloud-init; adduser writes the full name followed by ",,,".
  if (platform.cloudImage && d.unit('user.cloud') < 0.6) return { name: 'debian', gecos: 'Debian' };
  if (d.unit('user.kind') < 0.25) return { name: d.pick('user.role', ROLE_ACCOUNTS), gecos: ',,,' };
  const name = d.pick('user.name', FIRST_NAMES);
  return { name, gecos: `${name.charAt(0).toUpperCase()}${name.slice(1)},,,` };
}
