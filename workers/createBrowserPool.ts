import * as Comlink from 'comlink';
import type { AnalysisApi } from './analysisApi';
import { WorkerPool } from './workerPool';

/** The app's pool: one module worker per core (at least 1, at most 8). */
export function createBrowserPool(size = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 2))) {
  return new WorkerPool<AnalysisApi>(() => {
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module' });
    return { api: Comlink.wrap<AnalysisApi>(worker), terminate: () => worker.terminate() };
  }, size);
}
