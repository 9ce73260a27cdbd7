import type * as Comlink from 'comlink';
import { CancelledError } from '../src/core/util/cooperativeLoop';

/** The part every worker API offers: cancel a running job by its id. */
export interface CancellableApi {
  cancel(jobId: number): void;
}

export interface PoolWorker<Api> {
  api: Comlink.Remote<Api>;
  /** Stops the worker at once (a Web Worker's terminate; closes the port in Node tests). */
  terminate(): void;
}

export interface RunOptions {
  signal?: AbortSignal;
}

/** How long a cancelled job may take to acknowledge before its worker is terminated and replaced. */
const CANCEL_GRACE_MS = 750;

/**
 * A fixed set of workers, one per core by default. `run` queues a task until a worker is free.
 * Cancelling (AbortSignal) asks the worker to stop the job cooperatively; a worker that does not answer within the grace
 * period is terminated and replaced, so cancel always really stops the work.
 */
export class WorkerPool<Api extends CancellableApi> {
  private readonly idle: PoolWorker<Api>[] = [];
  private readonly waiting: Array<(worker: PoolWorker<Api>) => void> = [];
  private nextJobId = 1;
  private closed = false;
  /** Workers terminated because they did not stop within the grace period after a cancel. */
  replacedWorkers = 0;

  constructor(
    private readonly createWorker: () => PoolWorker<Api>,
    readonly size: number,
  ) {
    for (let i = 0; i < size; i++) this.idle.push(createWorker());
  }

  async run<T>(task: (api: Comlink.Remote<Api>, jobId: number) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const { signal } = options;
    if (signal?.aborted) throw new CancelledError();
    const worker = await this.acquire(signal);
    const jobId = this.nextJobId++;
    let settled = false;
    let replaced = false;
    const onAbort = () => {
      if (settled) return;
      void worker.api.cancel(jobId);
      setTimeout(() => {
        if (settled) return;
        replaced = true;
        this.replacedWorkers++;
        worker.terminate();
        rejectCancelled(new CancelledError());
      }, CANCEL_GRACE_MS);
    };
    let rejectCancelled: (error: Error) => void = () => {};
    const cancelled = new Promise<never>((_, reject) => {
      rejectCancelled = reject;
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const value = await Promise.race([task(worker.api, jobId), cancelled]);
      // Cancelled while the answer was on its way: the user asked to stop, so the answer is not used.
      if (signal?.aborted) throw new CancelledError();
      return value;
    } finally {
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      this.release(replaced ? null : worker);
    }
  }

  /** Terminates every worker; pending and later calls fail. */
  close(): void {
    this.closed = true;
    for (const worker of this.idle.splice(0)) worker.terminate();
  }

  private acquire(signal?: AbortSignal): Promise<PoolWorker<Api>> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    const worker = this.idle.pop();
    if (worker) return Promise.resolve(worker);
    return new Promise((resolve, reject) => {
      const grant = (granted: PoolWorker<Api>) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(granted);
      };
      const onAbort = () => {
        const index = this.waiting.indexOf(grant);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(grant);
    });
  }

  private release(worker: PoolWorker<Api> | null): void {
    const usable = worker ?? (this.closed ? null : this.createWorker());
    if (!usable) return;
    if (this.closed) {
      usable.terminate();
      return;
    }
    const next = this.waiting.shift();
    if (next) next(usable);
    else this.idle.push(usable);
  }
}
