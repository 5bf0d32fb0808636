// The standalone Bus: an in-process fan-out where every subscriber drains its own bounded queue in batches,
// so a slow or failing subscriber only ever backs up (and, when full, drops from) its own queue.
import type { BatchHandler, Bus, BusStats, SubscribeOptions } from '../core/bus.js';
import type { Logger } from '../core/logger.js';
import type { Metrics } from '../core/metrics.js';
import { BusConfigSchema } from '../schema/config.js';
import type { PhantomEvent } from '../schema/events.js';

export interface MemoryBusOptions {
  /** Default per-subscriber queue capacity (config bus.queue_capacity); any value >= 1 is accepted here. */
  capacity?: number;
  /** Default most events per handler call. */
  maxBatch?: number;
  logger: Logger;
  metrics: Metrics;
  /** Shortest gap between two log lines about one subscriber's drops or failures. */
  reportIntervalMs?: number;
}

/** The configuration's default (bus.queue_capacity), so a bus built without config behaves like one built with it. */
export const DEFAULT_BUS_CAPACITY = BusConfigSchema.parse({}).queue_capacity;
export const DEFAULT_MAX_BATCH = 4096;
const DEFAULT_REPORT_INTERVAL_MS = 5000;

/**
 * A FIFO that grows by doubling up to its capacity and never shifts elements, so push and take stay O(1)
 * however long the queue gets (Array#shift on a large array copies it).
 */
class RingQueue<T> {
  private items: (T | undefined)[] = new Array<T | undefined>(16);
  private head = 0;
  private count = 0;

  get size(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count === this.items.length) this.grow();
    this.items[(this.head + this.count) & (this.items.length - 1)] = item;
    this.count++;
  }

  take(max: number): T[] {
    const n = Math.min(max, this.count);
    const out = new Array<T>(n);
    const mask = this.items.length - 1;
    for (let i = 0; i < n; i++) {
      const at = (this.head + i) & mask;
      out[i] = this.items[at] as T;
      this.items[at] = undefined;
    }
    this.head = (this.head + n) & mask;
    this.count -= n;
    return out;
  }

  private grow(): void {
    const old = this.items;
    const next = new Array<T | undefined>(old.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.items = next;
    this.head = 0;
  }
}

/**
 * Logs at most one line per interval, and a trailing line for whatever happened after it, so a burst that
 * stops is still reported with its full count rather than left to the next occurrence.
 */
class ThrottledReport {
  private pending = 0;
  private lastAt = Number.NEGATIVE_INFINITY;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly write: (count: number) => void,
  ) {}

  note(): void {
    this.pending++;
    if (this.timer) return;
    const wait = this.lastAt + this.intervalMs - Date.now();
    if (wait <= 0) this.emit();
    else this.timer = setTimeout(() => this.emit(), wait).unref();
  }

  /** Writes what is pending now (at close, so nothing counted goes unreported). */
  flush(): void {
    this.emit();
  }

  private emit(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending === 0) return;
    const count = this.pending;
    this.pending = 0;
    this.lastAt = Date.now();
    this.write(count);
  }
}

