// SqliteStore's handle on its writer thread: one promise per batch, and a clear failure (never a hang)
// when the thread dies; the next batch starts a fresh thread, so a crash costs a retry, not the store.
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from '../../core/spawn-worker.js';
import type { PhantomEvent } from '../../schema/events.js';
import type { RejectedEvent, WriteReply, WriterInit, WriterReady } from './writer-protocol.js';

export interface WriteResult {
  inserted: number;
  rejected: RejectedEvent[];
}

interface Pending {
  resolve: (r: WriteResult) => void;
  reject: (e: Error) => void;
}

export class ThreadedWriter {
  private worker: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closing = false;

  constructor(private readonly init: WriterInit) {}

  /** Start the thread now, so that a database it cannot open fails start-up rather than the first commit. */
  async ready(): Promise<void> {
    await this.thread();
  }

  async write(events: readonly PhantomEvent[]): Promise<WriteResult> {
    const worker = await this.thread();
    const id = this.nextId++;
    return new Promise<WriteResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, events });
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    const w = this.worker;
    this.worker = undefined;
    if (w) await (await w.catch(() => undefined))?.terminate();
  }

  private thread(): Promise<Worker> {
    this.worker ??= new Promise<Worker>((resolve, reject) => {
      const w = spawnWorker(import.meta.url, 'writer-worker', this.init);
      let started = false;
      w.on('message', (msg: WriterReady | WriteReply) => {
        if ('ready' in msg) {
          started = msg.ready;
          if (msg.ready) resolve(w);
          else reject(new Error(msg.error));
          return;
        }
        const p = this.pending.get(msg.id);
        if (!p) return;
        this.pending.delete(msg.id);
        if (msg.ok) p.resolve({ inserted: msg.inserted, rejected: msg.rejected });
        else p.reject(new Error(msg.error));
      });
      const died = (why: string): void => {
        this.worker = undefined;
        if (!started) reject(new Error(why));
        for (const p of this.pending.values()) p.reject(new Error(why));
        this.pending.clear();
      };
      w.on('error', (err) => died(`writer thread failed: ${err.message}`));
      w.on('exit', (code) => {
        if (!this.closing) died(`writer thread exited with code ${code}`);
      });
    });
    return this.worker;
  }
}
