// The embedded Store: one SQLite file in WAL mode, written by group commit, read through Kysely.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Selectable } from 'kysely';
import { PhantomError } from '../../core/errors.js';
import { throttled, type Logger } from '../../core/logger.js';
import type { Metrics } from '../../core/metrics.js';
import type { EventQuery, SessionRecord, SourceRecord, Store, TrainingRun, TrainingRunQuery, TriedCredential } from '../../core/store.js';
import { trainingRunProblem } from '../../core/training-run.js';
import { StoreConfigSchema } from '../../schema/config.js';
import type { PhantomEvent } from '../../schema/events.js';
import { ThreadedWriter } from './threaded-writer.js';
import type { RejectedEvent } from './writer-protocol.js';
import { rowToEvent } from './event-row.js';
import { GroupCommit } from './group-commit.js';
import { migrate } from './migrations.js';
import { rowToRun, runToRow } from './run-row.js';
import type { SessionsTable, StoreDatabase } from './schema.js';

export interface SqliteStoreOptions {
  /** The database file; its directory is created (0700) if missing, the file is kept at 0600. */
  path: string;
  logger: Logger;
  metrics: Metrics;
  /** Most events per transaction (config store.batch_size). */
  batchSize?: number;
  /** Longest an event waits for its commit (config store.flush_interval_ms). */
  flushIntervalMs?: number;
  /** How long a write waits for another process's lock before failing (a `sqlite3` shell, a backup). */
  busyTimeoutMs?: number;
  /** Credentials kept per session row; later attempts are only counted. */
  maxCredentials?: number;
  /** Events waiting for commit at which writable() starts holding its callers. Default 16 batches. */
  maxPending?: number;
}

const storeDefaults = StoreConfigSchema.parse({});
/** The configuration's defaults (store.batch_size, store.flush_interval_ms), kept in one place. */
export const DEFAULT_BATCH_SIZE = storeDefaults.batch_size;
export const DEFAULT_FLUSH_INTERVAL_MS = storeDefaults.flush_interval_ms;
export const DEFAULT_MAX_CREDENTIALS = 100;
const DEFAULT_BUSY_TIMEOUT_MS = 5000;
const DEFAULT_EVENTS_LIMIT = 1000;
const DEFAULT_SESSIONS_LIMIT = 100;
const DEFAULT_RUNS_LIMIT = 100;

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Creates the directory (0700) and the file (0600) ourselves: SQLite would create the file with the umask's mode. */
function prepareFile(path: string): void {
  const dir = dirname(path);
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  // An existing file made by another tool keeps attacker data: tighten it too. SQLite gives -wal/-shm the same mode.
  chmodSync(path, 0o600);
}

function toSessionRecord(row: Selectable<SessionsTable>): SessionRecord {
  return {
    session: row.session,
    sensor: row.sensor,
    protocol: row.protocol,
    src_ip: row.src_ip,
    src_port: row.src_port,
    dst_ip: row.dst_ip,
    dst_port: row.dst_port,
    start_time: row.start_time,
    end_time: row.end_time,
    duration_ms: row.duration_ms,
    close_reason: row.close_reason,
    event_count: row.event_count,
    login_attempts: row.login_attempts,
    commands: row.commands,
    credentials: JSON.parse(row.credentials) as TriedCredential[],
    username: row.username,
    client_version: row.client_version,
    hassh: row.hassh,
    outcome: row.outcome,
  };
}

export class SqliteStore implements Store {
  private readonly commits: GroupCommit<PhantomEvent>;
  private committed = 0;
  private closed = false;

  private constructor(
    private readonly db: Kysely<StoreDatabase>,
    private readonly writer: ThreadedWriter,
    onRejected: (r: RejectedEvent) => void,
    options: SqliteStoreOptions,
    logger: Logger,
  ) {
    const { metrics } = options;
    const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
    this.commits = new GroupCommit<PhantomEvent>({
      batchSize,
      flushIntervalMs: options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS,
      highWater: options.maxPending ?? batchSize * 16,
      commit: async (batch) => {
        try {
          // The commit runs on the writer thread: the event loop stays free for the sensors meanwhile.
          const result = await writer.write(batch);
          this.committed += result.inserted;
          for (const r of result.rejected) onRejected(r);
        } catch (err) {
          throw new PhantomError('PN_ERR_STORE', `commit of ${batch.length} events failed (kept for retry): ${message(err)}`, { cause: err });
        }
      },
      onFailure: (err, batchLength, attempt) => {
        metrics.inc('store.commit_failures');
        logger.error('commit failed; the batch stays queued and is retried', {
          code: 'PN_ERR_STORE',
          events: batchLength,
          waiting: this.commits.pending,
          attempt,
          error: message(err),
        });
      },
    });
  }