interface Subscriber {
  readonly name: string;
  readonly handler: BatchHandler;
  /** Metric names built once: the drop path runs per event under overload. */
  readonly droppedMetric: string;
  readonly failuresMetric: string;
  readonly capacity: number;
  readonly maxBatch: number;
  readonly lingerMs: number;
  /** The pending linger timer, cleared when drain() or close() delivers at once. */
  linger: NodeJS.Timeout | undefined;
  readonly queue: RingQueue<PhantomEvent>;
  /** Events ever accepted into the queue, and events whose handler call has settled: drain compares the two. */
  accepted: number;
  settled: number;
  delivered: number;
  dropped: number;
  failures: number;
  /** A pump is scheduled or a handler call is in flight; either way nobody else may start one. */
  busy: boolean;
  /** Drain waiters, in increasing `target` order because `accepted` only grows. */
  readonly waiters: { target: number; resolve: () => void }[];
  readonly dropReport: ThrottledReport;
  readonly failureReport: ThrottledReport;
  lastFailure: string;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class MemoryBus implements Bus {
  private readonly subscribers: Subscriber[] = [];
  private readonly capacity: number;
  private readonly maxBatch: number;
  private readonly reportIntervalMs: number;
  private readonly logger: Logger;
  private readonly metrics: Metrics;
  private published = 0;
  private closed = false;

  constructor(options: MemoryBusOptions) {
    this.capacity = positiveInt(options.capacity ?? DEFAULT_BUS_CAPACITY, 'capacity');
    this.maxBatch = positiveInt(options.maxBatch ?? DEFAULT_MAX_BATCH, 'maxBatch');
    this.reportIntervalMs = options.reportIntervalMs ?? DEFAULT_REPORT_INTERVAL_MS;
    this.logger = options.logger.child({ component: 'bus' });
    this.metrics = options.metrics;
  }

  publish(event: PhantomEvent): void {
    this.published++;
    const subs = this.subscribers;
    for (let i = 0; i < subs.length; i++) {
      const sub = subs[i]!;
      if (this.closed || sub.queue.size >= sub.capacity) {
        sub.dropped++;
        this.metrics.inc(sub.droppedMetric);
        sub.dropReport.note();
        continue;
      }
      sub.queue.push(event);
      sub.accepted++;
      if (!sub.busy) this.schedule(sub);
    }
  }

  subscribe(name: string, handler: BatchHandler, options: SubscribeOptions = {}): void {
    // Both are wiring mistakes in the composition root, found at start-up, never at run time.
    if (this.closed) throw new Error(`bus: cannot subscribe "${name}" after close()`);
    if (this.subscribers.some((s) => s.name === name)) throw new Error(`bus: a subscriber named "${name}" already exists`);
    const log = this.logger.child({ subscriber: name });
    const sub: Subscriber = {
      name,
      handler,
      droppedMetric: `bus.${name}.dropped`,
      failuresMetric: `bus.${name}.failures`,
      capacity: positiveInt(options.capacity ?? this.capacity, 'capacity'),
      maxBatch: positiveInt(options.maxBatch ?? this.maxBatch, 'maxBatch'),
      lingerMs: Math.max(0, options.lingerMs ?? 0),
      linger: undefined,
      queue: new RingQueue<PhantomEvent>(),
      accepted: 0,
      settled: 0,
      delivered: 0,
      dropped: 0,
      failures: 0,
      busy: false,
      waiters: [],
      lastFailure: '',
      dropReport: new ThrottledReport(this.reportIntervalMs, (count) =>
        log.warn(this.closed ? 'bus closed: events dropped' : 'subscriber queue full: events dropped', {
          dropped: count,
          dropped_total: sub.dropped,
          capacity: sub.capacity,
        }),
      ),
      failureReport: new ThrottledReport(this.reportIntervalMs, (count) =>
        log.error('subscriber handler failed', { failures: count, failures_total: sub.failures, error: sub.lastFailure }),
      ),
    };
    this.subscribers.push(sub);
  }

  drain(): Promise<void> {
    const waits: Promise<void>[] = [];
    for (const sub of this.subscribers) {
      if (sub.settled >= sub.accepted) continue;
      const target = sub.accepted;
      waits.push(new Promise<void>((resolve) => sub.waiters.push({ target, resolve })));
      this.expedite(sub);
    }
    return Promise.all(waits).then(() => undefined);
  }

  stats(): BusStats {
    const subscribers: BusStats['subscribers'] = {};
    for (const s of this.subscribers) {
      subscribers[s.name] = { delivered: s.delivered, dropped: s.dropped, failures: s.failures, queued: s.queue.size };
    }
    return { published: this.published, subscribers };
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.drain();
    for (const sub of this.subscribers) {
      sub.dropReport.flush();
      sub.failureReport.flush();
    }
  }

  private schedule(sub: Subscriber): void {
    sub.busy = true;
    if (sub.lingerMs > 0 && !this.closed && sub.waiters.length === 0) {
      sub.linger = setTimeout(() => {
        sub.linger = undefined;
        this.pump(sub);
      }, sub.lingerMs);
      return;
    }
    // setImmediate, not a microtask: publishers finish their turn (and I/O gets its turn) before delivery.
    setImmediate(() => this.pump(sub));
  }

  /** Someone waits for delivery (drain, close): a lingering subscriber is pumped on the next turn instead. */
  private expedite(sub: Subscriber): void {
    if (sub.linger === undefined) return;
    clearTimeout(sub.linger);
    sub.linger = undefined;
    setImmediate(() => this.pump(sub));
  }

  private pump(sub: Subscriber): void {
    const batch = sub.queue.take(sub.maxBatch);
    sub.delivered += batch.length;
    let result: void | Promise<void>;
    try {
      result = sub.handler(batch);
    } catch (err) {
      this.settle(sub, batch.length, true, err);
      return;
    }
    if (result && typeof result.then === 'function') {
      result.then(
        () => this.settle(sub, batch.length, false),
        (err: unknown) => this.settle(sub, batch.length, true, err),
      );
    } else {
      this.settle(sub, batch.length, false);
    }
  }

  /** A failed batch is counted and reported; either way it is settled and the next batch follows. */
  private settle(sub: Subscriber, n: number, failed: boolean, err?: unknown): void {
    sub.settled += n;
    if (failed) {
      sub.failures++;
      sub.lastFailure = describe(err);
      this.metrics.inc(sub.failuresMetric);
      sub.failureReport.note();
    }
    while (sub.waiters.length > 0 && sub.waiters[0]!.target <= sub.settled) sub.waiters.shift()!.resolve();
    if (sub.queue.size > 0) this.schedule(sub);
    else sub.busy = false;
  }
}

function positiveInt(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`bus: ${what} must be a positive integer, got ${value}`);
  return value;
}
