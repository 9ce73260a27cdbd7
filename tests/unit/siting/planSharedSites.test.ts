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
import { haversineByDefinition as haversine } from '../oracles/haversineByDefinition';

const repository = fileURLToPath(new URL('../../../', import.meta.url));

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

/**
 * People in the area's cells no existing mast covers (each mast's radius_m, else 2 km) whose centre is within
 * `radiusM` of a site: every cell against every site.
 */
async function peopleNewlyCoveredBruteForce(sites: ReadonlyArray<{ lon: number; lat: number }>, radiusM: number) {
  const bits = await computeFixedRadiusCoverage({
    grid,
    towers: packTowers(towers),
    defaultRadiusM: 2000,
    rowStart: 0,
    rowEnd: grid.height,
  });
  let people = 0;
  for (let row = 0; row < grid.height; row++) {
    for (let col = 0; col < grid.width; col++) {
      const cell = row * grid.width + col;
      const value = grid.values[cell];
      if (!(value > 0) || request.mask?.[cell] === 0 || bits[cell] !== 0) continue;
      const lon = grid.originLon + (col + 0.5) * grid.cellSizeLonDeg;
      const lat = grid.originLat - (row + 0.5) * grid.cellSizeLatDeg;
      if (sites.some((site) => haversine(lon, lat, site.lon, site.lat) <= radiusM)) people += value;
    }
  }
  return people;
}

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
    // The exact mode says what HiGHS was given after the reduction (with conflicts: no dominance, no fixing in).
    expect(exact.exactStats).toBeDefined();
    expect(exact.exactStats?.dominated).toBe(0);
    expect(exact.exactStats?.fixedIn).toBe(0);
    expect((exact.exactStats?.candidates ?? 0) + (exact.exactStats?.fixedOut ?? 0)).toBe(exact.candidates.accepted);
    expect(exact.exactStats?.nodes).toBeGreaterThanOrEqual(0);
    expect(heuristic.exactStats).toBeUndefined();
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
    const expected = await peopleNewlyCoveredBruteForce(plan.sites, 2500);
    expect(plan.populationNewlyCovered).toBeCloseTo(expected, 3);
    expect(plan.objective).toBeCloseTo(expected, 3); // the people weighting: objective = people
  });

  it('evaluates fixed sites as placed (a moved one too), keeping a site that breaks a rule and saying which', async () => {
    const plan = await planSharedSites({ ...request, solver: 'greedy_swap' });
    const fixedSites = plan.sites.map((site, i) => ({ id: `S${i + 1}`, lon: site.lon, lat: site.lat }));
    // The planner drags S1 by 0.02° east and puts S2 inside an exclusion zone.
    fixedSites[0] = { ...fixedSites[0], lon: fixedSites[0].lon + 0.02 };
    const zone = [
      [
        [fixedSites[1].lon - 0.001, fixedSites[1].lat - 0.001],
        [fixedSites[1].lon + 0.001, fixedSites[1].lat - 0.001],
        [fixedSites[1].lon + 0.001, fixedSites[1].lat + 0.001],
        [fixedSites[1].lon - 0.001, fixedSites[1].lat + 0.001],
        [fixedSites[1].lon - 0.001, fixedSites[1].lat - 0.001],
      ],
    ];
    const evaluated = await planSharedSites({
      ...request,
      fixedSites,
      rules: { ...request.rules, exclusionZones: [zone] },
    });
    expect(evaluated.method).toBe('fixed');
    expect(evaluated.boundSource).toBe('none');
    expect(Number.isNaN(evaluated.gapPercent)).toBe(true);
    // Every site kept, in the planner's order, where it was put.
    expect(evaluated.sites.map((site) => [site.id, site.lon, site.lat])).toEqual(
      fixedSites.map((site) => [site.id, site.lon, site.lat]),
    );
    expect(evaluated.candidates.rejected).toEqual([
      { id: 'S2', reason: 'inside an exclusion zone', code: 'insideExclusionZone' },
    ]);
    // People newly covered, by brute force over the cells, with the sites where they now are.
    const expected = await peopleNewlyCoveredBruteForce(fixedSites, 2500);
    expect(evaluated.populationNewlyCovered).toBeCloseTo(expected, 3);
    expect(evaluated.populationNewlyCovered).not.toBeCloseTo(plan.populationNewlyCovered, 0);
    // Each site's own figure counts its cells once, in the planner's order: they add up to the total.
    const sum = evaluated.sites.reduce((total, site) => total + site.newlyCoveredPopulation, 0);
    expect(sum).toBeCloseTo(evaluated.populationNewlyCovered, 3);
  });

  it('keeps a fixed site left on an existing mast as that mast: same figures, no rule broken', async () => {
    // The app's settings over the whole province: some of the 10 sites are existing masts with room.
    const province: PlanSharedSitesRequest = {
      ...request,
      mask: undefined,
      operators: ['Viettel', 'VinaPhone', 'MobiFone'],
      weighting: 'people_x_operators',
      siteRadiusM: 1500,
      candidates: { lattice: { shape: 'hex', spacingM: 1500 }, existingMasts: true },
      budget: { maxSites: 10 },
    };
    const plan = await planSharedSites({ ...province, solver: 'greedy_swap' });
    const onMasts = plan.sites.filter((site) => site.kind === 'existing_mast').length;
    expect(onMasts).toBeGreaterThan(0);
    const evaluated = await planSharedSites({
      ...province,
      fixedSites: plan.sites.map((site) => ({ id: site.id, lon: site.lon, lat: site.lat, mastType: site.mastType })),
    });
    // Lattice points become the planner's own sites (new masts either way); existing masts stay existing masts.
    const onMast = (site: { id: string; kind: string }) => [site.id, site.kind === 'existing_mast'];
    expect(evaluated.sites.map(onMast)).toEqual(plan.sites.map(onMast));
    expect(evaluated.candidates.rejected).toEqual([]);
    expect(evaluated.populationNewlyCovered).toBeCloseTo(plan.populationNewlyCovered, 6);
    expect(evaluated.totalCapexUsd).toBeCloseTo(plan.totalCapexUsd, 6);
  });

  it('a money budget caps the total capex', async () => {
    const plan = await planSharedSites({ ...request, budget: { maxCostUsd: 100_000 }, solver: 'exact' });
    expect(plan.totalCapexUsd).toBeLessThanOrEqual(100_000);
    expect(plan.sites.every((site) => site.cost.capexUsd > 0)).toBe(true);
    expect(plan.sites.length).toBeGreaterThan(0);
    expect(plan.proven).toBe(true);
  });

  it('keeps both budgets at once: the default search within the exact optimum, the money binding below the count', async () => {
    const bySites = await planSharedSites({ ...request, budget: { maxSites: 6 }, solver: 'greedy_swap' });
    // Half the money the site budget alone spends: the money binds, the plan costs no more.
    const maxCostUsd = bySites.totalCapexUsd / 2;
    const both = { ...request, budget: { maxSites: 6, maxCostUsd } };
    const search = await planSharedSites({ ...both, solver: 'greedy_swap' });
    const exact = await planSharedSites({ ...both, solver: 'exact' });
    for (const plan of [search, exact]) {
      expect(plan.sites.length).toBeLessThanOrEqual(6);
      expect(plan.totalCapexUsd).toBeLessThanOrEqual(maxCostUsd + 1e-6);
      // The capex is the sum of the sites' own.
      expect(plan.totalCapexUsd).toBeCloseTo(
        plan.sites.reduce((sum, site) => sum + site.cost.capexUsd, 0),
        6,
      );
    }
    expect(exact.proven).toBe(true);
    expect(search.objective).toBeLessThanOrEqual(exact.objective + 1e-6);
    expect(exact.objective).toBeLessThan(bySites.objective);
    expect(search.upperBound).toBeGreaterThanOrEqual(exact.objective - 1e-6);
  }, 60_000);

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
