// The Bus contract: sensors publish events; each subscriber (store, outputs, pipeline) drains its own bounded queue.
import type { PhantomEvent } from '../schema/events.js';

/** Receives events in batches, in publish order. A rejected promise is counted and logged, never fatal. */
export type BatchHandler = (batch: readonly PhantomEvent[]) => void | Promise<void>;

export interface SubscribeOptions {
  /** Most events waiting for this subscriber; past it new events are dropped and counted. */
  capacity?: number;
  /** Most events handed over in one call. */
  maxBatch?: number;
  /**
   * How long delivery waits after the first waiting event, so events published close together go over in one
   * batch (one file append, one message to the writer thread). 0, the default, delivers on the next turn.
   * drain() and close() never wait for it.
   */
  lingerMs?: number;
}

export interface BusStats {
  published: number;
  /** Per subscriber: events delivered, events dropped because its queue was full, and failed batches. */
  subscribers: Record<string, { delivered: number; dropped: number; failures: number; queued: number }>;
}

export interface Bus {
  /** Never blocks and never throws: a full subscriber queue drops the event for that subscriber and counts it. */
  publish(event: PhantomEvent): void;
  subscribe(name: string, handler: BatchHandler, options?: SubscribeOptions): void;
  /** Resolves when every event published so far has been handed to every subscriber and their handlers settled. */
  drain(): Promise<void>;
  stats(): BusStats;
  close(): Promise<void>;
}
