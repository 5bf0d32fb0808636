// Group commit: items wait in memory and are written in batches, one transaction each, when a batch is full
// or the flush interval has passed; a failed batch stays at the head and is retried with backoff.
// Backend-neutral (it only calls `commit`), so the PostgreSQL store can reuse it.

export interface GroupCommitOptions<T> {
  /** Most items per commit. */
  batchSize: number;
  /** Longest an item waits while its batch is not full. */
  flushIntervalMs: number;
  /**
   * Writes one batch in one transaction; throws or rejects when the batch was not written. A promise
   * (a writer on another thread) keeps one batch in flight: the next starts when it settles.
   */
  commit: (batch: readonly T[]) => void | Promise<void>;
  /** Told about each failed attempt; the batch stays queued. */
  onFailure: (err: unknown, batchLength: number, attempt: number) => void;
  /** Cap of the retry backoff after consecutive failures. */
  maxRetryDelayMs?: number;
  /** Waiting items at or above which writable() makes its caller wait. */
  highWater?: number;
}

interface FlushWaiter {
  target: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

export class GroupCommit<T> {
  private queue: T[] = [];
  private head = 0;
  /** Items ever added and ever committed: flush() waits for `committed` to reach `added` as it was. */
  private added = 0;
  private committed = 0;
  /** Commit (batch after batch) until `committed` reaches this, even when the last batch is not full. */
  private flushTarget = 0;
  private failures = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private readonly flushWaiters: FlushWaiter[] = [];
  private readonly writableWaiters: (() => void)[] = [];
  private stopped = false;
  private inFlight = false;
  private readonly maxRetryDelayMs: number;
  private readonly highWater: number;

  constructor(private readonly opts: GroupCommitOptions<T>) {
    this.maxRetryDelayMs = opts.maxRetryDelayMs ?? 5000;
    this.highWater = opts.highWater ?? opts.batchSize * 16;
  }

  /** Items waiting to be committed. */
  get pending(): number {
    return this.queue.length - this.head;
  }

  add(items: readonly T[]): void {
    if (items.length === 0) return;
    for (let i = 0; i < items.length; i++) this.queue.push(items[i]!);
    this.added += items.length;
    // While failing, only the backoff timer (or an explicit flush) retries: appends must not turn a
    // full disk into a busy loop.
    if (this.pending >= this.opts.batchSize && this.failures === 0) this.runSoon();
    else this.armTimer(this.opts.flushIntervalMs);
  }

  /** Commits everything added so far; rejects (items kept for the retry) if a batch fails. */
  flush(): Promise<void> {
    if (this.committed >= this.added) return Promise.resolve();
    const target = this.added;
    this.flushTarget = Math.max(this.flushTarget, target);
    const done = new Promise<void>((resolve, reject) => this.flushWaiters.push({ target, resolve, reject }));
    this.runSoon();
    return done;
  }

  /** Resolves when fewer than highWater items wait, so a producer can wait instead of growing memory. */
  writable(): Promise<void> {
    if (this.pending < this.highWater) return Promise.resolve();
    return new Promise<void>((resolve) => this.writableWaiters.push(resolve));
  }

  /** Cancels timers; whatever still waits stays uncommitted (callers flush first). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = undefined;
    this.immediate = undefined;
  }

  private armTimer(delayMs: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushTarget = Math.max(this.flushTarget, this.added);
      this.step();
    }, delayMs);
  }

  private runSoon(): void {
    if (this.immediate || this.stopped) return;
    // One batch per turn of the event loop, so a backlog never blocks I/O for longer than one commit.
    this.immediate = setImmediate(() => {
      this.immediate = undefined;
      this.step();
    });
  }

  private step(): void {
    if (this.inFlight) return;
    if (this.pending === 0 || (this.pending < this.opts.batchSize && this.committed >= this.flushTarget)) {
      if (this.pending > 0) this.armTimer(this.opts.flushIntervalMs);
      return;
    }
    const batch = this.queue.slice(this.head, this.head + this.opts.batchSize);
    let result: void | Promise<void>;
    try {
      result = this.opts.commit(batch);
    } catch (err) {
      this.fail(err, batch.length);
      return;
    }
    if (result instanceof Promise) {
      this.inFlight = true;
      result.then(
        () => {
          this.inFlight = false;
          this.advance(batch.length);
        },
        (err: unknown) => {
          this.inFlight = false;
          this.fail(err, batch.length);
        },
      );
      return;
    }
    this.advance(batch.length);
  }

  /** The first `n` waiting items are committed: release waiters and schedule what remains. */
  private advance(n: number): void {
    this.failures = 0;
    this.head += n;
    this.committed += n;
    if (this.head >= 4096 && this.head * 2 >= this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    while (this.flushWaiters.length > 0 && this.flushWaiters[0]!.target <= this.committed) this.flushWaiters.shift()!.resolve();
    if (this.pending < this.highWater) for (const resolve of this.writableWaiters.splice(0)) resolve();
    if (this.stopped) return;
    if (this.pending >= this.opts.batchSize || this.committed < this.flushTarget) this.runSoon();
    else if (this.pending > 0) this.armTimer(this.opts.flushIntervalMs);
  }

  private fail(err: unknown, batchLength: number): void {
    this.failures++;
    this.opts.onFailure(err, batchLength, this.failures);
    for (const waiter of this.flushWaiters.splice(0)) waiter.reject(err);
    this.flushTarget = this.committed;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.armTimer(Math.min(this.opts.flushIntervalMs * 2 ** (this.failures - 1), this.maxRetryDelayMs));
  }
}
