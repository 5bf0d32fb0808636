// `phantomnet init`: give this deployment its own machine identity and print what was chosen (for the operator).
import { loadConfigOrThrow } from '../core/config-loader.js';
import { PhantomError } from '../core/errors.js';
import { initInstance } from '../app/init-instance.js';

export function initCommand(opts: { config?: string; force?: boolean }): number {
  try {
    const config = loadConfigOrThrow({ ...(opts.config ? { file: opts.config } : {}), env: process.env, cwd: process.cwd() });
    const r = initInstance(config, { force: opts.force === true });
    const id = r.identity;
    const lines = [
      `instance identity written to ${r.file}`,
      `  hostname:   ${id.hostname} (domain ${id.domain})${config.ssh.hostname ? `; ssh.hostname in the configuration overrides it: ${config.ssh.hostname}` : ''}`,
      `  kernel:     ${id.kernel.release} ${id.kernel.version}`,
      `  platform:   ${id.platform}, ${id.hardware.cores} CPUs, ${Math.round(id.hardware.memory_kb / 1024)} MiB, disk ${id.hardware.disk_device}`,
      `  network:    ${id.nic.name} ${id.nic.mac} ${id.nic.ipv4}/${id.nic.prefix}`,
      `  admin user: ${id.machine.user.name} (uid 1000)`,
      `  machine-id: ${id.machine.machine_id}`,
      `  uptime:     ${Math.floor(id.uptime_base_seconds / 86_400)} days at start`,
      ...r.hostKeys.map((k) => `ssh host key: ${k.type} ${k.fingerprint}`),
      `https certificate: CN=${r.tlsName}`,
    ];
    process.stdout.write(lines.join('\n') + '\n');
    return 0;
  } catch (e) {
    if (e instanceof PhantomError) {
      process.stderr.write(`phantomnet: ${e.code}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
