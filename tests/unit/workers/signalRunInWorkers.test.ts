import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as Comlink from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/runCli';
import { assembleSignalCoverage, computeSignalCoverage } from '../../../src/core/coverage/computeSignalCoverage';
import { prepareSignalRun, type SignalRunSettings } from '../../../src/core/coverage/prepareSignalRun';
import { summarizeSignalCoverage } from '../../../src/core/coverage/summarizeSignalCoverage';
import { parseTowers } from '../../../src/core/io/parseTowers';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { encodeTowerColumns } from '../../../src/core/model/towerColumns';
import { type AnalysisApi, analysisApi } from '../../../workers/analysisApi';
import { ResidentDataset } from '../../../workers/residentDataset';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

/** The real API on one end of a MessageChannel, Comlink's proxy on the other: messages are cloned as in a browser. */
function channelApi(): { api: Comlink.Remote<AnalysisApi>; close: () => void } {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(analysisApi, port1 as unknown as Comlink.Endpoint);
  return {
    api: Comlink.wrap<AnalysisApi>(port2 as unknown as Comlink.Endpoint),
    close: () => {
      port1.close();
      port2.close();
    },
  };
}

// A coarse grid keeps the test quick; the app's default is 100 m (the e2e test runs that).
const settings: SignalRunSettings = {
  modelId: 'uma-nlos',
  technology: '4g',
  gridM: 400,
  indoor: false,
  metropolitan: false,
  assume5g: false,
};

let towers: Tower[];
let population: PopulationGrid;
let open: ReturnType<typeof channelApi> | null = null;

beforeAll(async () => {
  towers = parseTowers(readFileSync(`${repository}data/demo/towers.csv`, 'utf8'), 'towers.csv').towers;
  const bytes = readFileSync(`${repository}data/demo/population.tif`);
  population = await readPopulationGeoTiff(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
});
afterEach(() => {
  open?.close();
  open = null;
});

describe('a signal run on the dataset the worker holds', () => {
  it('refuses a band before the dataset is loaded, naming the dataset', async () => {
    open = channelApi();
    expect(await open.api.hasDataset('never-loaded')).toBe(false);
    await expect(open.api.signalCoverageBand(1, 'never-loaded', settings, 0, 3)).rejects.toThrow(
      /does not hold dataset never-loaded/,
    );
  });

  it('covers every row exactly once across the bands: the joined bands equal one whole-grid run', async () => {
    open = channelApi();
    await open.api.loadDataset('demo', await encodeTowerColumns(towers), population, null);
    expect(await open.api.hasDataset('demo')).toBe(true);
    const bandCount = 7; // does not divide the grid's height
    const bands = [];
    for (let b = 0; b < bandCount; b++)
      bands.push(await open.api.signalCoverageBand(b, 'demo', settings, b, bandCount));
    const run = await prepareSignalRun({ towers, arrays: packTowers(towers), population }, settings);
    expect(bands[0].rowStart).toBe(0);
    expect(bands.at(-1)?.rowEnd).toBe(run.grid.height);
    for (let b = 1; b < bandCount; b++) expect(bands[b].rowStart).toBe(bands[b - 1].rowEnd);
    const joined = assembleSignalCoverage(bands, run.grid);
    const whole = await computeSignalCoverage({
      ...run.prepared.request,
      cellMask: run.cellMask,
      rowStart: 0,
      rowEnd: run.grid.height,
    });
    expect(joined.bestSignalDbm).toEqual(whole.bestSignalDbm);
    expect(joined.servingTowerIndex).toEqual(whole.servingTowerIndex);
    joined.bestSignalDbmByOperator.forEach((signal, k) => {
      expect(signal).toEqual(whole.bestSignalDbmByOperator[k]);
    });

    // And the figures are the command line's for the same inputs.
    const summary = summarizeSignalCoverage({
      population: run.population,
      coverage: joined,
      operatorNames: run.prepared.operatorNames,
      thresholdDbm: run.prepared.thresholdDbm,
    });
    let stdout = '';
    const status = await runCli(
      [
        'coverage',
        '--towers',
        `${repository}data/demo/towers.csv`,
        '--population',
        `${repository}data/demo/population.tif`,
        '--model',
        'uma-nlos',
        '--grid-m',
        '400',
        '--json',
      ],
      { stdout: (text) => (stdout += text), stderr: () => {} },
    );
    expect(status).toBe(0);
    const figures = JSON.parse(stdout) as { population_covered: number };
    expect(summary.populationCovered).toBeCloseTo(figures.population_covered, 6);
  });

  it('drops what it prepared when another dataset is loaded', async () => {
    open = channelApi();
    await open.api.loadDataset('all', await encodeTowerColumns(towers), population, null);
    const allTowers = await open.api.signalCoverageBand(1, 'all', settings, 0, 1);
    const viettelOnly = towers.filter((tower) => tower.operator === 'Viettel');
    await open.api.loadDataset('viettel', await encodeTowerColumns(viettelOnly), population, null);
    expect(await open.api.hasDataset('all')).toBe(false);
    const viettel = await open.api.signalCoverageBand(2, 'viettel', settings, 0, 1);
    const servedCells = (band: typeof viettel) => band.servingTowerIndex.filter((index) => index >= 0).length;
    expect(servedCells(viettel)).toBeGreaterThan(0);
    expect(servedCells(viettel)).toBeLessThan(servedCells(allTowers));
  });

  it('keeps a plan’s preparation, and starts it again for a job that goes on when another job cancelled it', async () => {
    const dataset = new ResidentDataset('plan-dataset', await encodeTowerColumns(towers), population, null, null);
    const propagation: SignalRunSettings = { ...settings, technology: '5g', assume5g: true };
    const first = new AbortController();
    const second = new AbortController();
    const cancelled = dataset.signalSitePlan(propagation, { signal: first.signal });
    const goesOn = dataset.signalSitePlan(propagation, { signal: second.signal });
    first.abort();
    await expect(cancelled).rejects.toThrow('cancelled');
    const prepared = await goesOn;
    expect(prepared.coveredBits.length).toBe(prepared.grid.width * prepared.grid.height);
    expect(prepared.coveredBits.some((bits) => bits !== 0)).toBe(true);
    // Kept for these settings: a later plan gets the same preparation; other settings prepare their own.
    expect(await dataset.signalSitePlan(propagation)).toBe(prepared);
    expect(await dataset.signalSitePlan({ ...propagation, thresholdDbm: -100 })).not.toBe(prepared);
  });
});
