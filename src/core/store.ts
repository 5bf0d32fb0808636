// The Store contract: durable events, sessions, sources and training runs; SQLite now, PostgreSQL in fleet mode.
import type { PhantomEvent, EventId, Protocol } from '../schema/events.js';
import type { TrainingRun, TrainingRunQuery } from './training-run.js';

export type { TrainingRun, TrainingRunQuery, TrainingRunStatus } from './training-run.js';

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
  /**
   * Insert or replace a training run by id (a run is recorded as running, then finished or failed).
   * Written at once, not group-committed. A run trainingRunProblem() refuses fails with PN_ERR_STORE.
   */
  recordRun(run: TrainingRun): Promise<void>;
  /** Training runs, most recent start first (default limit 100). */
  runs(query?: TrainingRunQuery): Promise<TrainingRun[]>;
  run(id: string): Promise<TrainingRun | undefined>;
  /** Number of events committed since the store was opened (for benchmarks and health). */
  committedCount(): number;
  close(): Promise<void>;
}
