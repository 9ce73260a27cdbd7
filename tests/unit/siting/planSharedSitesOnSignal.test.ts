import highsLoader from 'highs';
import { describe, expect, it } from 'vitest';
import type { SignalTerrain } from '../../../src/core/coverage/computeSignalCoverage';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import { packTowers } from '../../../src/core/model/towerArrays';
import { type PlanSharedSitesRequest, planSharedSites } from '../../../src/core/siting/planSharedSites';
import type { UserSite } from '../../../src/core/siting/siteCandidate';
import {
  CALCULATION_RADIUS_M,
  coverByHand,
  EXISTING,
  GRID,
  groundM,
  prediction,
  rsrpByHand,
  THRESHOLD_DBM,
} from './signalInstanceByHand';

// People per cell: a fixed pattern with no-data (NaN) and empty cells.
const values = new Float32Array(GRID.width * GRID.height);
for (let cell = 0; cell < values.length; cell++) {
  const row = Math.floor(cell / GRID.width);
  const col = cell % GRID.width;
  values[cell] = (row + col) % 17 === 0 ? Number.NaN : (row * 7 + col * 13) % 11;
}
const POPULATION: PopulationGrid = { ...GRID, nodata: null, values };
const CHOSEN = ['Viettel', 'VinaPhone', 'MobiFone'];
// Eight places around the existing masts (row 40, columns 10-40), overlapping each other and the masts' coverage.
const SITES: UserSite[] = Array.from({ length: 8 }, (_, k) => ({
  id: `S${k + 1}`,
  lon: 108.104 + 0.0055 * k,
  lat: k % 2 === 0 ? 16.012 : 16.019,
  ...(k === 5 ? { heightM: 20 } : {}),
}));
const NEW_MAST_HEIGHT_M = 35;

/**
 * The plan by hand: existing coverage per operator from the masts' budgets (Vietnamobile has no 5G band), demand =
 * populated cells no chosen operator covers, each site's cover = cells where all chosen bands reach the threshold,
 * then the best P sites by trying every subset of size P.
 */
function planByHand(modelId: 'uma-nlos' | 'p526', sites: number, terrain: boolean, maxReachM?: number) {
  const demand = new Map<number, number>();
  for (let row = 0; row < GRID.height; row++) {
    for (let col = 0; col < GRID.width; col++) {
      const cell = row * GRID.width + col;
      if (!(values[cell] > 0)) continue;
      const covered = EXISTING.some((mast) => {
        if (!CHOSEN.includes(mast.operator) || !haversineWithin(mast.lon, mast.lat, row, col, maxReachM)) return false;
        const site = { lon: mast.lon, lat: mast.lat, heightM: 30 };
        const rsrpDbm = rsrpByHand(modelId, site, mast.operator, row, col, terrain);
        // The instance must not hinge on float32 rounding at the threshold.
        expect(Math.abs(rsrpDbm - THRESHOLD_DBM)).toBeGreaterThan(0.01);
        return rsrpDbm >= THRESHOLD_DBM;
      });
      if (!covered) demand.set(cell, values[cell]);
    }
  }
  const byHand = coverByHand(modelId, CHOSEN, {
    terrain,
    maxReachM,
    toleranceDb: 0.01,
    sites: {
      lon: SITES.map((site) => site.lon),
      lat: SITES.map((site) => site.lat),
      heightM: SITES.map((site) => site.heightM ?? NEW_MAST_HEIGHT_M),
    },
  });
  for (const { borderline } of byHand) expect([...borderline].filter((cell) => demand.has(cell))).toEqual([]);
  const reach = byHand.map(({ covered }) => [...covered].filter((cell) => demand.has(cell)));
  const value = (chosen: number[]) => {
    const cells = new Set(chosen.flatMap((k) => reach[k]));
    let total = 0;
    for (const cell of cells) total += demand.get(cell) ?? 0;
    return total;
  };
  let best = 0;
  const choose = (from: number, chosen: number[]) => {
    if (chosen.length === sites) {
      best = Math.max(best, value(chosen));
      return;
    }
    for (let k = from; k < SITES.length; k++) choose(k + 1, [...chosen, k]);
  };
  choose(0, []);
  let demandTotal = 0;
  for (const people of demand.values()) demandTotal += people;
  return { best, value, demandTotal };
}

