// GroupCommit timing and failure rules, with an in-memory commit function.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommit, type GroupCommitOptions } from './group-commit.js';

const tick = () => new Promise<void>((r) => setImmediate(r));
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function setup(opts: Partial<GroupCommitOptions<number>> = {}) {
  const batches: number[][] = [];
  const failures: number[] = [];
  let failing = false;
  let calls = 0;
  const gc = new GroupCommit<number>({
    batchSize: 4,
    flushIntervalMs: 60_000,
    commit: (batch) => {
      calls++;
      if (failing) throw new Error('disk full');
      batches.push([...batch]);
    },
    onFailure: (_err, _n, attempt) => failures.push(attempt),
    ...opts,
  });
  return {
    gc,
    batches,
    failures,
    calls: () => calls,
    fail: (on: boolean) => {
      failing = on;
    },
  };
}

test('full batches commit on the next turns, one per turn; a partial batch waits', async () => {
  const { gc, batches } = setup();
  gc.add([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(batches.length, 0, 'add never commits synchronously');
  await tick();
  assert.deepEqual(batches, [[1, 2, 3, 4]]);
  await tick();
  assert.deepEqual(batches, [[1, 2, 3, 4], [5, 6, 7, 8]]);
  await tick();
  await tick();
  assert.equal(batches.length, 2);
  assert.equal(gc.pending, 2);
  gc.stop();
});

test('the flush interval commits a partial batch', async () => {
  const { gc, batches } = setup({ flushIntervalMs: 10 });
  gc.add([1]);
  gc.add([2]);
  await sleep(30);
  assert.deepEqual(batches, [[1, 2]]);
  gc.stop();
});

test('flush commits everything added before it, in batches, and resolves at once when idle', async () => {
  const { gc, batches } = setup();
  await gc.flush();
  gc.add([1, 2, 3, 4, 5, 6]);
  await gc.flush();
  assert.deepEqual(batches, [[1, 2, 3, 4], [5, 6]]);
  assert.equal(gc.pending, 0);
  gc.stop();
});

test('a failed batch stays at the head, flush rejects, and the backoff timer retries it', async () => {
  const { gc, batches, failures, calls, fail } = setup({ flushIntervalMs: 50, maxRetryDelayMs: 100 });
  fail(true);
  gc.add([1, 2]);
  await assert.rejects(gc.flush(), /disk full/);
  assert.deepEqual(failures, [1]);
  assert.equal(gc.pending, 2);
  // Appends while failing must not retry on every call.
  const before = calls();
  for (let i = 0; i < 20; i++) {
    gc.add([i + 10]);
    await tick();
  }
  assert.ok(calls() - before <= 3, `retries are paced by the backoff (${calls() - before} attempts)`);
  fail(false);
  const deadline = Date.now() + 3000;
  while (batches.length === 0 && Date.now() < deadline) await sleep(5);
  assert.deepEqual(batches[0], [1, 2, 10, 11], 'the failed batch is retried by the timer and committed first, in order');
  await gc.flush();
  assert.equal(batches.flat().length, 22);
  assert.equal(gc.pending, 0);
  gc.stop();
});

test('writable() holds callers while highWater items wait and releases them after a commit', async () => {
  const { gc } = setup({ highWater: 6 });
  await gc.writable();
  gc.add([1, 2, 3, 4, 5, 6, 7, 8]);
  let released = false;
  const w = gc.writable().then(() => (released = true));
  assert.equal(released, false);
  await tick();
  await w;
  assert.equal(gc.pending, 4);
  gc.stop();
});

test('an asynchronous commit keeps one batch in flight, in order; a rejected one is retried', async () => {
  const started: number[][] = [];
  const resolvers: ((ok: boolean) => void)[] = [];
  const failures: number[] = [];
  const gc = new GroupCommit<number>({
    batchSize: 2,
    flushIntervalMs: 5,
    commit: (batch) =>
      new Promise<void>((resolve, reject) => {
        started.push([...batch]);
        resolvers.push((ok) => (ok ? resolve() : reject(new Error('worker busy'))));
      }),
    onFailure: (_e, _n, attempt) => failures.push(attempt),
  });
  gc.add([1, 2, 3, 4, 5]);
  const flushed = gc.flush().then(() => 'resolved', () => 'rejected');
  await tick();
  await tick();
  assert.deepEqual(started, [[1, 2]], 'the second batch waits for the first');
  resolvers.shift()!(false);
  await sleep(20);
  assert.deepEqual(failures, [1]);
  assert.deepEqual(started, [[1, 2], [1, 2]], 'the failed batch is retried first');
  assert.equal(await flushed, 'rejected', 'a flush waiting on the failed batch is told');
  const again = gc.flush();
  resolvers.shift()!(true);
  for (let i = 0; i < 20 && resolvers.length === 0; i++) await tick();
  resolvers.shift()!(true);
  for (let i = 0; i < 20 && resolvers.length === 0; i++) await tick();
  resolvers.shift()!(true);
  await again;
  assert.deepEqual(started.slice(1), [[1, 2], [3, 4], [5]]);
  gc.stop();
});
