// The Store contract: durable events, sessions and sources; SQLite now, PostgreSQL in fleet mode.
import type { PhantomEvent, EventId, Protocol } from '../schema/events.js';

export interface EventQuery {
  session?: string;
  eventid?: EventId;
  src_ip?: string;
  /** ISO-8601 lower bound, inclusive. */
  since?: string;
  limit?: number;
}

/** A credential pair tried in a session, in the order tried. */
export interface TriedCredential {
  username: string;
  password: string;
  success: boolean;
}

export type SessionOutcome = 'open' | 'no_auth' | 'auth_failed' | 'authenticated';

/** One row per connection. */
export interface SessionRecord {
  session: string;
  sensor: string;
  protocol: Protocol;
  src_ip: string;
  src_port: number;
  dst_ip: string;
  dst_port: number;
  start_time: string;
  end_time: string | null;
  duration_ms: number | null;
  close_reason: string | null;
  event_count: number;
  login_attempts: number;
  commands: number;
  credentials: TriedCredential[];
  username: string | null;
  client_version: string | null;
  hassh: string | null;
  outcome: SessionOutcome;
}

export interface SourceRecord {
  src_ip: string;
  first_seen: string;
  last_seen: string;
  sessions: number;
  events: number;
  login_attempts: number;
  login_successes: number;
}

export interface Store {
  /** Queue events for the next group commit. Never blocks the event loop for I/O longer than one batch. */
  append(events: readonly PhantomEvent[]): void;
  /** Resolves when the commit backlog is below its bound; the bus handler awaits it so a stalled disk backs up the bounded bus queue (where drops are counted) instead of memory. */
  writable(): Promise<void>;
  /** Commit everything appended so far. */
  flush(): Promise<void>;
  events(query: EventQuery): Promise<PhantomEvent[]>;
  session(id: string): Promise<SessionRecord | undefined>;
  sessions(query: { src_ip?: string; limit?: number }): Promise<SessionRecord[]>;
  source(ip: string): Promise<SourceRecord | undefined>;
  /** Number of events committed since the store was opened (for benchmarks and health). */
  committedCount(): number;
  close(): Promise<void>;
}