function haversineWithin(lon: number, lat: number, row: number, col: number, maxReachM?: number): boolean {
  if (maxReachM === undefined) return true;
  const cellLon = GRID.originLon + (col + 0.5) * GRID.cellSizeLonDeg;
  const cellLat = GRID.originLat - (row + 0.5) * GRID.cellSizeLatDeg;
  const r = Math.PI / 180;
  const h =
    Math.sin(((cellLat - lat) * r) / 2) ** 2 +
    Math.cos(lat * r) * Math.cos(cellLat * r) * Math.sin(((cellLon - lon) * r) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h)) <= maxReachM;
}

function request(modelId: 'uma-nlos' | 'p526', sites: number, terrain?: SignalTerrain): PlanSharedSitesRequest {
  return {
    grid: POPULATION,
    towers: packTowers(EXISTING),
    defaultRadiusM: 0,
    operators: CHOSEN,
    weighting: 'people',
    siteRadiusM: 1000,
    coverage: { kind: 'signal', prediction: prediction(modelId, terrain) },
    candidates: { userSites: SITES },
    newMast: { mastType: 'A2b', heightM: NEW_MAST_HEIGHT_M },
    budget: { maxSites: sites },
  };
}

describe('planSharedSites on predicted signal against the plan by hand (every subset of P sites)', () => {
  it.each([1, 2, 3])('uma-nlos, P = %i: heuristic <= optimum <= bound; exact = optimum', async (sites) => {
    const byHand = planByHand('uma-nlos', sites, false);
    expect(byHand.best).toBeGreaterThan(0);
    const heuristic = await planSharedSites(request('uma-nlos', sites));
    expect(heuristic.demand.population).toBeCloseTo(byHand.demandTotal, 3);
    const chosen = heuristic.sites.map((site) => SITES.findIndex((s) => s.id === site.id));
    expect(heuristic.populationNewlyCovered).toBeCloseTo(byHand.value(chosen), 3);
    expect(heuristic.populationNewlyCovered).toBeLessThanOrEqual(byHand.best + 1e-6);
    expect(heuristic.upperBound).toBeGreaterThanOrEqual(byHand.best - 1e-6);
    // The explanations use the same cover: the sites' shares add up to the total, for each chosen operator too.
    const sum = heuristic.sites.reduce((total, site) => total + site.newlyCoveredPopulation, 0);
    expect(sum).toBeCloseTo(heuristic.populationNewlyCovered, 6);
    for (const operator of CHOSEN) {
      const byOperator = heuristic.sites.reduce((total, site) => total + site.newlyCoveredByOperator[operator], 0);
      expect(byOperator).toBeCloseTo(heuristic.populationNewlyCovered, 6);
    }
    const exact = await planSharedSites({
      ...request('uma-nlos', sites),
      solver: 'exact',
      exact: { highs: await highsLoader(), timeLimitSeconds: 30 },
    });
    expect(exact.proven).toBe(true);
    expect(exact.populationNewlyCovered).toBeCloseTo(byHand.best, 3);
    expect(exact.upperBound).toBeGreaterThanOrEqual(byHand.best - 1e-6);
  });

  it('p526 over a ridge (exact terrain mode, 2.5 km calculation radius): the optimum by hand', async () => {
    const terrain: SignalTerrain = { groundM, kFactor: 4 / 3, diffractionWeight: 1, mode: 'exact' };
    const byHand = planByHand('p526', 2, true, CALCULATION_RADIUS_M);
    expect(byHand.best).toBeGreaterThan(0);
    const plan = await planSharedSites({
      ...request('p526', 2, terrain),
      solver: 'exact',
      exact: { highs: await highsLoader(), timeLimitSeconds: 30 },
    });
    expect(plan.demand.population).toBeCloseTo(byHand.demandTotal, 3);
    expect(plan.populationNewlyCovered).toBeCloseTo(byHand.best, 3);
    expect(plan.upperBound).toBeGreaterThanOrEqual(byHand.best - 1e-6);
  });

  it('refuses a grid that is not the prediction’s', async () => {
    await expect(
      planSharedSites({ ...request('uma-nlos', 1), grid: { ...POPULATION, width: GRID.width - 1 } }),
    ).rejects.toThrow(/prediction's 60 x 50/);
  });
});
