// Messages between SqliteStore and its writer thread.
import type { PhantomEvent } from '../../schema/events.js';

export interface WriterInit {
  path: string;
  busyTimeoutMs: number;
  maxCredentials: number;
}

export interface WriteRequest {
  id: number;
  events: readonly PhantomEvent[];
}

/** An event SQLite refused; the rest of its batch was committed. */
export interface RejectedEvent {
  eventid: string;
  id: string;
  error: string;
}

export type WriteReply =
  | { id: number; ok: true; inserted: number; rejected: RejectedEvent[] }
  | { id: number; ok: false; error: string };

export type WriterReady = { ready: true } | { ready: false; error: string };
