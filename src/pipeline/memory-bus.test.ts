// MemoryBus behaviour the rest of the system relies on: order, batching, counted overflow, failure and slowness isolation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryBus } from './memory-bus.js';
import { createLogger } from '../core/logger.js';
import { Metrics } from '../core/metrics.js';
import type { PhantomEvent } from '../schema/events.js';

function ev(n: number): PhantomEvent {
  return {
    id: `id-${String(n).padStart(6, '0')}`,
    timestamp: new Date(1_700_000_000_000 + n).toISOString(),
    eventid: 'command.input',
    sensor: 'test',
    session: 's1',
    protocol: 'ssh',
    src_ip: '198.51.100.7',
    src_port: 40000,
    dst_ip: '192.0.2.1',
    dst_port: 2222,
    input: `echo ${n}`,
  };
}

function setup(opts: { capacity?: number; maxBatch?: number; reportIntervalMs?: number } = {}) {
  const lines: string[] = [];
  const metrics = new Metrics();
  const logger = createLogger({ level: 'debug', write: (l) => lines.push(l) });
  const bus = new MemoryBus({ logger, metrics, ...opts });
  return { bus, lines, metrics };
}

const tick = () => new Promise<void>((r) => setImmediate(r));

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('events arrive in publish order, in batches of at most maxBatch', async () => {
  const { bus } = setup({ maxBatch: 3 });
  const batches: string[][] = [];
  bus.subscribe('a', (batch) => {
    batches.push(batch.map((e) => e.id));
  });
  for (let i = 0; i < 10; i++) bus.publish(ev(i));
  await bus.drain();
  assert.deepEqual(
    batches.map((b) => b.length),
    [3, 3, 3, 1],
  );
  assert.deepEqual(batches.flat(), Array.from({ length: 10 }, (_, i) => ev(i).id));
  assert.deepEqual(bus.stats(), { published: 10, subscribers: { a: { delivered: 10, dropped: 0, failures: 0, queued: 0 } } });
});

test('order is kept across many deliveries and a queue that wraps and grows', async () => {
  const { bus } = setup({ maxBatch: 7, capacity: 10_000 });
  const seen: string[] = [];
  bus.subscribe('a', async (batch) => {
    await tick();
    for (const e of batch) seen.push(e.id);
  });
  const expected: string[] = [];
  for (let round = 0; round < 50; round++) {
    for (let i = 0; i < 13; i++) {
      const e = ev(round * 13 + i);
      expected.push(e.id);
      bus.publish(e);
    }
    await tick();
  }
  await bus.drain();
  assert.deepEqual(seen, expected);
  assert.equal(bus.stats().subscribers['a']!.dropped, 0);
});

test('a full queue drops for that subscriber only, counts it and logs a warning', async () => {
  const { bus, lines, metrics } = setup({ capacity: 4, reportIntervalMs: 60_000 });
  const small: string[] = [];
  const big: string[] = [];
  bus.subscribe('small', (batch) => {
    for (const e of batch) small.push(e.id);
  });
  bus.subscribe('big', (batch) => {
    for (const e of batch) big.push(e.id);
  }, { capacity: 100 });
  for (let i = 0; i < 10; i++) bus.publish(ev(i));
  await bus.drain();
  assert.deepEqual(small, [0, 1, 2, 3].map((i) => ev(i).id));
  assert.equal(big.length, 10);
  const stats = bus.stats();
  assert.equal(stats.subscribers['small']!.dropped, 6);
  assert.equal(stats.subscribers['big']!.dropped, 0);
  assert.equal(metrics.get('bus.small.dropped'), 6);
  assert.equal(metrics.get('bus.big.dropped'), 0);
  const warns = lines.filter((l) => l.includes('WARN') && l.includes('subscriber=small'));
  assert.equal(warns.length, 1, 'the first drop is logged at once, the rest are throttled');
  assert.match(warns[0]!, /dropped=1 /);
  await bus.close();
  const after = lines.filter((l) => l.includes('WARN') && l.includes('subscriber=small'));
  assert.equal(after.length, 2, 'close reports what the throttle held back');
  assert.match(after[1]!, /dropped=5 dropped_total=6/);
});

test('the throttled drop report writes a trailing line for a burst that stopped', async () => {
  const { bus, lines } = setup({ capacity: 1, reportIntervalMs: 30 });
  bus.subscribe('s', () => new Promise<void>(() => {}));
  for (let i = 0; i < 5; i++) bus.publish(ev(i));
  await new Promise((r) => setTimeout(r, 80));
  const warns = lines.filter((l) => l.includes('WARN'));
  assert.equal(warns.length, 2);
  assert.match(warns[0]!, /dropped=1 /);
  assert.match(warns[1]!, /dropped=3 dropped_total=4/);
});

