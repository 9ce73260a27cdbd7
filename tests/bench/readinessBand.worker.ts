/**
 * A worker_threads stand-in for the browser's analysis worker in readiness.bench.ts: computes the band it is sent and
 * posts the partial back (typed arrays transferred). Not a benchmark itself (the runner loads only *.bench.ts).
 */
import { parentPort } from 'node:worker_threads';
import { computeReadinessBand } from '../../src/core/readiness/computeReadinessBand';
import type { ReadinessBandRequest } from '../../src/core/readiness/readinessTypes';

parentPort?.on('message', async (request: ReadinessBandRequest) => {
  const started = performance.now();
  const partial = await computeReadinessBand(request);
  const transfer = Object.values(partial)
    .filter((value): value is Float64Array => value instanceof Float64Array)
    .map((array) => array.buffer as ArrayBuffer);
  parentPort?.postMessage({ partial, ms: performance.now() - started }, transfer);
});
