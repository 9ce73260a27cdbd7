import * as Comlink from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { computeFixedRadiusCoverage } from '../../../src/core/coverage/computeFixedRadiusCoverage';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import { packTowers } from '../../../src/core/model/towerArrays';
import { isCancelledError } from '../../../src/core/util/cooperativeLoop';
import { type AnalysisApi, analysisApi } from '../../../workers/analysisApi';
import { runFixedRadiusCoverage } from '../../../workers/runFixedRadiusCoverage';
import { type PoolWorker, WorkerPool } from '../../../workers/workerPool';

/** A MessageChannel pair stands in for a worker: the real API on one port, Comlink's proxy on the other. */
function channelWorker(): PoolWorker<AnalysisApi> & { port: MessagePort } {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(analysisApi, port1 as unknown as Comlink.Endpoint);
  return {
    api: Comlink.wrap<AnalysisApi>(port2 as unknown as Comlink.Endpoint),
    port: port2 as unknown as MessagePort,
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
}

function demoLikeGrid(width: number, height: number): PopulationGrid {
  const values = new Float32Array(width * height);
  for (let i = 0; i < values.length; i++) values[i] = (i * 7919) % 13 === 0 ? -99999 : (i % 97) + 1;
  return {
    width,
    height,
    originLon: 107,
    originLat: 17,
    cellSizeLonDeg: 1 / 120,
    cellSizeLatDeg: 1 / 120,
    nodata: -99999,
    values,
  };
}

function towersOver(grid: PopulationGrid, count: number, radiusM: number) {
  const names = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];
  return packTowers(
    Array.from({ length: count }, (_, i) => ({
      id: `T${i}`,
      operator: names[i % 4],
      lon: grid.originLon + (((i * 37) % 101) / 101) * grid.width * grid.cellSizeLonDeg,
      lat: grid.originLat - (((i * 53) % 103) / 103) * grid.height * grid.cellSizeLatDeg,
      heightM: null,
      radiusM,
      mastType: null,
      tenants: [names[i % 4]],
    })),
  );
}

let pool: WorkerPool<AnalysisApi> | null = null;
afterEach(() => {
  pool?.close();
  pool = null;
});

describe('WorkerPool over comlink', () => {
  it('splits coverage into bands across workers and returns exactly the single-thread answer, with progress', async () => {
    pool = new WorkerPool(channelWorker, 2);
    const grid = demoLikeGrid(200, 150);
    const towers = towersOver(grid, 300, 2500);
    const progress: number[] = [];
    const bits = await runFixedRadiusCoverage(pool, grid, towers, 2000, { onProgress: (f) => progress.push(f) });
    const expected = await computeFixedRadiusCoverage({
      grid,
      towers,
      defaultRadiusM: 2000,
      rowStart: 0,
      rowEnd: grid.height,
    });
    expect(bits).toEqual(expected);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)).toBeCloseTo(1, 9);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);
  });

  it('transfers typed arrays instead of copying them', async () => {
    pool = new WorkerPool(channelWorker, 1);
    const grid = demoLikeGrid(40, 30);
    const towers = towersOver(grid, 20, 1500);
    const result = await pool.run((api, jobId) =>
      api.fixedRadiusCoverageBand(jobId, { grid, towers, defaultRadiusM: 1000, rowStart: 0, rowEnd: 30 }),
    );
    expect(result).toBeInstanceOf(Uint8Array);
    expect(result.length).toBe(40 * 30);
  });

  it('cancels a long job: the worker stops, the call rejects as cancelled, and the pool keeps working', async () => {
    pool = new WorkerPool(channelWorker, 2);
    // Large radii over a big grid: seconds of work if not stopped.
    const grid = demoLikeGrid(1500, 1500);
    const towers = towersOver(grid, 4000, 120_000);
    const controller = new AbortController();
    let lastProgress = 0;
    const started = performance.now();
    const running = runFixedRadiusCoverage(pool, grid, towers, 2000, {
      signal: controller.signal,
      onProgress: (f) => {
        lastProgress = f;
      },
    });
    setTimeout(() => controller.abort(), 150);
    const outcome = await running.then(
      () => 'finished',
      (error: unknown) => (isCancelledError(error) ? 'cancelled' : String(error)),
    );
    const elapsedMs = performance.now() - started;
    expect(outcome).toBe('cancelled');
    expect(lastProgress).toBeLessThan(1);
    expect(elapsedMs).toBeLessThan(5000);
    // The workers stopped on their own (cooperative cancel), none had to be terminated.
    expect(pool.replacedWorkers).toBe(0);
    // The pool still answers after a cancel.
    const small = demoLikeGrid(20, 20);
    const after = await runFixedRadiusCoverage(pool, small, towersOver(small, 10, 1000), 1000);
    expect(after.length).toBe(400);
  });

  it('terminates and replaces a worker that does not stop when cancelled', async () => {
    let terminated = 0;
    const stuckWorker = (): PoolWorker<{ cancel(jobId: number): void; hang(): Promise<void> }> => {
      const { port1, port2 } = new MessageChannel();
      Comlink.expose({ cancel() {}, hang: () => new Promise<void>(() => {}) }, port1 as unknown as Comlink.Endpoint);
      return {
        api: Comlink.wrap(port2 as unknown as Comlink.Endpoint),
        terminate: () => {
          terminated++;
          port1.close();
          port2.close();
        },
      };
    };
    const stuckPool = new WorkerPool(stuckWorker, 1);
    const controller = new AbortController();
    const call = stuckPool.run((api) => api.hang(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toThrow('cancelled');
    expect(terminated).toBe(1);
    expect(stuckPool.replacedWorkers).toBe(1);
    stuckPool.close();
    expect(terminated).toBe(2);
  });

  it('does not hand over an answer that arrives after the cancel (within the grace period)', async () => {
    const slowWorker = (): PoolWorker<{ cancel(jobId: number): void; answerLater(): Promise<number> }> => {
      const { port1, port2 } = new MessageChannel();
      // A step that cannot be interrupted (like the finish of a signal run) and answers 200 ms later.
      Comlink.expose(
        { cancel() {}, answerLater: () => new Promise<number>((resolve) => setTimeout(() => resolve(42), 200)) },
        port1 as unknown as Comlink.Endpoint,
      );
      return {
        api: Comlink.wrap(port2 as unknown as Comlink.Endpoint),
        terminate: () => {
          port1.close();
          port2.close();
        },
      };
    };
    const slowPool = new WorkerPool(slowWorker, 1);
    const controller = new AbortController();
    const call = slowPool.run((api) => api.answerLater(), { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(call).rejects.toThrow('cancelled');
    // The worker answered in time, so it is kept, and the pool goes on.
    expect(slowPool.replacedWorkers).toBe(0);
    await expect(slowPool.run((api) => api.answerLater())).resolves.toBe(42);
    slowPool.close();
  });
});
