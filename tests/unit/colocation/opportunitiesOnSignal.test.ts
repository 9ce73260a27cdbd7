import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildOpportunitiesRequest } from '../../../src/core/colocation/buildOpportunitiesRequest';
import { findColocationOpportunities } from '../../../src/core/colocation/colocationOpportunities';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { packMastAttributes } from '../../../src/core/model/mastAttributes';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import { packTowers } from '../../../src/core/model/towerArrays';
import { EXISTING, GRID, OPERATORS, prediction, rsrpByHand, THRESHOLD_DBM } from '../siting/signalInstanceByHand';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const values = new Float32Array(GRID.width * GRID.height);
for (let cell = 0; cell < values.length; cell++) {
  const row = Math.floor(cell / GRID.width);
  const col = cell % GRID.width;
  values[cell] = (row + col) % 17 === 0 ? Number.NaN : (row * 7 + col * 13) % 11;
}
const POPULATION: PopulationGrid = { ...GRID, nodata: null, values };

/** Does operator `operator`'s band from mast `t` (30 m) reach the threshold at the cell, by the budget by hand? */
function reaches(t: number, operator: string, cell: number): boolean {
  if (!['Viettel', 'VinaPhone', 'MobiFone'].includes(operator)) return false;
  const mast = EXISTING[t];
  const site = { lon: mast.lon, lat: mast.lat, heightM: 30 };
  const value = rsrpByHand('uma-nlos', site, operator, Math.floor(cell / GRID.width), cell % GRID.width);
  expect(Math.abs(value - THRESHOLD_DBM)).toBeGreaterThan(0.01);
  return value >= THRESHOLD_DBM;
}

describe('co-location opportunities on predicted signal', () => {
  it('people an operator would newly cover from each mast of another owner, by the link budget by hand', async () => {
    // Existing coverage by hand: each mast carries its owner's band only.
    const coveredBits = new Uint8Array(values.length);
    for (let cell = 0; cell < values.length; cell++) {
      EXISTING.forEach((mast, t) => {
        if (reaches(t, mast.operator, cell)) coveredBits[cell] |= 1 << OPERATORS.indexOf(mast.operator);
      });
    }
    const towers = packTowers(EXISTING);
    const results = await findColocationOpportunities({
      grid: POPULATION,
      towers,
      spareSlots: new Uint8Array(towers.count).fill(1),
      coveredBits,
      defaultRadiusM: 0,
      coverage: { kind: 'signal', prediction: prediction('uma-nlos') },
    });
    let compared = 0;
    for (const { operator, opportunities } of results) {
      const k = OPERATORS.indexOf(operator);
      const expected = EXISTING.map((mast, t) => {
        if (mast.operator === operator) return 0;
        let people = 0;
        for (let cell = 0; cell < values.length; cell++) {
          if (!(values[cell] > 0) || coveredBits[cell] & (1 << k)) continue;
          if (reaches(t, operator, cell)) people += values[cell];
        }
        return people;
      });
      const got = EXISTING.map((_, t) => opportunities.find((o) => o.towerIndex === t)?.newlyCoveredPopulation ?? 0);
      expect(got).toEqual(expected);
      compared += expected.filter((people) => people > 0).length;
      for (const opportunity of opportunities) expect(opportunity.radiusM).toBeGreaterThan(500);
    }
    // Three 5G operators x three masts of others; Vietnamobile has no 5G band and gains nothing.
    expect(compared).toBe(9);
    expect(results.find((r) => r.operator === 'Vietnamobile')?.opportunities).toEqual([]);
  });

  it('buildOpportunitiesRequest with propagation settings: the analysis grid and the predicted coverage', async () => {
    const parsed = parseTowersCsv(readFileSync(`${repository}tests/fixtures/coverage/towers.csv`, 'utf8'));
    const population = await readPopulationGeoTiff(
      new Uint8Array(readFileSync(`${repository}tests/fixtures/coverage/population.tif`)).buffer,
    );
    const data = {
      towers: packTowers(parsed.towers),
      masts: packMastAttributes(parsed.towers),
      population,
      signal: { towers: parsed.towers },
    };
    const propagation = {
      modelId: 'uma-nlos' as const,
      technology: '5g' as const,
      gridM: 250,
      thresholdDbm: -120,
      indoor: false,
      metropolitan: false,
      assume5g: true,
    };
    const request = await buildOpportunitiesRequest({ defaultRadiusM: 1000, propagation }, data);
    expect(request.coverage?.kind).toBe('signal');
    expect(request.grid.width).toBeGreaterThan(population.width);
    expect(request.coveredBits.length).toBe(request.grid.width * request.grid.height);
    const results = await findColocationOpportunities(request);
    expect(results.some((r) => r.opportunities.length > 0)).toBe(true);
    await expect(
      buildOpportunitiesRequest({ defaultRadiusM: 1000, propagation }, { ...data, signal: undefined }),
    ).rejects.toThrow(/data\.signal/);
  });
});
