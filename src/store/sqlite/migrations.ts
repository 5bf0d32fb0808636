// Schema changes as an ordered list of named migrations, applied once each inside one transaction and
// recorded in schema_migrations; a migration is never edited after release, only followed by a new one.
import { sql, type Kysely } from 'kysely';
import { PhantomError } from '../../core/errors.js';
import type { StoreDatabase } from './schema.js';

/**
 * What a migration may use: the schema builder and raw compiled queries, untyped, because migrations
 * describe history that the current table types do not.
 */
export type MigrationDb = Pick<Kysely<unknown>, 'schema' | 'executeQuery'>;

export interface Migration {
  /** Unique and never renamed: it is the key recorded in schema_migrations. */
  readonly name: string;
  up(db: MigrationDb): Promise<void>;
}

/** Envelope columns of `events`, each with its own index (id is the primary key). */
const EVENT_INDEXED = ['timestamp', 'eventid', 'sensor', 'session', 'protocol', 'src_ip', 'src_port', 'dst_ip', 'dst_port'];

export const MIGRATIONS: readonly Migration[] = [
  {
    name: '0001_events_sessions_sources',
    async up(db) {
      // STRICT: a wrong type is refused at insert instead of being stored and surprising a reader later.
      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('timestamp', 'text', (c) => c.notNull())
        .addColumn('eventid', 'text', (c) => c.notNull())
        .addColumn('sensor', 'text', (c) => c.notNull())
        .addColumn('session', 'text', (c) => c.notNull())
        .addColumn('protocol', 'text', (c) => c.notNull())
        .addColumn('src_ip', 'text', (c) => c.notNull())
        .addColumn('src_port', 'integer', (c) => c.notNull())
        .addColumn('dst_ip', 'text', (c) => c.notNull())
        .addColumn('dst_port', 'integer', (c) => c.notNull())
        .addColumn('data', 'text', (c) => c.notNull())
        .modifyEnd(sql`strict`)
        .execute();
      for (const column of EVENT_INDEXED) {
        await db.schema.createIndex(`events_${column}`).on('events').column(column).execute();
      }

      await db.schema
        .createTable('sessions')
        .addColumn('session', 'text', (c) => c.primaryKey().notNull())
        .addColumn('sensor', 'text', (c) => c.notNull())
        .addColumn('protocol', 'text', (c) => c.notNull())
        .addColumn('src_ip', 'text', (c) => c.notNull())
        .addColumn('src_port', 'integer', (c) => c.notNull())
        .addColumn('dst_ip', 'text', (c) => c.notNull())
        .addColumn('dst_port', 'integer', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text')
        .addColumn('duration_ms', 'integer')
        .addColumn('close_reason', 'text')
        .addColumn('event_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('login_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('login_successes', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('commands', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('credentials', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('username', 'text')
        .addColumn('client_version', 'text')
        .addColumn('hassh', 'text')
        .addColumn('outcome', 'text', (c) =>
          c.generatedAlwaysAs(
            sql`case when end_time is null then 'open' when login_successes > 0 then 'authenticated' when login_attempts > 0 then 'auth_failed' else 'no_auth' end`,
          ),
        )
        .modifyEnd(sql`strict`)
        .execute();
      await db.schema.createIndex('sessions_src_ip').on('sessions').column('src_ip').execute();
      await db.schema.createIndex('sessions_start_time').on('sessions').column('start_time').execute();

      await db.schema
        .createTable('sources')
        .addColumn('src_ip', 'text', (c) => c.primaryKey().notNull())
        .addColumn('first_seen', 'text', (c) => c.notNull())
        .addColumn('last_seen', 'text', (c) => c.notNull())
        .addColumn('sessions', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('events', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('login_attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('login_successes', 'integer', (c) => c.notNull().defaultTo(0))
        .modifyEnd(sql`strict`)
        .execute();
      await db.schema.createIndex('sources_last_seen').on('sources').column('last_seen').execute();
    },
  },
  {
    name: '0002_training_runs',
    async up(db) {
      // Per-fold metrics, params, tags and artefacts are JSON: they are read back whole, never queried inside.
      await db.schema
        .createTable('training_runs')
        .addColumn('id', 'text', (c) => c.primaryKey().notNull())
        .addColumn('experiment', 'text', (c) => c.notNull())
        .addColumn('start_time', 'text', (c) => c.notNull())
        .addColumn('end_time', 'text')
        .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('running', 'finished', 'failed')`))
        .addColumn('params', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('fold_metrics', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('metrics', 'text', (c) => c.notNull().defaultTo('{}'))
        .addColumn('artifacts', 'text', (c) => c.notNull().defaultTo('[]'))
        .addColumn('data_sha256', 'text')
        .addColumn('data_rows', 'integer')
        .addColumn('data_cols', 'integer')
        .addColumn('feature_schema_hash', 'text', (c) => c.notNull())
        .addColumn('model_name', 'text')
        .addColumn('model_version', 'integer')
        .addColumn('tags', 'text', (c) => c.notNull().defaultTo('{}'))
        .modifyEnd(sql`strict`)
        .execute();
      await db.schema.createIndex('training_runs_experiment').on('training_runs').column('experiment').execute();
      await db.schema.createIndex('training_runs_start_time').on('training_runs').column('start_time').execute();
    },
  },
];

/**
 * Applies the migrations not yet recorded, in list order, all in one transaction (SQLite DDL is
 * transactional, so a failure leaves the database as it was). Returns the names applied now.
 */
export async function migrate(db: Kysely<StoreDatabase>, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  return db.transaction().execute(async (trx) => {
    await trx.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('name', 'text', (c) => c.primaryKey().notNull())
      .addColumn('applied_at', 'text', (c) => c.notNull())
      .execute();
    const done = new Set((await trx.selectFrom('schema_migrations').select('name').execute()).map((r) => r.name));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...done].filter((name) => !known.has(name));
    if (unknown.length > 0) {
      throw new PhantomError(
        'PN_ERR_STORE',
        `the database was migrated by a newer PhantomNet (unknown migrations: ${unknown.join(', ')}); upgrade PhantomNet or use another store path`,
      );
    }
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.name)) continue;
      await migration.up(trx);
      await trx.insertInto('schema_migrations').values({ name: migration.name, applied_at: new Date().toISOString() }).execute();
      applied.push(migration.name);
    }
    return applied;
  });
}
