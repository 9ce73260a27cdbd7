import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeSignalCoverage } from '../../../src/core/coverage/computeSignalCoverage';
import { finishSignalRun, signalBandRequest } from '../../../src/core/coverage/finishSignalRun';
import { prepareSignalRun, type SignalRunSettings } from '../../../src/core/coverage/prepareSignalRun';
import { parseTowers } from '../../../src/core/io/parseTowers';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

let towers: Tower[];
let population: PopulationGrid;

beforeAll(async () => {
  towers = parseTowers(readFileSync(`${repository}data/demo/towers.csv`, 'utf8'), 'towers.csv').towers;
  const bytes = readFileSync(`${repository}data/demo/population.tif`);
  population = await readPopulationGeoTiff(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
});

async function finished(technology: '4g' | '5g') {
  // A coarse grid keeps the test quick: which operators have a radio does not depend on it.
  const settings: SignalRunSettings = {
    modelId: 'uma-nlos',
    technology,
    gridM: 1000,
    indoor: false,
    metropolitan: false,
    assume5g: true,
  };
  const run = await prepareSignalRun({ towers, arrays: packTowers(towers), population }, settings);
  const band = await computeSignalCoverage(signalBandRequest(run, 0, 1));
  return finishSignalRun(run, [band], 'spectral').result;
}

describe('finishSignalRun', () => {
  it('names the operators with no radio in the technology, whose 0 is "not computed", not "covers no one"', async () => {
    const operators = [...new Set(towers.map((tower) => tower.operator))].sort();
    // The demo masts are the four operators'; 5G licences (2024): Viettel, VinaPhone, MobiFone; not Vietnamobile.
    expect(operators).toEqual(['MobiFone', 'Vietnamobile', 'Viettel', 'VinaPhone']);
    const fiveG = await finished('5g');
    expect(fiveG.operatorsWithoutRadio).toEqual(['Vietnamobile']);
    expect(fiveG.summary.populationCoveredByOperator.Vietnamobile ?? 0).toBe(0);
    // Every operator runs LTE: none is without a 4G radio, and Vietnamobile's 4G masts do cover people.
    const fourG = await finished('4g');
    expect(fourG.operatorsWithoutRadio).toEqual([]);
    expect(fourG.summary.populationCoveredByOperator.Vietnamobile).toBeGreaterThan(0);
  });
});
