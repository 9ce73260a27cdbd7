import { Worker } from 'node:worker_threads';
import type { MastImportOutcome } from '../store/importMasts';
import type { MastImportJob } from './mastImportJob';
import type { MastImportMessage, MastImportReply } from './mastImportWorker';

/** The worker's module next to this one: .ts when run from source (tsx, vitest), .js when built. */
const WORKER_URL = new URL(
  import.meta.url.endsWith('.ts') ? './mastImportWorker.ts' : './mastImportWorker.js',
  import.meta.url,
);

/**
 * A worker thread's TypeScript source needs a loader, which a worker does not always inherit (vitest runs the server
 * without tsx): tsWorker.mjs, plain JavaScript, imports it through tsx's `tsImport`.
 */
function startWorker(databaseFile: string): Worker {
  if (!WORKER_URL.pathname.endsWith('.ts')) return new Worker(WORKER_URL, { workerData: { databaseFile } });
  return new Worker(new URL('./tsWorker.mjs', import.meta.url), {
    workerData: { databaseFile, entry: WORKER_URL.href },
  });
}

/**
 * Runs mast imports (parse, validate, one transaction) in a worker thread with its own connection to the database
 * file, so that a 100,000-mast import does not hold the event loop. Started on the first import, stopped by close().
 * The caller holds the WriteGate while a job runs (the worker writes then).
 */
export class MastImportThread {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly jobs = new Map<
    number,
    { resolve: (outcome: MastImportOutcome) => void; reject: (error: Error) => void }
  >();

  constructor(private readonly databaseFile: string) {}

  run(job: MastImportJob): Promise<MastImportOutcome> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.jobs.set(id, { resolve, reject });
      worker.ref();
      const body = job.body;
      // A body that is its own ArrayBuffer (fastify concatenates large bodies into a new one) moves without a copy.
      const transfer =
        body && body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? [body.buffer as ArrayBuffer] : [];
      worker.postMessage({ type: 'job', id, job } satisfies MastImportMessage, transfer);
    });
  }

  /** Stop the worker after the job it runs (closing its database connection). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ type: 'close' } satisfies MastImportMessage);
    const timeout = setTimeout(() => void worker.terminate(), 10_000);
    await exited;
    clearTimeout(timeout);
  }

  private start(): Worker {
    const worker = startWorker(this.databaseFile);
    worker.unref();
    worker.on('message', (reply: MastImportReply) => {
      const job = this.jobs.get(reply.id);
      if (!job) return;
      this.jobs.delete(reply.id);
      if (this.jobs.size === 0) worker.unref();
      if ('error' in reply) job.reject(new Error(`mast import failed in the worker: ${reply.error}`));
      else job.resolve(reply.outcome);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const job of this.jobs.values()) job.reject(error);
      this.jobs.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`the mast import worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }
}
