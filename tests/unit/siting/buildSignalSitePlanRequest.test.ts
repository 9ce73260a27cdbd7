import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildSignalSitePlanRequest, prepareSignalSitePlan } from '../../../src/core/siting/buildSignalSitePlanRequest';
import { buildSitePlanRequest, type SitePlanSettings } from '../../../src/core/siting/buildSitePlanRequest';
import { planSharedSites } from '../../../src/core/siting/planSharedSites';
import {
  COVERAGE_POPULATION_FILE,
  COVERAGE_TOWERS_FILE,
  signalSitePlanData,
} from '../../fixtures/coverage/signalSitePlanData';
import { runCliInProcess } from '../cli/cliHarness';

const TOWERS = COVERAGE_TOWERS_FILE;
const POPULATION = COVERAGE_POPULATION_FILE;
const SITES = [
  { id: 'K6', lon: 108.015, lat: 16.025 },
  { id: 'K2', lon: 108.025, lat: 16.045 },
];

const data = signalSitePlanData;

const SETTINGS: SitePlanSettings = {
  operators: ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'],
  weighting: 'people',
  siteRadiusM: 1500,
  sites: 2,
  solver: 'greedy_swap',
  defaultRadiusM: 1500,
  maxBackboneDistanceM: null,
  useSpacingRule: false,
  exclusionZones: [],
};
const PROPAGATION: SitePlanSettings['propagation'] = {
  modelId: 'uma-nlos',
  technology: '5g',
  gridM: 1000,
  thresholdDbm: -120,
  indoor: false,
  metropolitan: false,
  assume5g: true,
};

describe('buildSignalSitePlanRequest: the planner’s settings on predicted signal', () => {
  it('without propagation settings: the fixed-radius request as it was', async () => {
    const inputs = await data();
    const request = await buildSignalSitePlanRequest(SETTINGS, inputs);
    expect(request).toEqual(buildSitePlanRequest(SETTINGS, inputs));
    expect(request.coverage).toBeUndefined();
  });

  it('with them: the sites placed by the planner are evaluated as cosite propose --model does', async () => {
    const request = await buildSignalSitePlanRequest(
      { ...SETTINGS, fixedSites: SITES, propagation: PROPAGATION },
      await data(),
    );
    expect(request.coverage?.kind).toBe('signal');
    expect([request.grid.width, request.grid.height]).toEqual([8, 6]);
    const plan = await planSharedSites(request);
    const path = join(mkdtempSync(join(tmpdir(), 'cosite-plan-signal-')), 'sites.csv');
    writeFileSync(path, `id,lon,lat\n${SITES.map((site) => `${site.id},${site.lon},${site.lat}`).join('\n')}\n`);
    const cli = await runCliInProcess([
      'propose',
      ...['--towers', TOWERS, '--population', POPULATION, '--candidates', path, '--sites', '2'],
      ...['--model', 'uma-nlos', '--grid-m', '1000', '--threshold-dbm', '-120', '--assume-5g', '--json'],
    ]);
    const report = JSON.parse(cli.stdout);
    expect(report.selected.sort()).toEqual(['K2', 'K6']);
    expect(plan.populationNewlyCovered).toBeGreaterThan(0);
    expect(plan.populationNewlyCovered).toBeCloseTo(report.population_newly_covered, 6);
  });

  it('plans over a lattice and the existing masts with room on the prediction', async () => {
    const request = await buildSignalSitePlanRequest({ ...SETTINGS, propagation: PROPAGATION }, await data());
    const plan = await planSharedSites(request);
    expect(plan.sites.length).toBeGreaterThan(0);
    expect(plan.upperBound).toBeGreaterThanOrEqual(plan.objective);
    expect(plan.candidates.latticeSpacingM).toBe(1500);
  });

  it('plans again on a kept preparation as from scratch: a moved site, then other operators', async () => {
    const inputs = await data();
    const prepared = await prepareSignalSitePlan(inputs, PROPAGATION as NonNullable<typeof PROPAGATION>);
    const settings = { ...SETTINGS, fixedSites: SITES, propagation: PROPAGATION };
    const figures = (plan: Awaited<ReturnType<typeof planSharedSites>>) => ({
      sites: plan.sites.map((site) => [site.id, site.newlyCoveredPopulation]),
      people: plan.populationNewlyCovered,
      objective: plan.objective,
      demand: plan.demand,
    });
    const first = await planSharedSites(await buildSignalSitePlanRequest(settings, inputs, {}, {}, prepared));
    expect(figures(first)).toEqual(figures(await planSharedSites(await buildSignalSitePlanRequest(settings, inputs))));
    const keptDemand = prepared.reuse.demand?.demand;
    expect(keptDemand?.count).toBeGreaterThan(0);

    // K2 moved 1.5 km east: the kept demand serves the new plan, whose figures are those of a plan from scratch.
    const moved = { ...settings, fixedSites: [SITES[0], { ...SITES[1], lon: SITES[1].lon + 0.014 }] };
    const again = await planSharedSites(await buildSignalSitePlanRequest(moved, inputs, {}, {}, prepared));
    expect(prepared.reuse.demand?.demand).toBe(keptDemand);
    expect(figures(again)).toEqual(figures(await planSharedSites(await buildSignalSitePlanRequest(moved, inputs))));
    expect(again.populationNewlyCovered).not.toBe(first.populationNewlyCovered);

    // Other operators make other demand: built again, and again as from scratch.
    const fewer = { ...moved, operators: ['VinaPhone', 'MobiFone'], weighting: 'people_x_operators' as const };
    const other = await planSharedSites(await buildSignalSitePlanRequest(fewer, inputs, {}, {}, prepared));
    expect(prepared.reuse.demand?.demand).not.toBe(keptDemand);
    expect(figures(other)).toEqual(figures(await planSharedSites(await buildSignalSitePlanRequest(fewer, inputs))));
  });
});
