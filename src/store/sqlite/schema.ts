// The SQLite tables as Kysely types: what the migrations create and what the reads and the compiled writes see.
import type { ColumnType, GeneratedAlways } from 'kysely';
import type { SessionOutcome, TrainingRunStatus } from '../../core/store.js';
import type { EventId, Protocol } from '../../schema/events.js';

/** One row per event: the envelope as indexed columns, everything else as JSON in `data`. */
export interface EventsTable {
  id: string;
  timestamp: string;
  eventid: EventId;
  sensor: string;
  session: string;
  protocol: Protocol;
  src_ip: string;
  src_port: number;
  dst_ip: string;
  dst_port: number;
  /** JSON object of the event's own fields (those outside the envelope and eventid). */
  data: string;
}

/** One row per connection, maintained from its events. */
export interface SessionsTable {
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
  login_successes: number;
  commands: number;
  /** JSON array of TriedCredential, in the order tried, capped. */
  credentials: string;
  username: string | null;
  client_version: string | null;
  hassh: string | null;
  /** Derived by SQLite from end_time and the login counts, so it can never disagree with them. */
  outcome: GeneratedAlways<SessionOutcome>;
}

/** One row per source address. */
export interface SourcesTable {
  src_ip: string;
  first_seen: string;
  last_seen: string;
  sessions: number;
  events: number;
  login_attempts: number;
  login_successes: number;
}

/** One row per training run; the nested parts are JSON text. */
export interface TrainingRunsTable {
  id: string;
  experiment: string;
  start_time: string;
  end_time: string | null;
  status: TrainingRunStatus;
  /** JSON object. */
  params: string;
  /** JSON array of objects, one per fold. */
  fold_metrics: string;
  /** JSON object. */
  metrics: string;
  /** JSON array of paths. */
  artifacts: string;
  data_sha256: string | null;
  data_rows: number | null;
  data_cols: number | null;
  feature_schema_hash: string;
  model_name: string | null;
  model_version: number | null;
  /** JSON object. */
  tags: string;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: ColumnType<string, string, never>;
}

export interface StoreDatabase {
  events: EventsTable;
  sessions: SessionsTable;
  sources: SourcesTable;
  training_runs: TrainingRunsTable;
  schema_migrations: SchemaMigrationsTable;
}
