// Runs the SFTP subsystem on an accepted SSH channel: bytes to the server, replies back, and the channel
// closed with sftp-server's exit status when a request cannot be parsed.
import type { ServerChannel } from 'ssh2';
import type { SessionScope } from '../../../core/session-scope.js';
import type { FsUser, ShellFs } from '../../shell/fs/types.js';
import type { ArtifactStore } from '../../artifact-store.js';
import { SftpServer, type SftpLimits } from './sftp-server.js';
import { UploadRecorder } from './upload-recorder.js';

export interface SftpChannelDeps {
  scope: SessionScope;
  fs: ShellFs;
  user: FsUser;
  artifacts: ArtifactStore;
  disk?: { size_kb: number; used_kb: number };
  onActivity: () => void;
  limits?: Partial<SftpLimits>;
  sessionBytes?: number;
}

/** Bytes of an unparseable request kept as hex in protocol.error. */
const SAMPLE_BYTES = 256;

export function runSftp(stream: ServerChannel, deps: SftpChannelDeps): void {
  const { scope } = deps;
  const recorder = new UploadRecorder(
    { emit: (eventid, fields) => scope.emit(eventid, fields), saveArtifact: (data) => deps.artifacts.save(data) },
    deps.sessionBytes,
  );
  const server = new SftpServer({
    fs: deps.fs,
    user: deps.user,
    recorder,
    ...(deps.disk ? { disk: deps.disk } : {}),
    ...(deps.limits ? { limits: deps.limits } : {}),
    send: (packet) => {
      if (stream.writable) stream.write(packet);
    },
    exit: (status, reason, sample) => {
      scope.emit('protocol.error', { message: `sftp: ${reason}`.slice(0, 512), data_hex: sample.subarray(0, SAMPLE_BYTES).toString('hex') });
      stream.exit(status);
      stream.end();
    },
  });
  stream.on('data', (chunk: Buffer) => {
    deps.onActivity();
    try {
      server.feed(chunk);
    } catch (e) {
      // An emulation fault must not take the sensor down: the subsystem dies as a crashed sftp-server would.
      if (server.exited) return;
      server.end();
      scope.emit('protocol.error', { message: `sftp failed: ${String(e)}`.slice(0, 512), data_hex: '' });
      stream.exit(255);
      stream.end();
    }
  });
  stream.on('end', () => {
    if (!server.exited) {
      server.end();
      stream.exit(0);
      stream.end();
    }
  });
  stream.on('close', () => {
    if (!server.exited) server.end();
  });
  stream.on('error', () => {
    // A reset channel ends like a closed one; 'close' follows.
  });
}