  /** Opens (creating if needed) and migrates the database. Fails with PN_ERR_STORE and the reason. */
  static async open(options: SqliteStoreOptions): Promise<SqliteStore> {
    const path = resolve(options.path);
    const logger = options.logger.child({ component: 'store', store: 'sqlite' });
    let last = { eventid: '', id: '', error: '' };
    const reportRejected = throttled(5000, (suppressed) =>
      logger.error('event refused by the database and skipped', { code: 'PN_ERR_STORE', ...last, suppressed }),
    );
    let raw: Database.Database | undefined;
    try {
      prepareFile(path);
      raw = new Database(path);
      raw.pragma('journal_mode = WAL');
      // NORMAL in WAL mode: a power cut can lose the last commits but never corrupts the file.
      raw.pragma('synchronous = NORMAL');
      raw.pragma(`busy_timeout = ${options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS}`);
      const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: raw }) });
      const applied = await migrate(db);
      if (applied.length > 0) logger.info('store migrated', { path, migrations: applied.join(',') });
      const writer = new ThreadedWriter({
        path,
        busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
        maxCredentials: options.maxCredentials ?? DEFAULT_MAX_CREDENTIALS,
      });
      try {
        await writer.ready();
      } catch (err) {
        await db.destroy();
        throw err;
      }
      const onRejected = (r: RejectedEvent): void => {
        options.metrics.inc('store.rejected_events');
        last = r;
        reportRejected();
      };
      return new SqliteStore(db, writer, onRejected, options, logger);
    } catch (err) {
      raw?.close();
      if (err instanceof PhantomError) throw err;
      throw new PhantomError('PN_ERR_STORE', `could not open the SQLite store at ${path}: ${message(err)}`, { cause: err });
    }
  }

  append(events: readonly PhantomEvent[]): void {
    if (this.closed) throw new PhantomError('PN_ERR_STORE', `append of ${events.length} events after the store was closed`);
    this.commits.add(events);
  }

  flush(): Promise<void> {
    return this.commits.flush();
  }

  /**
   * Resolves when the commit queue is below maxPending. A bus handler awaits it after append() so that a
   * stalled disk backs up the bus queue (bounded, drops counted) instead of growing memory here.
   */
  writable(): Promise<void> {
    return this.commits.writable();
  }

  /** Events waiting for their commit. */
  pending(): number {
    return this.commits.pending;
  }

  async events(query: EventQuery): Promise<PhantomEvent[]> {
    let q = this.db.selectFrom('events').selectAll();
    if (query.session !== undefined) q = q.where('session', '=', query.session);
    if (query.eventid !== undefined) q = q.where('eventid', '=', query.eventid);
    if (query.src_ip !== undefined) q = q.where('src_ip', '=', query.src_ip);
    if (query.since !== undefined) q = q.where('timestamp', '>=', query.since);
    const rows = await q.orderBy('id').limit(query.limit ?? DEFAULT_EVENTS_LIMIT).execute();
    return rows.map(rowToEvent);
  }

  async session(id: string): Promise<SessionRecord | undefined> {
    const row = await this.db.selectFrom('sessions').selectAll().where('session', '=', id).executeTakeFirst();
    return row && toSessionRecord(row);
  }

  /** Most recent first. */
  async sessions(query: { src_ip?: string; limit?: number }): Promise<SessionRecord[]> {
    let q = this.db.selectFrom('sessions').selectAll();
    if (query.src_ip !== undefined) q = q.where('src_ip', '=', query.src_ip);
    const rows = await q
      .orderBy('start_time', 'desc')
      .orderBy('session')
      .limit(query.limit ?? DEFAULT_SESSIONS_LIMIT)
      .execute();
    return rows.map(toSessionRecord);
  }

  async source(ip: string): Promise<SourceRecord | undefined> {
    return this.db.selectFrom('sources').selectAll().where('src_ip', '=', ip).executeTakeFirst();
  }

  async recordRun(run: TrainingRun): Promise<void> {
    if (this.closed) throw new PhantomError('PN_ERR_STORE', `recordRun ${run.id} after the store was closed`);
    const problem = trainingRunProblem(run);
    if (problem !== null) throw new PhantomError('PN_ERR_STORE', `training run refused: ${problem}`);
    const row = runToRow(run);
    try {
      await this.db
        .insertInto('training_runs')
        .values(row)
        .onConflict((oc) => oc.column('id').doUpdateSet(row))
        .execute();
    } catch (err) {
      throw new PhantomError('PN_ERR_STORE', `training run ${run.id} could not be written: ${message(err)}`, { cause: err });
    }
  }

  /** Most recent start first; ties by id so the order is stable. */
  async runs(query: TrainingRunQuery = {}): Promise<TrainingRun[]> {
    let q = this.db.selectFrom('training_runs').selectAll();
    if (query.experiment !== undefined) q = q.where('experiment', '=', query.experiment);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    const rows = await q
      .orderBy('start_time', 'desc')
      .orderBy('id')
      .limit(query.limit ?? DEFAULT_RUNS_LIMIT)
      .execute();
    return rows.map(rowToRun);
  }

  async run(id: string): Promise<TrainingRun | undefined> {
    const row = await this.db.selectFrom('training_runs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && rowToRun(row);
  }

  committedCount(): number {
    return this.committed;
  }

  /** Commits what waits, then closes the file. If the last commit fails the file is closed anyway and the error says how many events were lost. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    let failure: unknown;
    try {
      await this.commits.flush();
    } catch (err) {
      failure = err;
    }
    const lost = this.commits.pending;
    this.commits.stop();
    await this.writer.close();
    await this.db.destroy();
    if (failure !== undefined) {
      throw new PhantomError('PN_ERR_STORE', `store closed with ${lost} events not committed: ${message(failure)}`, { cause: failure });
    }
  }
}
