import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Highs } from 'highs';
import highsLoader from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeFixedRadiusCoverage } from '../../../src/core/coverage/computeFixedRadiusCoverage';
import { maskCellCentresInPolygons } from '../../../src/core/geo/maskCellCentresInPolygons';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { packMastAttributes } from '../../../src/core/model/mastAttributes';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import { type PlanSharedSitesRequest, planSharedSites } from '../../../src/core/siting/planSharedSites';
import { QUANG_NAM_SPACING } from '../../../src/core/siting/siteRules';
import { isCancelledError } from '../../../src/core/util/cooperativeLoop';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

function haversine(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 +
    Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(a)));
}

let grid: PopulationGrid;
let towers: Tower[];
let highs: Highs;
let request: PlanSharedSitesRequest;

beforeAll(async () => {
  grid = await readPopulationGeoTiff(new Uint8Array(readFileSync(`${repository}data/demo/population.tif`)).buffer);
  towers = parseTowersCsv(readFileSync(`${repository}data/demo/towers.csv`, 'utf8')).towers;
  highs = await highsLoader();
  const area = [
    [
      [107.75, 15.55],
      [107.95, 15.55],
      [107.95, 15.75],
      [107.75, 15.75],
      [107.75, 15.55],
    ],
  ];
  request = {
    grid,
    mask: maskCellCentresInPolygons(grid, [area]),
    towers: packTowers(towers),
    masts: packMastAttributes(towers),
    defaultRadiusM: 2000,
    siteRadiusM: 2500,
    // A lattice denser than the 300 m spacing rule, so neighbouring candidates conflict.
    candidates: { lattice: { shape: 'square', spacingM: 250 }, existingMasts: true },
    rules: { spacing: QUANG_NAM_SPACING },
    budget: { maxSites: 6 },
    exact: { highs, timeLimitSeconds: 60 },
  };
}, 60_000);

describe('planSharedSites on a corner of the demo province', () => {
  it('the exact plan is optimal, at least the heuristic, within its bound, and obeys the conflicts', async () => {
    const heuristic = await planSharedSites({ ...request, solver: 'greedy_swap' });
    const exact = await planSharedSites({ ...request, solver: 'exact' });
    expect(heuristic.candidates.conflictPairs).toBeGreaterThan(100);
    expect(exact.proven).toBe(true);
    expect(exact.boundSource).toBe('highs');
    expect(exact.objective).toBeGreaterThanOrEqual(heuristic.objective - 1e-6);
    expect(exact.objective).toBeLessThanOrEqual(heuristic.upperBound);
    expect(heuristic.objective).toBeGreaterThanOrEqual(0.99 * exact.objective);
    for (const plan of [heuristic, exact]) {
      const newSites = plan.sites.filter((site) => site.kind !== 'existing_mast');
      for (const a of newSites) {
        for (const b of newSites)
          if (a !== b) expect(haversine(a.lon, a.lat, b.lon, b.lat)).toBeGreaterThanOrEqual(300);
      }
    }
  });

  it('counts people newly covered as a cell-by-cell recomputation does', async () => {
    const plan = await planSharedSites({ ...request, solver: 'greedy_swap' });
    const arrays = packTowers(towers);
    const bits = await computeFixedRadiusCoverage({
      grid,
      towers: arrays,
      defaultRadiusM: 2000,
      rowStart: 0,
      rowEnd: grid.height,
    });
    let expected = 0;
    for (let row = 0; row < grid.height; row++) {
      for (let col = 0; col < grid.width; col++) {
        const cell = row * grid.width + col;
        const value = grid.values[cell];
        if (!(value > 0) || request.mask?.[cell] === 0 || bits[cell] !== 0) continue;
        const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
        const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
        if (plan.sites.some((site) => haversine(lon, lat, site.lon, site.lat) <= 2500)) expected += value;
      }
    }
    expect(plan.populationNewlyCovered).toBeCloseTo(expected, 3);
    expect(plan.objective).toBeCloseTo(expected, 3); // the people weighting: objective = people
  });

  it('a money budget caps the total capex', async () => {
    const plan = await planSharedSites({ ...request, budget: { maxCostUsd: 100_000 }, solver: 'exact' });
    expect(plan.totalCapexUsd).toBeLessThanOrEqual(100_000);
    expect(plan.sites.every((site) => site.cost.capexUsd > 0)).toBe(true);
    expect(plan.sites.length).toBeGreaterThan(0);
    expect(plan.proven).toBe(true);
  });

  it('reports progress and stops when cancelled', async () => {
    const fractions: number[] = [];
    const done = await planSharedSites({ ...request, solver: 'greedy' }, { onProgress: (f) => fractions.push(f) });
    expect(done.method).toBe('greedy');
    expect(fractions[fractions.length - 1]).toBe(1);
    const controller = new AbortController();
    const pending = planSharedSites({ ...request, solver: 'greedy_swap' }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toSatisfy(isCancelledError);
  });
});
