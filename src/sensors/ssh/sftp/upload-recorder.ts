// Every file an SFTP or scp session writes: stored once by SHA-256 in the artifact store and reported as
// session.file_upload under its absolute path. The session's byte budget bounds what one channel may store.
import type { StoredArtifact } from '../../artifact-store.js';
import type { ShellEventId } from '../../shell/command-session.js';
import type { EventFields } from '../../../schema/events.js';

export interface UploadSink {
  emit<K extends ShellEventId>(eventid: K, fields: EventFields<K>): void;
  saveArtifact(data: Buffer): StoredArtifact;
}

/** Bytes one SFTP or scp channel may store in all, whatever the file system's quota leaves. */
export const DEFAULT_SESSION_BYTES = 64 * 1024 * 1024;

export class UploadRecorder {
  private used = 0;

  constructor(
    private readonly sink: UploadSink,
    private readonly sessionBytes = DEFAULT_SESSION_BYTES,
  ) {}

  /** Bytes the session may still take in. */
  get left(): number {
    return Math.max(0, this.sessionBytes - this.used);
  }

  /** Counts bytes received for a file; false when the session's budget is spent (the caller reports ENOSPC). */
  take(n: number): boolean {
    if (n > this.left) return false;
    this.used += n;
    return true;
  }

  record(filename: string, data: Buffer, truncated: boolean): void {
    const saved = this.sink.saveArtifact(data);
    this.sink.emit('session.file_upload', { filename, shasum: saved.shasum, size: data.length, duplicate: saved.duplicate, truncated });
  }
}
