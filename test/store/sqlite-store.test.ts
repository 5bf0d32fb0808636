// SqliteStore: the shared Store conformance suite, plus what only an SQLite file has (files, migrations, reopening).
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createLogger, silentLogger } from '../../src/core/logger.js';
import { Metrics } from '../../src/core/metrics.js';
import { PhantomError } from '../../src/core/errors.js';
import { SqliteStore, type SqliteStoreOptions } from '../../src/store/sqlite/sqlite-store.js';
import { MIGRATIONS } from '../../src/store/sqlite/migrations.js';
import type { PhantomEvent } from '../../src/schema/events.js';
import { runStoreConformance } from './store-conformance.js';
import { EventFactory } from './fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'pn-sqlite-test-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(root, `db-${++n}`, 'phantomnet.sqlite');

function open(path: string, extra: Partial<SqliteStoreOptions> = {}): Promise<SqliteStore> {
  return SqliteStore.open({ path, logger: silentLogger, metrics: new Metrics(), flushIntervalMs: 10, ...extra });
}

function collector() {
  const lines: string[] = [];
  return { lines, logger: createLogger({ level: 'debug', write: (l) => lines.push(l) }) };
}

runStoreConformance(() => open(freshPath()));

test('sqlite: data survives close and reopen', async () => {
  const path = freshPath();
  const f = new EventFactory();
  const conn = { session: 'ro0000000001', src_ip: '198.51.100.20' };
  const events = f.everyType(conn);
  const first = await open(path);
  first.append(events);
  await first.close();
  const second = await open(path);
  try {
    assert.deepEqual(await second.events({ session: conn.session }), events);
    const s = await second.session(conn.session);
    assert.equal(s?.event_count, events.length);
    assert.equal(s?.outcome, 'authenticated');
    assert.equal((await second.source(conn.src_ip))?.events, events.length);
    assert.equal(second.committedCount(), 0, 'committedCount counts this opening only');
  } finally {
    await second.close();
  }
});

test('sqlite: migrations are recorded once and re-opening applies none', async () => {
  const path = freshPath();
  const log = collector();
  await (await open(path, { logger: log.logger })).close();
  await (await open(path, { logger: log.logger })).close();
  assert.equal(log.lines.filter((l) => l.includes('store migrated')).length, 1);
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare('select name from schema_migrations order by name').all() as { name: string }[];
    assert.deepEqual(
      rows.map((r) => r.name),
      MIGRATIONS.map((m) => m.name),
    );
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  } finally {
    db.close();
  }
});

test('sqlite: a database migrated by a newer version is refused with PN_ERR_STORE', async () => {
  const path = freshPath();
  await (await open(path)).close();
  const db = new Database(path);
  db.prepare("insert into schema_migrations (name, applied_at) values ('9999_from_the_future', 'x')").run();
  db.close();
  await assert.rejects(open(path), (err: unknown) => err instanceof PhantomError && err.code === 'PN_ERR_STORE' && /9999_from_the_future/.test(err.message));
});

test('sqlite: the directory is created 0700 and the database files are 0600', async () => {
  const dir = join(root, 'perm', 'nested');
  const path = join(dir, 'phantomnet.sqlite');
  const store = await open(path);
  try {
    const f = new EventFactory();
    store.append([f.make({ session: 'pm0000000001', src_ip: '198.51.100.30' }, 'session.connect', {})]);
    await store.flush();
    assert.equal(statSync(dir).mode & 0o777, 0o700);
    assert.equal(statSync(join(root, 'perm')).mode & 0o777, 0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) assert.equal(statSync(file).mode & 0o777, 0o600, file);
  } finally {
    await store.close();
  }
});

test('sqlite: an unusable path fails with PN_ERR_STORE naming the path', async () => {
  const dir = join(root, 'is-a-directory');
  mkdirSync(dir);
  await assert.rejects(open(dir), (err: unknown) => err instanceof PhantomError && err.code === 'PN_ERR_STORE' && err.message.includes(dir));
});

test('sqlite: a full batch commits at once, the rest waits for the interval or flush()', async () => {
  const store = await open(freshPath(), { batchSize: 10, flushIntervalMs: 60_000 });
  try {
    const f = new EventFactory();
    const conn = { session: 'bs0000000001', src_ip: '198.51.100.40' };
    const events = Array.from({ length: 25 }, (_, i) => f.make(conn, 'command.input', { input: `cmd ${i}` }));
    store.append(events);
    // Commits run on the writer thread: wait for them, without flush(), with a generous deadline.
    for (let i = 0; i < 500 && store.committedCount() < 20; i++) await new Promise((r) => setTimeout(r, 10));
    assert.equal(store.committedCount(), 20, 'two full batches, one transaction each');
    assert.equal(store.pending(), 5);
    await store.flush();
    assert.equal(store.committedCount(), 25);
    assert.equal((await store.session(conn.session))?.commands, 25);
  } finally {
    await store.close();
  }
});

