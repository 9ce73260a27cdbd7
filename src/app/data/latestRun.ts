/**
 * "The latest run wins", for one kind of analysis (the coverage, the site plan, an import...): starting a run aborts
 * the one before it, and a run asks `isCurrent()` before it writes its progress, result or error, so a stale answer
 * never overwrites a newer run's. Aborting alone is not enough: a worker's answer can already be on its way when the
 * signal aborts, and the pool may settle after a newer run started.
 *
 * ```ts
 * const coverageRun = latestRun();
 * async function startCoverage() {
 *   const run = coverageRun.start();
 *   try {
 *     const result = await pool.run(job, { signal: run.signal });
 *     if (run.isCurrent()) write(result);
 *   } catch (error) {
 *     if (run.isCurrent()) write(isCancelledError(error) ? 'cancelled' : error);
 *   }
 * }
 * const cancelCoverage = () => coverageRun.cancel();
 * ```
 *
 * `cancel()` aborts the current run but leaves it current, so that run still reports its own cancellation (the panel
 * shows "cancelled"); only a newer `start()` makes a run stale. Cancelling a run that has finished does nothing
 * visible: the pool no longer listens to its signal.
 */
export interface LatestRun {
  /** Starts a run: aborts the previous one's signal and makes it stale. */
  start(): Run;
  /** Aborts the current run's signal, if any; it stays current. */
  cancel(): void;
  /** Aborts the current run and makes it stale, so it writes nothing more (the user closed what it was for). */
  abandon(): void;
}

/** One run of a `LatestRun`. */
export interface Run {
  /** Aborted when a newer run starts or `cancel()` is called: pass it to the pool (`{ signal }`). */
  readonly signal: AbortSignal;
  /** False once a newer run has started: then drop this run's progress, result and errors. */
  isCurrent(): boolean;
}

export function latestRun(): LatestRun {
  let current: AbortController | null = null;
  return {
    start() {
      current?.abort();
      const controller = new AbortController();
      current = controller;
      return { signal: controller.signal, isCurrent: () => current === controller };
    },
    cancel() {
      current?.abort();
    },
    abandon() {
      current?.abort();
      current = null;
    },
  };
}
