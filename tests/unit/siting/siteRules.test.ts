import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon, point, pointToLineDistance } from '@turf/turf';
import type { Feature, FeatureCollection, LineString, MultiLineString, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeSiteRule } from '../../../src/app/sharing/describeSiteRule';
import { parseBoundaryGeoJson } from '../../../src/core/geo/parseBoundaryGeoJson';
import { parseLinesGeoJson } from '../../../src/core/geo/parseLinesGeoJson';
import { parseTowersCsv } from '../../../src/core/io/parseTowersCsv';
import { readPopulationGeoTiff } from '../../../src/core/io/readPopulationGeoTiff';
import { packMastAttributes } from '../../../src/core/model/mastAttributes';
import type { PopulationGrid } from '../../../src/core/model/populationGrid';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';
import type { WordedMessage } from '../../../src/core/model/wordedMessage';
import { type PlanSharedSitesResult, planSharedSites } from '../../../src/core/siting/planSharedSites';
import type { UserSite } from '../../../src/core/siting/siteCandidate';
import { checkSiteRules, QUANG_NAM_SPACING, requiredSpacingM } from '../../../src/core/siting/siteRules';
import { haversineByDefinition as haversine } from '../oracles/haversineByDefinition';

const repository = fileURLToPath(new URL('../../../', import.meta.url));
const read = (relative: string) => readFileSync(`${repository}${relative}`, 'utf8');

const EXCLUSION = 'tests/fixtures/siting/exclusion_zone_tam_ky.geojson';
const A1_ONLY = 'tests/fixtures/siting/a1_only_zone_hoi_an.geojson';
const BACKBONE = 'data/demo/backbone.geojson';
const MAX_BACKBONE_M = 10_000;

/** User sites placed to meet each rule (positions from the fixtures and the demo towers). */
const USER_SITES: UserSite[] = [
  { id: 'U-in-exclusion', lon: 108.46, lat: 15.58 },
  { id: 'U-in-hole', lon: 108.175, lat: 16.025 }, // inside the second zone's hole: allowed ground
  { id: 'U-a1-only-A2b', lon: 108.33, lat: 15.88 },
  { id: 'U-a1-only-A1', lon: 108.331, lat: 15.881, mastType: 'A1', heightM: 21 },
  { id: 'U-near-mast', lon: 108.151, lat: 16.201 }, // ~105 m from VN25-000001
  { id: 'U-pair-1', lon: 108.596, lat: 15.464 },
  { id: 'U-pair-2', lon: 108.5974, lat: 15.464 }, // ~150 m from U-pair-1
  { id: 'U-far-from-backbone', lon: 107.3, lat: 15.75 },
];

let grid: PopulationGrid;
let towers: Tower[];
let plans: PlanSharedSitesResult[];
const exclusionFeatures = (JSON.parse(read(EXCLUSION)) as FeatureCollection<Polygon>).features;
const a1Features = (JSON.parse(read(A1_ONLY)) as FeatureCollection<Polygon>).features;
const backboneLines: Feature<LineString>[] = (
  JSON.parse(read(BACKBONE)) as FeatureCollection<LineString | MultiLineString>
).features.flatMap((feature) =>
  (feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates).map(
    (coordinates) => ({
      type: 'Feature' as const,
      properties: {},
      geometry: { type: 'LineString' as const, coordinates },
    }),
  ),
);

beforeAll(async () => {
  grid = await readPopulationGeoTiff(new Uint8Array(readFileSync(`${repository}data/demo/population.tif`)).buffer);
  towers = parseTowersCsv(read('data/demo/towers.csv')).towers;
  const request = {
    grid,
    towers: packTowers(towers),
    masts: packMastAttributes(towers),
    defaultRadiusM: 2000,
    weighting: 'people_x_operators' as const,
    siteRadiusM: 3000,
    candidates: { lattice: { shape: 'hex' as const, spacingM: 1000 }, existingMasts: true, userSites: USER_SITES },
    rules: {
      exclusionZones: parseBoundaryGeoJson(read(EXCLUSION)),
      a1OnlyZones: parseBoundaryGeoJson(read(A1_ONLY)),
      spacing: QUANG_NAM_SPACING,
      backbone: { lines: parseLinesGeoJson(read(BACKBONE)), maxDistanceM: MAX_BACKBONE_M },
    },
    budget: { maxSites: 40 },
  };
  plans = [
    await planSharedSites({ ...request, solver: 'greedy_swap' }),
    await planSharedSites({ ...request, budget: { maxCostUsd: 1_500_000 }, solver: 'greedy_swap' }),
  ];
}, 120_000);

