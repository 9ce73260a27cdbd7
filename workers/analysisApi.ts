import * as Comlink from 'comlink';
import {
  computeFixedRadiusCoverage,
  type FixedRadiusCoverageRequest,
} from '../src/core/coverage/computeFixedRadiusCoverage';
import { parseTowers } from '../src/core/io/parseTowers';
import { readPopulationGeoTiff } from '../src/core/io/readPopulationGeoTiff';
import type { PopulationGrid } from '../src/core/model/populationGrid';

/**
 * What the analysis worker offers. Logic lives in src/core; this maps jobs to AbortControllers so `cancel` reaches them.
 * Results that hold typed arrays are transferred, not copied.
 */
const running = new Map<number, AbortController>();

async function withJob<T>(jobId: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  running.set(jobId, controller);
  try {
    return await work(controller.signal);
  } finally {
    running.delete(jobId);
  }
}

export const analysisApi = {
  cancel(jobId: number): void {
    running.get(jobId)?.abort();
  },

  parseTowers(fileName: string, text: string) {
    return parseTowers(text, fileName);
  },

  async readPopulation(buffer: ArrayBuffer): Promise<PopulationGrid> {
    const grid = await readPopulationGeoTiff(buffer);
    return Comlink.transfer(grid, [grid.values.buffer as ArrayBuffer]);
  },

  async fixedRadiusCoverageBand(
    jobId: number,
    request: FixedRadiusCoverageRequest,
    onProgress?: (fraction: number) => void,
  ): Promise<Uint8Array> {
    const coveredBits = await withJob(jobId, (signal) => computeFixedRadiusCoverage(request, { signal, onProgress }));
    return Comlink.transfer(coveredBits, [coveredBits.buffer as ArrayBuffer]);
  },
};

export type AnalysisApi = typeof analysisApi;
