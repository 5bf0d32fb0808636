// Runs a session's command lines one after another: the shell is asynchronous (downloads, sleeps), but a
// terminal's type-ahead must run in the order typed. Bounded, so a paste flood cannot queue without end.

/** Most lines waiting behind a running one; a real tty buffer holds about 4 KiB, so this is generous. */
const MAX_WAITING = 1024;

export class SerialQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(private readonly onError: (err: unknown) => void) {}

  /** Queues a task; returns false (and drops it) when the queue is full. */
  push(task: () => Promise<void>): boolean {
    if (this.waiting >= MAX_WAITING) return false;
    this.waiting++;
    this.tail = this.tail.then(async () => {
      this.waiting--;
      try {
        await task();
      } catch (err) {
        this.onError(err);
      }
    });
    return true;
  }

  /** Resolves once every queued task has run. */
  drained(): Promise<void> {
    return this.tail;
  }
}