test('a throwing or rejecting subscriber is counted and logged, keeps receiving, and does not stop others', async () => {
  const { bus, lines, metrics } = setup({ maxBatch: 2, reportIntervalMs: 60_000 });
  const good: string[] = [];
  let throwCalls = 0;
  let rejectCalls = 0;
  bus.subscribe('thrower', () => {
    throwCalls++;
    throw new Error('boom');
  });
  bus.subscribe('rejecter', async () => {
    rejectCalls++;
    throw new Error('async boom');
  });
  bus.subscribe('good', (batch) => {
    for (const e of batch) good.push(e.id);
  });
  for (let i = 0; i < 6; i++) bus.publish(ev(i));
  await bus.drain();
  assert.equal(good.length, 6);
  assert.equal(throwCalls, 3, 'batches after a failure still come');
  assert.equal(rejectCalls, 3);
  const s = bus.stats().subscribers;
  assert.equal(s['thrower']!.failures, 3);
  assert.equal(s['rejecter']!.failures, 3);
  assert.equal(s['good']!.failures, 0);
  assert.equal(metrics.get('bus.thrower.failures'), 3);
  assert.equal(metrics.get('bus.rejecter.failures'), 3);
  const errors = lines.filter((l) => l.includes('ERROR'));
  assert.equal(errors.length, 2, 'one line per failing subscriber within the interval');
  assert.ok(errors.some((l) => l.includes('subscriber=thrower') && l.includes('error=boom')));
  assert.ok(errors.some((l) => l.includes('subscriber=rejecter') && l.includes('"async boom"')));
});

test('drain waits until handlers have settled, and resolves at once when idle', async () => {
  const { bus } = setup();
  await bus.drain();
  const gate = deferred();
  let finished = false;
  bus.subscribe('slow', async () => {
    await gate.promise;
    finished = true;
  });
  bus.publish(ev(1));
  let drained = false;
  const d = bus.drain().then(() => (drained = true));
  for (let i = 0; i < 5; i++) await tick();
  assert.equal(drained, false, 'the handler has not settled yet');
  gate.resolve();
  await d;
  assert.equal(finished, true);
});

test('drain covers only what was published before it was called', async () => {
  const { bus } = setup({ maxBatch: 1 });
  const gates: (() => void)[] = [];
  bus.subscribe('s', () => new Promise<void>((r) => gates.push(r)));
  bus.publish(ev(1));
  const first = bus.drain();
  bus.publish(ev(2));
  await tick();
  assert.equal(gates.length, 1);
  gates[0]!();
  await first;
  assert.equal(gates.length, 1, 'the first drain did not wait for the later event');
  await tick();
  assert.equal(bus.stats().subscribers['s']!.delivered, 2, 'the second event is handed over once the first settled');
  gates[1]!();
  await bus.drain();
});

test('a slow subscriber backs up only its own queue and never gets two batches at once', async () => {
  const { bus } = setup({ maxBatch: 4, capacity: 1000 });
  let inFlight = 0;
  let maxInFlight = 0;
  const gates: (() => void)[] = [];
  bus.subscribe('slow', () => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return new Promise<void>((r) =>
      gates.push(() => {
        inFlight--;
        r();
      }),
    );
  });
  const fast: string[] = [];
  bus.subscribe('fast', (batch) => {
    for (const e of batch) fast.push(e.id);
  });
  for (let i = 0; i < 40; i++) {
    bus.publish(ev(i));
    await tick();
  }
  assert.equal(fast.length, 40, 'the fast subscriber is not held up');
  const stats = bus.stats().subscribers['slow']!;
  assert.equal(stats.delivered, 1, 'nothing more until the first batch settles');
  assert.equal(stats.queued, 39);
  while (gates.length > 0 || bus.stats().subscribers['slow']!.queued > 0) {
    gates.shift()?.();
    await tick();
  }
  await bus.drain();
  assert.equal(maxInFlight, 1);
  assert.equal(bus.stats().subscribers['slow']!.delivered, 40);
});

test('close drains, then later events are dropped and counted, never delivered', async () => {
  const { bus, lines, metrics } = setup();
  const got: string[] = [];
  bus.subscribe('s', async (batch) => {
    await tick();
    for (const e of batch) got.push(e.id);
  });
  bus.publish(ev(1));
  await bus.close();
  assert.deepEqual(got, [ev(1).id]);
  bus.publish(ev(2));
  await tick();
  assert.deepEqual(got, [ev(1).id]);
  assert.equal(metrics.get('bus.s.dropped'), 1);
  assert.ok(lines.some((l) => l.includes('bus closed: events dropped')));
  assert.throws(() => bus.subscribe('late', () => {}), /after close/);
});

test('wiring mistakes fail at subscribe time', () => {
  const { bus } = setup();
  bus.subscribe('a', () => {});
  assert.throws(() => bus.subscribe('a', () => {}), /already exists/);
  assert.throws(() => bus.subscribe('b', () => {}, { capacity: 0 }), /capacity/);
});

// The timeout makes a drain that waited out the minute-long linger a failure, not just a slow pass.
test('lingerMs gathers events published over several turns into one batch; drain and close do not wait for it', { timeout: 10_000 }, async () => {
  const { bus } = setup();
  const batches: number[][] = [];
  bus.subscribe('log', (batch) => void batches.push(batch.map((e) => Number(e.id.slice(3)))), { lingerMs: 60_000 });
  for (let i = 0; i < 5; i++) {
    bus.publish(ev(i));
    await tick();
  }
  assert.deepEqual(batches, [], 'nothing is delivered while the subscriber lingers');
  // With a minute's linger, only an expedited pump lets these resolve before the test times out.
  await bus.drain();
  assert.deepEqual(batches, [[0, 1, 2, 3, 4]]);
  bus.publish(ev(5));
  await bus.close();
  assert.deepEqual(batches, [[0, 1, 2, 3, 4], [5]]);
});
