// The virtualisation platforms an instance may claim to run on. Each keeps its pieces consistent: the NIC name
// and MAC vendor prefix, the disk device, lscpu's hypervisor vendor and the DMI strings the platform writes.
import type { MachineFacts } from '../../schema/instance-identity.js';
import { formatUuid, type Draw } from './draw.js';

type Dmi = MachineFacts['dmi'];

export interface Platform {
  id: string;
  /** How often it is chosen, relative to the others. */
  weight: number;
  hypervisor: string;
  nicNames: readonly string[];
  /** Vendor prefixes (OUI) of the MACs this platform assigns. */
  ouis: readonly string[];
  disk: string;
  /** Cloud images boot Debian's cloud kernel flavour and have no swap. */
  cloudImage: boolean;
  dmi(d: Draw, productUuid: string): Dmi;
}

const SEABIOS_DATE = '04/01/2014';

/** Two groups of digits as Hyper-V writes its serials: 0000-0014-8541-0622-9856-0374-38. */
function hypervSerial(d: Draw, label: string): string {
  const digits = [...d.bytes(label, 30)].map((b) => String(b % 10)).join('');
  return `${digits.slice(0, 4)}-${digits.slice(4, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20, 24)}-${digits.slice(24, 26)}`;
}

export const PLATFORMS: readonly Platform[] = [
  {
    id: 'proxmox',
    weight: 4,
    hypervisor: 'KVM',
    nicNames: ['ens18'],
    ouis: ['bc:24:11', 'bc:24:11', '52:54:00'],
    disk: '/dev/sda1',
    cloudImage: false,
    dmi: (_d, productUuid) => ({
      sys_vendor: 'QEMU',
      product_name: 'Standard PC (i440FX + PIIX, 1996)',
      product_serial: '',
      product_uuid: productUuid,
      board_vendor: '',
      board_name: '',
      board_serial: '',
      bios_vendor: 'SeaBIOS',
      bios_version: 'rel-1.16.3-0-ga6ed6b701f0a-prebuilt.qemu.org',
      bios_date: SEABIOS_DATE,
    }),
  },
  {
    id: 'libvirt',
    weight: 3,
    hypervisor: 'KVM',
    nicNames: ['enp1s0', 'ens3'],
    ouis: ['52:54:00'],
    disk: '/dev/vda1',
    cloudImage: false,
    dmi: (_d, productUuid) => ({
      sys_vendor: 'QEMU',
      product_name: 'Standard PC (Q35 + ICH9, 2009)',
      product_serial: '',
      product_uuid: productUuid,
      board_vendor: '',
      board_name: '',
      board_serial: '',
      bios_vendor: 'SeaBIOS',
      bios_version: '1.16.2-debian-1.16.2-1',
      bios_date: SEABIOS_DATE,
    }),
  },
  {
    id: 'openstack',
    weight: 2,
    hypervisor: 'KVM',
    nicNames: ['ens3'],
    ouis: ['fa:16:3e'],
    disk: '/dev/vda1',
    cloudImage: true,
    dmi: (d, productUuid) => ({
      sys_vendor: 'OpenStack Foundation',
      product_name: 'OpenStack Nova',
      product_serial: d.uuid('dmi.openstack.serial'),
      product_uuid: productUuid,
      board_vendor: '',
      board_name: '',
      board_serial: '',
      bios_vendor: 'SeaBIOS',
      bios_version: '1.15.0-1',
      bios_date: SEABIOS_DATE,
    }),
  },
  {
    id: 'vmware',
    weight: 4,
    hypervisor: 'VMware',
    nicNames: ['ens192', 'ens160', 'ens33'],
    ouis: ['00:50:56', '00:0c:29'],
    disk: '/dev/sda1',
    cloudImage: false,
    dmi: (d) => {
      // VMware derives the serial from the BIOS UUID; the kernel prints the UUID's first three fields byte-swapped.
      const b = d.bytes('dmi.vmware.uuid', 16);
      b[0] = 0x42;
      const pairs = [...b].map((x) => x.toString(16).padStart(2, '0'));
      const serial = `VMware-${pairs.slice(0, 8).join(' ')}-${pairs.slice(8).join(' ')}`;
      const swapped = Buffer.concat([Buffer.from(b.subarray(0, 4)).reverse(), Buffer.from(b.subarray(4, 6)).reverse(), Buffer.from(b.subarray(6, 8)).reverse(), b.subarray(8)]);
      return {
        sys_vendor: 'VMware, Inc.',
        product_name: 'VMware7,1',
        product_serial: serial,
        product_uuid: formatUuid(swapped),
        board_vendor: 'Intel Corporation',
        board_name: '440BX Desktop Reference Platform',
        board_serial: 'None',
        bios_vendor: 'VMware, Inc.',
        bios_version: 'VMW71.00V.21100432.B64.2301110304',
        bios_date: '01/11/2023',
      };
    },
  },
  {
    id: 'hyperv',
    weight: 1,
    hypervisor: 'Microsoft',
    nicNames: ['eth0'],
    ouis: ['00:15:5d'],
    disk: '/dev/sda1',
    cloudImage: false,
    dmi: (d, productUuid) => ({
      sys_vendor: 'Microsoft Corporation',
      product_name: 'Virtual Machine',
      product_serial: hypervSerial(d, 'dmi.hyperv.serial'),
      product_uuid: productUuid,
      board_vendor: 'Microsoft Corporation',
      board_name: 'Virtual Machine',
      board_serial: hypervSerial(d, 'dmi.hyperv.board'),
      bios_vendor: 'Microsoft Corporation',
      bios_version: 'Hyper-V UEFI Release v4.1',
      bios_date: '04/06/2022',
    }),
  },
];

export function platformById(id: string): Platform | undefined {
  return PLATFORMS.find((p) => p.id === id);
}
