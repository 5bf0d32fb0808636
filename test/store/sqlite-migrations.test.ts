// Upgrading an existing database: a file made before the training_runs migration gets the table on the
// next open and keeps its events.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { silentLogger } from '../../src/core/logger.js';
import { Metrics } from '../../src/core/metrics.js';
import { MIGRATIONS, migrate } from '../../src/store/sqlite/migrations.js';
import type { StoreDatabase } from '../../src/store/sqlite/schema.js';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.js';

const root = mkdtempSync(join(tmpdir(), 'pn-sqlite-migrations-'));
after(() => rmSync(root, { recursive: true, force: true }));

test('sqlite: a database from before 0002_training_runs is upgraded on open and keeps its rows', async () => {
  const path = join(root, 'old.sqlite');
  const raw = new Database(path);
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: raw }) });
  assert.deepEqual(await migrate(db, MIGRATIONS.slice(0, 1)), ['0001_events_sessions_sources']);
  raw
    .prepare('insert into sources (src_ip, first_seen, last_seen, sessions, events, login_attempts, login_successes) values (?, ?, ?, 1, 2, 0, 0)')
    .run('198.51.100.99', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.000Z');
  await db.destroy();

  const store = await SqliteStore.open({ path, logger: silentLogger, metrics: new Metrics() });
  try {
    assert.equal((await store.source('198.51.100.99'))?.events, 2);
    assert.deepEqual(await store.runs(), []);
    const run = {
      id: '0'.repeat(31) + '1',
      experiment: 'upgrade',
      start_time: '2026-01-02T00:00:00.000Z',
      end_time: null,
      status: 'running' as const,
      params: {},
      fold_metrics: [],
      metrics: {},
      artifacts: [],
      data_fingerprint: null,
      feature_schema_hash: 'h',
      model: null,
      tags: {},
    };
    await store.recordRun(run);
    assert.deepEqual(await store.run(run.id), run);
  } finally {
    await store.close();
  }
  const check = new Database(path, { readonly: true });
  try {
    const names = (check.prepare('select name from schema_migrations order by name').all() as { name: string }[]).map((r) => r.name);
    assert.deepEqual(names, ['0001_events_sessions_sources', '0002_training_runs']);
  } finally {
    check.close();
  }
});
