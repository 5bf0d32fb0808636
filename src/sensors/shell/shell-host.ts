// Assembles one session's shell from what its sensor shares (persona, artifact store, file systems ...) and what
// is the session's own (scope, user). SSH and Telnet both open their shells here, so they behave alike.
import type { SessionScope } from '../../core/session-scope.js';
import type { OsPersona } from '../../schema/persona.js';
import { ArtifactStore } from '../artifact-store.js';
import type { Command } from './command.js';
import type { CommandSession } from './command-session.js';
import { Shell, type ShellUser } from './shell.js';

/** Built once per sensor in start(): everything its sessions share. */
export interface ShellServices {
  os: OsPersona;
  hostname: string;
  flavour: 'bash' | 'ash';
  artifacts: ArtifactStore;
  /** A command table other than the stock one (BusyBox devices). */
  commands?: ReadonlyMap<string, Command>;
}

export function shellServices(dataDir: string, base: Omit<ShellServices, 'artifacts'>): ShellServices {
  return { ...base, artifacts: new ArtifactStore(`${dataDir}/artifacts`) };
}

export interface ShellHostDeps {
  services: ShellServices;
  scope: SessionScope;
  user: ShellUser;
  /** interactive: a login shell on a terminal; exec: an SSH exec request (`bash -c`). */
  mode: 'interactive' | 'exec';
}

export function openShell(deps: ShellHostDeps): Shell {
  const { services, scope } = deps;
  const session: CommandSession = {
    emit: (eventid, fields) => scope.emit(eventid, fields),
    saveArtifact: (data) => services.artifacts.save(data),
    remoteAddress: scope.srcIp,
  };
  return new Shell({
    user: deps.user,
    hostname: services.hostname,
    os: services.os,
    mode: deps.mode,
    flavour: services.flavour,
    session,
    onUnknown: (input) => scope.emit('command.failed', { input }),
    ...(services.commands ? { commands: services.commands } : {}),
  });
}
