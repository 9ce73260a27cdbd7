import { createBrowserPool } from '../../workers/createBrowserPool';

let pool: ReturnType<typeof createBrowserPool> | null = null;

/** The app's one worker pool, created on first use. */
export function getAnalysisPool() {
  pool ??= createBrowserPool();
  return pool;
}
