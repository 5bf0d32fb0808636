// Writes one batch of events in one SQLite transaction: the events, then one upsert per session and per source.
// The statements are built and compiled once with Kysely and run as reused better-sqlite3 prepared statements.
import Database from 'better-sqlite3';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PhantomError } from '../../core/errors.js';
import type { PhantomEvent } from '../../schema/events.js';
import { BatchAggregate, type SessionDelta, type SourceDelta } from './batch-aggregate.js';
import { EVENT_COLUMNS, eventValues } from './event-row.js';
import type { StoreDatabase } from './schema.js';

const SESSION_COLUMNS = [
  'session',
  'sensor',
  'protocol',
  'src_ip',
  'src_port',
  'dst_ip',
  'dst_port',
  'start_time',
  'end_time',
  'duration_ms',
  'close_reason',
  'event_count',
  'login_attempts',
  'login_successes',
  'commands',
  'credentials',
  'username',
  'client_version',
  'hassh',
] as const satisfies readonly (keyof SessionDelta)[];

const SOURCE_COLUMNS = [
  'src_ip',
  'first_seen',
  'last_seen',
  'sessions',
  'events',
  'login_attempts',
  'login_successes',
] as const satisfies readonly (keyof SourceDelta)[];

type SqlValue = string | number | null;

export interface BatchWriterOptions {
  /** Credentials kept per session row; further attempts are only counted. */
  maxCredentials: number;
  /** An event SQLite refuses (a constraint or type error): it is skipped, never retried, and reported here. */
  onRejected: (event: PhantomEvent, err: unknown) => void;
}

/**
 * One positional `?` per column, in `columns` order. Typed `never` so it fits any column type: the values
 * are bound later by the prepared statement, not by Kysely.
 */
function placeholders<C extends string>(columns: readonly C[]): Record<C, RawBuilder<never>> {
  return Object.fromEntries(columns.map((c) => [c, sql<never>`?`])) as Record<C, RawBuilder<never>>;
}

/** Compiled insert SQL, checked to bind its `?` in `columns` order (the prepared statement relies on it). */
function compiledInsert(query: { compile(): { sql: string } }, table: string, columns: readonly string[]): string {
  const text = query.compile().sql;
  const expected = `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`;
  if (!text.startsWith(expected)) {
    throw new PhantomError('PN_ERR_STORE', `compiled insert into ${table} does not bind its columns in the expected order: ${text}`);
  }
  return text;
}

/** Errors that retrying cannot fix because they come from the event itself, not from the disk or a lock. */
function isEventError(err: unknown): boolean {
  if (err instanceof Database.SqliteError) return /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG|RANGE)/.test(err.code);
  return err instanceof TypeError || err instanceof RangeError;
}

export class BatchWriter {
  private readonly insertEvent: Database.Statement<SqlValue[]>;
  private readonly upsertSession: Database.Statement<SqlValue[]>;
  private readonly upsertSource: Database.Statement<SqlValue[]>;
  private readonly transaction: (events: readonly PhantomEvent[]) => number;

  constructor(
    db: Database.Database,
    kysely: Kysely<StoreDatabase>,
    private readonly opts: BatchWriterOptions,
  ) {
    const cap = sql.lit(opts.maxCredentials);
    // An event already stored (a re-delivery) is skipped and not counted again in its session and source.
    const events = kysely.insertInto('events').values(placeholders(EVENT_COLUMNS)).onConflict((oc) => oc.column('id').doNothing());
    const sessions = kysely
      .insertInto('sessions')
      .values(placeholders(SESSION_COLUMNS))
      .onConflict((oc) =>
        oc.column('session').doUpdateSet({
          start_time: sql`min(sessions.start_time, excluded.start_time)`,
          end_time: sql`coalesce(excluded.end_time, sessions.end_time)`,
          duration_ms: sql`coalesce(excluded.duration_ms, sessions.duration_ms)`,
          close_reason: sql`coalesce(excluded.close_reason, sessions.close_reason)`,
          event_count: sql`sessions.event_count + excluded.event_count`,
          login_attempts: sql`sessions.login_attempts + excluded.login_attempts`,
          login_successes: sql`sessions.login_successes + excluded.login_successes`,
          commands: sql`sessions.commands + excluded.commands`,
          // Append this batch's attempts to the stored ones, keeping the first `cap` in the order tried.
          credentials: sql`case
            when excluded.credentials = '[]' then sessions.credentials
            when sessions.credentials = '[]' then excluded.credentials
            when json_array_length(sessions.credentials) >= ${cap} then sessions.credentials
            else (select json_group_array(json(value) order by part, key) from (
              select 0 as part, key, value from json_each(sessions.credentials)
              union all
              select 1 as part, key, value from json_each(excluded.credentials)
              order by part, key limit ${cap}))
            end`,
          username: sql`coalesce(excluded.username, sessions.username)`,
          client_version: sql`coalesce(excluded.client_version, sessions.client_version)`,
          hassh: sql`coalesce(excluded.hassh, sessions.hassh)`,
        }),
      );
    const sources = kysely
      .insertInto('sources')
      .values(placeholders(SOURCE_COLUMNS))
      .onConflict((oc) =>
        oc.column('src_ip').doUpdateSet({
          first_seen: sql`min(sources.first_seen, excluded.first_seen)`,
          last_seen: sql`max(sources.last_seen, excluded.last_seen)`,
          sessions: sql`sources.sessions + excluded.sessions`,
          events: sql`sources.events + excluded.events`,
          login_attempts: sql`sources.login_attempts + excluded.login_attempts`,
          login_successes: sql`sources.login_successes + excluded.login_successes`,
        }),
      );
    this.insertEvent = db.prepare<SqlValue[]>(compiledInsert(events, 'events', EVENT_COLUMNS));
    this.upsertSession = db.prepare<SqlValue[]>(compiledInsert(sessions, 'sessions', SESSION_COLUMNS));
    this.upsertSource = db.prepare<SqlValue[]>(compiledInsert(sources, 'sources', SOURCE_COLUMNS));
    this.transaction = db.transaction((batch: readonly PhantomEvent[]) => this.writeInTransaction(batch));
  }

  /** Commits the batch atomically and returns how many events were newly stored; throws if nothing was. */
  write(events: readonly PhantomEvent[]): number {
    return this.transaction(events);
  }

  private writeInTransaction(events: readonly PhantomEvent[]): number {
    const aggregate = new BatchAggregate(this.opts.maxCredentials);
    const insert = this.insertEvent;
    let inserted = 0;
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      let changes: number;
      try {
        changes = insert.run(...eventValues(e)).changes;
      } catch (err) {
        // A refused statement is undone on its own; the transaction and the rest of the batch go on.
        if (!isEventError(err)) throw err;
        this.opts.onRejected(e, err);
        continue;
      }
      if (changes === 0) continue;
      inserted++;
      aggregate.add(e);
    }
    for (const s of aggregate.sessions.values()) {
      this.upsertSession.run(...SESSION_COLUMNS.map((c): SqlValue => (c === 'credentials' ? JSON.stringify(s.credentials) : s[c])));
    }
    for (const src of aggregate.sources.values()) {
      this.upsertSource.run(...SOURCE_COLUMNS.map((c): SqlValue => src[c]));
    }
    return inserted;
  }
}