test('sqlite: a failing commit is logged with PN_ERR_STORE, counted, kept and retried', async () => {
  const path = freshPath();
  const metrics = new Metrics();
  const log = collector();
  const store = await open(path, { metrics, logger: log.logger, busyTimeoutMs: 1, flushIntervalMs: 5 });
  const locker = new Database(path);
  try {
    const f = new EventFactory();
    const conn = { session: 'fl0000000001', src_ip: '198.51.100.50' };
    const events = [f.make(conn, 'session.connect', {}), f.make(conn, 'login.failed', { username: 'u', password: 'p', method: 'password' })];
    locker.exec('begin exclusive');
    store.append(events);
    await assert.rejects(store.flush(), (err: unknown) => err instanceof PhantomError && err.code === 'PN_ERR_STORE');
    assert.ok(metrics.get('store.commit_failures') >= 1);
    assert.ok(log.lines.some((l) => l.includes('ERROR') && l.includes('code=PN_ERR_STORE') && l.includes('events=2')));
    assert.equal(store.committedCount(), 0);
    assert.equal(store.pending(), 2, 'nothing is dropped');
    locker.exec('commit');
    await store.flush();
    assert.equal(store.committedCount(), 2);
    assert.equal((await store.session(conn.session))?.login_attempts, 1);
  } finally {
    locker.close();
    await store.close();
  }
});

test('sqlite: the backoff timer retries a failed batch without a flush() call', async () => {
  const path = freshPath();
  const store = await open(path, { busyTimeoutMs: 1, flushIntervalMs: 5 });
  const locker = new Database(path);
  try {
    const f = new EventFactory();
    locker.exec('begin exclusive');
    store.append([f.make({ session: 'rt0000000009', src_ip: '198.51.100.51' }, 'session.connect', {})]);
    await new Promise((r) => setTimeout(r, 40));
    assert.equal(store.committedCount(), 0);
    locker.exec('commit');
    const deadline = Date.now() + 5000;
    while (store.committedCount() < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    assert.equal(store.committedCount(), 1);
  } finally {
    locker.close();
    await store.close();
  }
});

test('sqlite: an event the database refuses is skipped, counted and logged; the rest of its batch commits', async () => {
  const metrics = new Metrics();
  const log = collector();
  const store = await open(freshPath(), { metrics, logger: log.logger });
  try {
    const f = new EventFactory();
    const conn = { session: 'bad000000001', src_ip: '198.51.100.60' };
    const good = f.make(conn, 'session.connect', {});
    // What an emitter with validation switched off could produce: a port that is not a number.
    const bad = { ...f.make(conn, 'command.input', { input: 'x' }), src_port: 'not-a-port' } as unknown as PhantomEvent;
    const good2 = f.make(conn, 'command.input', { input: 'y' });
    store.append([good, bad, good2]);
    await store.flush();
    assert.equal(store.committedCount(), 2);
    assert.equal(metrics.get('store.rejected_events'), 1);
    assert.ok(log.lines.some((l) => l.includes('event refused') && l.includes(bad.id)));
    assert.equal((await store.session(conn.session))?.event_count, 2);
  } finally {
    await store.close();
  }
});

test('sqlite: credentials are capped per session across batches; attempts are still counted', async () => {
  const store = await open(freshPath(), { maxCredentials: 5 });
  try {
    const f = new EventFactory();
    const conn = { session: 'cap000000001', src_ip: '198.51.100.70' };
    const login = (i: number) => f.make(conn, 'login.failed', { username: 'root', password: `pw${i}`, method: 'password' });
    store.append([f.make(conn, 'session.connect', {}), login(0), login(1), login(2)]);
    await store.flush();
    store.append([login(3), login(4), login(5)]);
    await store.flush();
    store.append([login(6)]);
    await store.flush();
    const s = await store.session(conn.session);
    assert.equal(s?.login_attempts, 7);
    assert.deepEqual(
      s?.credentials.map((c) => c.password),
      ['pw0', 'pw1', 'pw2', 'pw3', 'pw4'],
    );
  } finally {
    await store.close();
  }
});

test('sqlite: events of a session whose connect was committed earlier update the same row', async () => {
  const path = freshPath();
  const f = new EventFactory();
  const conn = { session: 'lt0000000001', src_ip: '198.51.100.80' };
  const first = await open(path);
  first.append([f.make(conn, 'session.connect', {})]);
  await first.close();
  const second = await open(path);
  try {
    second.append([f.make(conn, 'command.input', { input: 'id' }), f.make(conn, 'session.closed', { duration_ms: 1, reason: 'idle' })]);
    await second.flush();
    const s = await second.session(conn.session);
    assert.equal(s?.event_count, 3);
    assert.equal(s?.outcome, 'no_auth');
    assert.equal((await second.source(conn.src_ip))?.sessions, 1);
  } finally {
    await second.close();
  }
});

test('sqlite: append after close is refused loudly', async () => {
  const store = await open(freshPath());
  await store.close();
  assert.throws(() => store.append([]), (err: unknown) => err instanceof PhantomError && err.code === 'PN_ERR_STORE');
});
