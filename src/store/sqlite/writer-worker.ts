// The SQLite writer thread: commits batches in their own transactions so that a commit never blocks
// the sensors' event loop, and the insert work runs on another core beside event handling.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { BatchWriter } from './batch-writer.js';
import type { StoreDatabase } from './schema.js';
import type { RejectedEvent, WriteReply, WriteRequest, WriterInit, WriterReady } from './writer-protocol.js';

const port = parentPort;
if (!port) throw new Error('writer-worker must run as a worker thread');
const init = workerData as WriterInit;
const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

let writer: BatchWriter;
let rejected: RejectedEvent[] = [];
try {
  const db = new Database(init.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma(`busy_timeout = ${init.busyTimeoutMs}`);
  // Kysely only compiles the statements here; better-sqlite3 runs them.
  const kysely = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: db }) });
  writer = new BatchWriter(db, kysely, {
    maxCredentials: init.maxCredentials,
    onRejected: (event, err) => rejected.push({ eventid: event.eventid, id: event.id, error: message(err) }),
  });
  port.postMessage({ ready: true } satisfies WriterReady);
} catch (err) {
  port.postMessage({ ready: false, error: message(err) } satisfies WriterReady);
  process.exit(1);
}

port.on('message', (req: WriteRequest) => {
  rejected = [];
  let reply: WriteReply;
  try {
    const inserted = writer.write(req.events);
    reply = { id: req.id, ok: true, inserted, rejected };
  } catch (err) {
    reply = { id: req.id, ok: false, error: message(err) };
  }
  port.postMessage(reply);
});
