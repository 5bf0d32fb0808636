// Test helper: a Shell over the Debian 12 SSH persona, as the SSH sensor builds it for `ssh -t host cmd`
// (an exec request with a terminal; pass execPty: false for one without).
import { loadPersona } from '../../../core/persona-loader.js';
import { SshPersonaSchema, type OsPersona } from '../../../schema/persona.js';
import { Shell, type ShellOptions } from '../shell.js';

export const PERSONA_OS: OsPersona = loadPersona('ssh', 'openssh-9.2p1-debian-12', SshPersonaSchema).os;

export function debianShell(opts: Partial<ShellOptions> = {}): Shell {
  return new Shell({ user: { name: 'root', uid: 0, home: '/root' }, hostname: 'web-prod-02', os: PERSONA_OS, mode: 'exec', execPty: true, ...opts });
}

/** Runs a line and returns its output (stdout and stderr interleaved, as the shell delivers them). */
export async function out(line: string, shell = debianShell()): Promise<string> {
  return (await shell.run(line)).output;
}
