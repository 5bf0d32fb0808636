// Assembles one session's shell from what its sensor shares (persona, artifact store, file systems ...) and what
// is the session's own (scope, user). SSH and Telnet both open their shells here, so they behave alike.
import type { SessionScope } from '../../core/session-scope.js';
import type { OsPersona } from '../../schema/persona.js';
import { ArtifactStore } from '../artifact-store.js';
import type { DownloadService } from '../downloads/fetcher.js';
import type { Command } from './command.js';
import type { CommandSession } from './command-session.js';
import type { FsRegistry } from './fs/index.js';
import type { LastLogins } from './last-login.js';
import type { RecordingSettings } from './recording/session-recording.js';
import { Shell, type ShellUser } from './shell.js';

/** Built once per sensor in start(): everything its sessions share. */
export interface ShellServices {
  os: OsPersona;
  hostname: string;
  flavour: 'bash' | 'ash';
  artifacts: ArtifactStore;
  /** A command table other than the stock one (BusyBox devices). */
  commands?: ReadonlyMap<string, Command>;
  /** Session recording (asciinema casts); absent: interactive sessions are not recorded. */
  recording?: RecordingSettings;
  /** Mean pause before an interactive command's output, in ms; absent or 0: none. */
  commandLatencyMs?: number;
  /** Previous logins per user, for sshd's "Last login:" line. */
  lastLogins?: LastLogins;
  /** wget/curl/tftp/ftpget: the guarded fetcher built from shell.downloads; absent: fetching off. */
  downloads?: DownloadService;
  /** The emulated file system (shared tree, a copy-on-write layer per source); absent: a private one per shell. */
  fs?: FsRegistry;
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
  /** The exec request came with a pty (`ssh -t host cmd`). */
  pty?: boolean;
}

export function openShell(deps: ShellHostDeps): Shell {
  const { services, scope } = deps;
  const session: CommandSession = {
    emit: (eventid, fields) => scope.emit(eventid, fields),
    saveArtifact: (data) => services.artifacts.save(data),
    remoteAddress: scope.srcIp,
    ...(services.downloads ? { downloads: services.downloads.forSession() } : {}),
  };
  const fs = services.fs?.session(scope.srcIp, { uid: deps.user.uid, gid: deps.user.uid === 0 ? 0 : deps.user.uid }, deps.user);
  return new Shell({
    ...(fs ? { fs } : {}),
    user: deps.user,
    hostname: services.hostname,
    os: services.os,
    mode: deps.mode,
    ...(deps.pty ? { execPty: true } : deps.mode === 'exec' ? { separateStderr: true } : {}),
    flavour: services.flavour,
    session,
    onUnknown: (input) => scope.emit('command.failed', { input }),
    ...(services.commands ? { commands: services.commands } : {}),
  });
}
