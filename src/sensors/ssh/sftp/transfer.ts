// What SFTP and scp need from the SSH session: the source's view of the emulated file system (the same
// copy-on-write layer its shells see), the artifact store and the persona's disk.
import type { ServerChannel } from 'ssh2';
import type { SessionScope } from '../../../core/session-scope.js';
import type { ShellServices } from '../../shell/shell-host.js';
import type { ShellUser } from '../../shell/shell.js';
import { scratchFs } from '../../shell/fs/index.js';
import type { ShellFs } from '../../shell/fs/types.js';
import { runSftp } from './sftp-channel.js';

export interface TransferDeps {
  scope: SessionScope;
  services: ShellServices;
  user: ShellUser;
  onActivity: () => void;
}

/** The session's file system, with the credentials its shell gets (a user's group is its own uid). */
export function transferFs(deps: TransferDeps): ShellFs {
  const { services, scope, user } = deps;
  const creds = { uid: user.uid, gid: user.uid === 0 ? 0 : user.uid };
  return services.fs?.session(scope.srcIp, creds, user) ?? scratchFs(services.os, services.hostname, user, services.commands);
}

/** The `sftp` subsystem on an accepted channel. */
export function startSftp(stream: ServerChannel, deps: TransferDeps): void {
  const disk = deps.services.os.hardware?.disk;
  runSftp(stream, {
    scope: deps.scope,
    fs: transferFs(deps),
    user: deps.user,
    artifacts: deps.services.artifacts,
    onActivity: deps.onActivity,
    ...(disk ? { disk } : {}),
  });
}
