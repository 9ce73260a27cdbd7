/**
 * Keeps the request thread's writes out of the way of a write transaction running in a worker thread (the mast
 * import) on SQLite. SQLite allows one writer: a write on the request thread while the worker's transaction runs
 * would wait for it synchronously (busy_timeout), holding every request, `GET /api/health` included. So while a job
 * holds the gate, SqliteDatabase's writes (transactions and statements outside them) wait for it asynchronously and
 * reads go on. A job takes the gate synchronously before it starts the worker, and a write checks `open` in the same
 * synchronous stretch as it begins, so the worker never writes while the request thread does.
 */
export class WriteGate {
  private holders = 0;
  private waiters: (() => void)[] = [];

  /** No job holds the gate: the request thread may write now. */
  get open(): boolean {
    return this.holders === 0;
  }

  /** Resolves when the gate opens next (check `open` again then: a new job may have taken it). */
  opened(): Promise<void> {
    if (this.open) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Run `work` (which writes in another thread) holding the gate. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.holders++;
    try {
      return await work();
    } finally {
      this.holders--;
      if (this.holders === 0) {
        const waiters = this.waiters;
        this.waiters = [];
        for (const resolve of waiters) resolve();
      }
    }
  }
}