describe('every rule holds in proposed plans (demo province, 1 km hex lattice, existing masts, user sites)', () => {
  it('proposes sites and states its distance to the best possible', () => {
    for (const plan of plans) {
      expect(plan.sites.length).toBeGreaterThan(5);
      expect(plan.upperBound).toBeGreaterThanOrEqual(plan.objective);
      expect(plan.gapPercent).toBeGreaterThanOrEqual(0);
      expect(plan.candidates.conflictPairs).toBeGreaterThan(0);
    }
    expect(plans[0].sites.length).toBeLessThanOrEqual(40);
    expect(plans[1].totalCapexUsd).toBeLessThanOrEqual(1_500_000 + 1e-6);
  });

  it('no proposed site lies in an exclusion zone (checked with turf), the zone’s hole stays allowed', () => {
    for (const plan of plans) {
      for (const site of plan.sites) {
        for (const zone of exclusionFeatures)
          expect(booleanPointInPolygon(point([site.lon, site.lat]), zone)).toBe(false);
      }
    }
    const rejected = new Map(plans[0].candidates.rejected.map((entry) => [entry.id, entry.reason]));
    expect(rejected.get('U-in-exclusion')).toBe('inside an exclusion zone');
    // The hole is allowed ground: if the site there is refused, it is for another rule.
    expect(rejected.get('U-in-hole') ?? '').not.toMatch(/exclusion/);
  });

  it('no new mast is closer to an existing mast, or to another proposed new mast, than its class needs', () => {
    for (const plan of plans) {
      const newSites = plan.sites.filter((site) => site.kind !== 'existing_mast');
      for (const site of newSites) {
        const needed =
          site.mastType === 'A1' ? 0 : site.mastType === 'A2b' || site.mastType === 'A2c' ? 300 : Number.NaN;
        expect(needed).not.toBeNaN();
        let nearest = Number.POSITIVE_INFINITY;
        for (const tower of towers) nearest = Math.min(nearest, haversine(site.lon, site.lat, tower.lon, tower.lat));
        expect(nearest).toBeGreaterThanOrEqual(needed);
        expect(site.spacing?.ok).toBe(true);
        for (const other of newSites) {
          if (other === site) continue;
          const otherNeeded = other.mastType === 'A1' ? 0 : 300;
          expect(haversine(site.lon, site.lat, other.lon, other.lat)).toBeGreaterThanOrEqual(
            Math.max(needed, otherNeeded),
          );
        }
      }
    }
    const rejected = new Map(plans[0].candidates.rejected.map((entry) => [entry.id, entry.reason]));
    expect(rejected.get('U-near-mast')).toMatch(
      /^spacing: 10\d m from existing mast VN25-000001, a new A2b needs 300 m$/,
    );
    const ids = plans[0].sites.map((site) => site.id);
    expect(ids.includes('U-pair-1') && ids.includes('U-pair-2')).toBe(false);
  });

  it('only A1 masts are proposed in A1-only zones', () => {
    for (const plan of plans) {
      for (const site of plan.sites) {
        if (site.kind === 'existing_mast' || site.mastType === 'A1') continue;
        for (const zone of a1Features) expect(booleanPointInPolygon(point([site.lon, site.lat]), zone)).toBe(false);
      }
    }
    const rejected = new Map(plans[0].candidates.rejected.map((entry) => [entry.id, entry.reason]));
    expect(rejected.get('U-a1-only-A2b')).toBe('inside an A1-only zone: a new A2b mast is not allowed');
    expect(rejected.has('U-a1-only-A1')).toBe(false);
  });

  it('every new mast is within the backbone limit (distance checked with turf), and pays its fibre', () => {
    for (const plan of plans) {
      for (const site of plan.sites) {
        if (site.kind === 'existing_mast') continue;
        const distanceM = Math.min(
          ...backboneLines.map((line) => pointToLineDistance(point([site.lon, site.lat]), line, { units: 'meters' })),
        );
        expect(distanceM).toBeLessThanOrEqual(MAX_BACKBONE_M + 1);
        expect(site.backboneDistanceM).not.toBeNull();
        expect(Math.abs((site.backboneDistanceM as number) - distanceM)).toBeLessThan(Math.max(2, distanceM * 0.005));
        expect(site.cost.fibreM).toBeCloseTo(site.backboneDistanceM as number, 6);
      }
    }
    const rejected = new Map(plans[0].candidates.rejected.map((entry) => [entry.id, entry.reason]));
    expect(rejected.get('U-far-from-backbone')).toMatch(/m from the fibre backbone, more than 10000 m$/);
  });

  it('words each broken rule in Vietnamese, and in English as the core says it', () => {
    const worded = new Map(plans[0].candidates.rejected.map((entry) => [entry.id, entry]));
    const vi = (id: string) => describeSiteRule(worded.get(id) as WordedMessage, 'vi');
    expect(vi('U-in-exclusion')).toBe('nằm trong vùng cấm xây dựng');
    expect(vi('U-a1-only-A2b')).toBe('nằm trong vùng chỉ cho phép cột A1: không được dựng cột A2b mới');
    expect(vi('U-near-mast')).toMatch(/^khoảng cách: cách cột hiện có VN25-000001 10\d m, cột A2b mới cần 300 m$/);
    expect(vi('U-far-from-backbone')).toMatch(/^cách trục cáp quang [\d.]+ m, quá 10\.000 m$/);
    for (const entry of plans[0].candidates.rejected) {
      expect(entry.code, entry.reason).toBeDefined();
      expect(describeSiteRule(entry, 'en')).toBe(entry.reason);
    }
  });

  it('existing masts proposed have a free slot for every operator that would join them', () => {
    const slots = { A1: 2, A2a: 3, A2b: 3, A2c: 4 } as const;
    let seen = 0;
    for (const plan of plans) {
      for (const site of plan.sites.filter((entry) => entry.kind === 'existing_mast')) {
        seen++;
        const tower = towers.find((entry) => entry.id === site.id) as Tower;
        const joining = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'].filter(
          (op) => !tower.tenants.includes(op),
        );
        expect(site.joiningOperators).toEqual(joining);
        const type = tower.mastType as keyof typeof slots;
        const height = tower.heightM ?? 0;
        const capacity = type === 'A2a' && height <= 15 ? 2 : type === 'A2b' && height >= 40 ? 4 : slots[type];
        expect(capacity - tower.tenants.length).toBeGreaterThanOrEqual(joining.length);
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('each site explains itself: people per operator add up, savings against building alone', () => {
    const plan = plans[0];
    let total = 0;
    for (const site of plan.sites) {
      total += site.newlyCoveredPopulation;
      const byOperator = Object.values(site.newlyCoveredByOperator).reduce((a, b) => a + b, 0);
      expect(byOperator).toBeCloseTo(site.newlyCoveredWeight, 3); // people x operators gaining
      for (const saving of site.savingsVsAlone) {
        expect(saving.savingUsd).toBeCloseTo(saving.aloneUsd - saving.sharedShareUsd, 6);
        expect(saving.sharedShareUsd).toBeCloseTo(site.cost.netPresentUsd / site.operatorsGaining.length, 6);
      }
    }
    expect(total).toBeCloseTo(plan.populationNewlyCovered, 3);
  });
});

describe('checkSiteRules in isolation', () => {
  it('reads the Quảng Nam spacing table by class, height and zone', () => {
    expect(requiredSpacingM('A2a', 12, 2)).toBe(150);
    expect(requiredSpacingM('A2a', 12, 0)).toBe(200);
    expect(requiredSpacingM('A2a', 25, 2)).toBe(200);
    expect(requiredSpacingM('A2a', 25, 1)).toBe(350);
    expect(requiredSpacingM('A2b', 40, 2)).toBe(300);
    expect(requiredSpacingM('A1', 20, 2)).toBe(0);
    expect(requiredSpacingM('A2a', null, 0)).toBe(200); // unknown height counts as the lowest
  });

  it('allows a new mast exactly at the minimum distance and refuses one a metre closer', () => {
    const metresPerDegLat = (6_371_008.8 * Math.PI) / 180;
    const masts = { count: 1, lon: [108], lat: [16] };
    const at = (northM: number) => ({
      id: `n${northM}`,
      kind: 'user' as const,
      lon: 108,
      lat: 16 + northM / metresPerDegLat,
      mastType: 'A2b' as const,
      heightM: 35,
      towerIndex: -1,
    });
    const check = checkSiteRules({
      candidates: [at(300.001), at(299), at(5000), at(5100)],
      zones: new Uint8Array(4),
      masts,
      rules: { spacing: QUANG_NAM_SPACING },
    });
    expect(Array.from(check.accepted)).toEqual([1, 0, 1, 1]);
    expect(check.conflicts).toEqual([[2, 3]]);
  });
});
