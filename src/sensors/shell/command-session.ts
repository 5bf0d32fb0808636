// What a command can reach beyond its own text streams: the session's events, the artifact store and,
// only when the operator enabled it, the guarded fetcher. Absent in unit tests of pure text tools.
import type { EventFields, EventId } from '../../schema/events.js';
import type { StoredArtifact } from '../artifact-store.js';
import type { Downloads } from '../downloads/types.js';

export type ShellEventId = Exclude<EventId, 'session.connect' | 'session.closed'>;

export interface CommandSession {
  emit<K extends ShellEventId>(eventid: K, fields: EventFields<K>): void;
  /** Stores bytes once by SHA-256 (the same store FTP and HTTP uploads use). */
  saveArtifact(data: Buffer): StoredArtifact;
  /** The attacker's address, normalised (no ::ffff: prefix). */
  remoteAddress: string;
  /** wget, curl, tftp, ftpget: the guarded fetcher (or, fetching off, only its `enabled: false`); absent: off. */
  downloads?: Downloads;
}
