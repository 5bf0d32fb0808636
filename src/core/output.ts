// The Output contract: a sink fed from the bus through its own queue (cowrie-json, syslog, webhook, ...).
import type { PhantomEvent } from '../schema/events.js';

export interface Output {
  readonly name: string;
  /** Write one batch; a throw or rejection is counted and logged by the bus, and the next batch still comes. */
  write(batch: readonly PhantomEvent[]): void | Promise<void>;
  close(): Promise<void>;
}
