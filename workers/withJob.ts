/**
 * Jobs of a worker: each long call runs under an AbortController registered by the page's job id, so that the pool's
 * `cancel(jobId)` (sent when the page aborts) reaches the core call's signal.
 */
const running = new Map<number, AbortController>();

export async function withJob<T>(jobId: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  running.set(jobId, controller);
  try {
    return await work(controller.signal);
  } finally {
    running.delete(jobId);
  }
}

export function cancelJob(jobId: number): void {
  running.get(jobId)?.abort();
}
