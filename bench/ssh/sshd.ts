// OpenSSH's sshd as the benchmark's reference: started on a free loopback port with its own sshd_config and
// ed25519 host key in a temporary directory, and a throwaway user with a password, all removed afterwards.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

/** Why sshd cannot be measured here, or undefined when it can. */
export function sshdUnavailable(): string | undefined {
  if (!existsSync(SSHD)) return `${SSHD} is missing: install it with \`apt-get install openssh-server\` to compare against OpenSSH`;
  if (process.getuid?.() !== 0) return 'not running as root: sshd needs root to switch to the throwaway user; skipping the OpenSSH half';
  return undefined;
}

export interface RunningSshd {
  pid: number;
  port: number;
  username: string;
  password: string;
  version: string;
  stop(): Promise<void>;
}

function run(cmd: string, args: string[], input?: string): void {
  const r = spawnSync(cmd, args, { input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr || r.error?.message || `exit ${r.status}`}`);
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (child.exitCode !== null) throw new Error(`sshd exited with status ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = createConnection({ host: '127.0.0.1', port }, () => {
        s.destroy();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on 127.0.0.1:${port}`);
}

/** Start sshd pinned to `core`; the caller must call stop() (it also deletes the user). */
export async function startSshd(core: number): Promise<RunningSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'pn-bench-sshd-'));
  const username = `benchssh${randomBytes(3).toString('hex')}`;
  const password = randomBytes(9).toString('base64url');
  const port = await freePort();
  let userMade = false;
  let child: ChildProcess | undefined;
  const cleanup = async (): Promise<void> => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    if (userMade) spawnSync('userdel', ['-f', '-r', username], { encoding: 'utf8' });
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'ssh_host_ed25519_key')]);
    // sshd refuses to start without its privilege separation directory.
    mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
    const config = join(dir, 'sshd_config');
    writeFileSync(
      config,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'ssh_host_ed25519_key')}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        'UsePAM no',
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication no',
        'PubkeyAuthentication no',
        'PermitRootLogin no',
        `AllowUsers ${username}`,
        // The stock 10:30:100 would drop most of the c=64 connections; the honeypot has no such limit here either.
        'MaxStartups 10000',
        'UseDNS no',
        'PrintMotd yes',
        'LogLevel ERROR',
        '',
      ].join('\n'),
      { mode: 0o600 },
    );
    run('useradd', ['-m', '-d', join(dir, 'home'), '-s', '/bin/bash', username]);
    userMade = true;
    run('chpasswd', [], `${username}:${password}\n`);
    run(SSHD, ['-t', '-f', config]);
    const pkg = spawnSync('dpkg-query', ['-W', '-f', '${Version}', 'openssh-server'], { encoding: 'utf8' });
    const version = pkg.status === 0 ? `openssh-server ${pkg.stdout.trim()}` : 'sshd';
    child = spawn('taskset', ['-c', String(core), SSHD, '-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr?.on('data', () => {});
    await waitForPort(port, child);
    return { pid: child.pid!, port, username, password, version, stop: cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
