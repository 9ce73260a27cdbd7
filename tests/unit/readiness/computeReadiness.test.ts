import { describe, expect, it } from 'vitest';
import { buildProvinceLabels } from '../../../src/core/readiness/buildProvinceLabels';
import { computeNationalReadiness } from '../../../src/core/readiness/computeNationalReadiness';
import { computeProvinceReadiness } from '../../../src/core/readiness/computeProvinceReadiness';
import { computeReadinessBand } from '../../../src/core/readiness/computeReadinessBand';
import { finishReadiness } from '../../../src/core/readiness/finishReadiness';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';
import { prepareReadiness } from '../../../src/core/readiness/prepareReadiness';
import { readinessBandRequests } from '../../../src/core/readiness/readinessBandRequests';
import { mergeReadinessPartials } from '../../../src/core/readiness/readinessPartial';
import type { ReadinessInput } from '../../../src/core/readiness/readinessTypes';
import { isCancelledError } from '../../../src/core/util/cooperativeLoop';
import {
  HAND_APPROVED,
  HAND_BACKBONE,
  HAND_PLANNED,
  HAND_PROVINCES,
  HAND_TOWERS,
  handGrid,
} from './handCheckedDataset';

function handInput(overrides: Partial<ReadinessInput> = {}): ReadinessInput {
  return {
    grid: handGrid(),
    provinces: HAND_PROVINCES,
    towers: packReadinessTowers(HAND_TOWERS),
    backbone: HAND_BACKBONE,
    plannedSharedSites: HAND_PLANNED,
    approvedSharedSites: HAND_APPROVED,
    targets: {
      coverage_4g_share: 0.99,
      coverage_5g_share: 0.5,
      shared_share: 0.3,
      tenancy_ratio: 1.6,
      near_backbone_share: 0.5,
    },
    ...overrides,
  };
}

describe('readiness on the hand-checked dataset (see handCheckedDataset.ts)', () => {
  it('gives province A the figures worked out by hand', async () => {
    const result = await computeNationalReadiness(handInput());
    const a = result.provinces[0];
    expect(a.code).toBe('VNA');
    // 8 cells: 100 + 200 + 500 + 600 + 900 + 1000 + 1300 + 1400.
    expect(a.population_total).toBe(6000);
    expect(a.population_cells).toBe(8);
    // 4G: T1 covers (1,0) 500 and (1,1) 600; T2 covers (3,1) 1400; T3 (in B) covers (2,1) 1000 across the border.
    expect(a.population_covered_4g).toBe(3500);
    expect(a.coverage_4g_share).toBeCloseTo(3500 / 6000, 12);
    // 5G: only T1's 600 m reaches an A cell, its own: 500.
    expect(a.population_covered_5g).toBe(500);
    expect(a.by_operator.Viettel).toEqual({
      population_covered_4g: 2100, // T1: 500 + 600, T3: 1000
      population_covered_5g: 500,
      coverage_4g_share: 2100 / 6000,
      coverage_5g_share: 500 / 6000,
      masts_owned: 1,
      tenancies: 1,
      tenancies_5g: 1,
    });
    expect(a.by_operator.VinaPhone.population_covered_4g).toBe(1100); // tenant on T1
    expect(a.by_operator.VinaPhone.population_covered_5g).toBe(0); // T1's 5G is Viettel's only
    expect(a.by_operator.VinaPhone.masts_owned).toBe(0);
    expect(a.by_operator.VinaPhone.tenancies).toBe(1);
    expect(a.by_operator.MobiFone.population_covered_4g).toBe(1400);
    expect(a.by_operator.Vietnamobile.population_covered_4g).toBe(0);
    // T1 (2 tenants) and T2 (1): tenancies 3, ratio 1.5, one shared mast of two.
    expect(a.masts).toBe(2);
    expect(a.tenancies).toBe(3);
    expect(a.tenancy_ratio).toBe(1.5);
    expect(a.shared_masts).toBe(1);
    expect(a.shared_share).toBe(0.5);
    expect(a.masts_with_4g).toBe(2);
    expect(a.masts_with_5g).toBe(1);
    // T1 is 556 m from the backbone, T2 1,668 m.
    expect(a.masts_near_backbone).toBe(1);
    expect(a.near_backbone_share).toBe(0.5);
    expect(a.planned_shared_sites).toBe(1);
    expect(a.approved_shared_sites).toBe(1);
  });

  it('gives province B the figures worked out by hand', async () => {
    const b = (await computeNationalReadiness(handInput())).provinces[1];
    expect(b.code).toBe('VNB');
    // 700 + 800 + 1200 + 1500 + 1600; (2,2) is nodata and not a cell with data.
    expect(b.population_total).toBe(5800);
    expect(b.population_cells).toBe(5);
    // 4G: T3 covers (2,3) 1200 (its own cell is nodata); T4 has no 4G.
    expect(b.population_covered_4g).toBe(1200);
    expect(b.by_operator.Viettel.population_covered_4g).toBe(1200);
    expect(b.by_operator.VinaPhone.population_covered_4g).toBe(0);
    // 5G: T3's 600 m reaches only its nodata cell; T4's VinaPhone 5G covers (3,3) 1600.
    expect(b.population_covered_5g).toBe(1600);
    expect(b.by_operator.VinaPhone.population_covered_5g).toBe(1600);
    expect(b.by_operator.Viettel.population_covered_5g).toBe(0);
    expect(b.coverage_5g_share).toBeCloseTo(1600 / 5800, 12);
    // T3 (1 tenant) and T4 (3): ratio 2, T4 shared.
    expect(b.masts).toBe(2);
    expect(b.tenancies).toBe(4);
    expect(b.tenancy_ratio).toBe(2);
    expect(b.shared_masts).toBe(1);
    expect(b.masts_with_4g).toBe(1);
    expect(b.masts_with_5g).toBe(2);
    expect(b.masts_near_backbone).toBe(1); // T3
    expect(b.by_operator.Viettel).toMatchObject({ masts_owned: 1, tenancies: 2, tenancies_5g: 1 });
    expect(b.by_operator.VinaPhone).toMatchObject({ masts_owned: 1, tenancies: 1, tenancies_5g: 1 });
    expect(b.by_operator.MobiFone).toMatchObject({ masts_owned: 0, tenancies: 1, tenancies_5g: 0 });
    expect(b.planned_shared_sites).toBe(1);
    expect(b.approved_shared_sites).toBe(0);
  });

  it('sums the provinces into the national row and keeps what lies outside apart', async () => {
    const result = await computeNationalReadiness(handInput());
    const n = result.national;
    expect(n.code).toBe('VN');
    expect(n.population_total).toBe(11800);
    expect(n.population_covered_4g).toBe(4700);
    expect(n.population_covered_5g).toBe(2100);
    expect(n.masts).toBe(4);
    expect(n.tenancies).toBe(7);
    expect(n.tenancy_ratio).toBe(1.75);
    expect(n.shared_share).toBe(0.5);
    expect(n.masts_near_backbone).toBe(2);
    expect(n.planned_shared_sites).toBe(2);
    expect(n.approved_shared_sites).toBe(1);
    // T5 and its 4G over cells (0,2) 300 and (0,3) 400, and the third planned site, are in no province.
    expect(result.outside_provinces).toEqual({
      population_total: 700,
      population_cells: 2,
      population_covered_4g: 700,
      population_covered_5g: 0,
      masts: 1,
      planned_shared_sites: 1,
      approved_shared_sites: 0,
    });
    // Whole grid: 12,500 = provinces + outside.
    expect(n.population_total + result.outside_provinces.population_total).toBe(12500);
    expect(result.operators).toEqual(['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile']);
    expect(result.province_overlap_cells).toBe(0);
  });

  it('measures each province against the targets: distance = target - value, met when value >= target', async () => {
    const [a, b] = (await computeNationalReadiness(handInput())).provinces;
    expect(a.targets.coverage_4g_share?.distance).toBeCloseTo(0.99 - 3500 / 6000, 12);
    expect(a.targets.coverage_4g_share?.met).toBe(false);
    expect(a.targets.coverage_5g_share?.distance).toBeCloseTo(0.5 - 500 / 6000, 12);
    expect(a.targets.shared_share).toEqual({ target: 0.3, value: 0.5, distance: 0.3 - 0.5, met: true });
    expect(a.targets.tenancy_ratio).toEqual({ target: 1.6, value: 1.5, distance: 1.6 - 1.5, met: false });
    expect(a.targets.near_backbone_share).toEqual({ target: 0.5, value: 0.5, distance: 0, met: true });
    expect([a.targets_met, a.targets_judged]).toEqual([2, 5]);
    expect(b.targets.tenancy_ratio).toEqual({ target: 1.6, value: 2, distance: 1.6 - 2, met: true });
    expect([b.targets_met, b.targets_judged]).toEqual([3, 5]);
  });

  it('does not judge a KPI without a value: no backbone given', async () => {
    const a = (await computeNationalReadiness(handInput({ backbone: undefined }))).provinces[0];
    expect(a.masts_near_backbone).toBeNull();
    expect(a.targets.near_backbone_share).toEqual({ target: 0.5, value: null, distance: null, met: null });
    expect(a.targets_judged).toBe(4);
  });

  it('counts a mast near the backbone by the distance setting (1,668 m masts join at 1,700 m)', async () => {
    const result = await computeNationalReadiness(handInput({ settings: { backboneDistanceM: 1700 } }));
    expect(result.provinces.map((p) => p.masts_near_backbone)).toEqual([2, 2]);
    const tight = await computeNationalReadiness(handInput({ settings: { backboneDistanceM: 500 } }));
    expect(tight.provinces.map((p) => p.masts_near_backbone)).toEqual([0, 0]);
  });

  it('uses the default reaches for masts without their own: 4G defaultRadiusM, 5G factor x 4G reach', async () => {
    // T1 alone, no radii: 4G 1,100 m covers (1,0) and (1,1); 5G 0.5 x 1,100 = 550 m covers (1,0) only.
    const towers = packReadinessTowers([{ ...HAND_TOWERS[0], radiusM: null, radius5gM: undefined }]);
    const settings = { defaultRadiusM: 1100, default5gRadiusFactor: 0.5 };
    const a = (await computeNationalReadiness(handInput({ towers, settings }))).provinces[0];
    expect(a.population_covered_4g).toBe(1100);
    expect(a.population_covered_5g).toBe(500);
    // A factor of 1 gives 5G the 1,100 m reach.
    const wide = await computeNationalReadiness(
      handInput({ towers, settings: { ...settings, default5gRadiusFactor: 1 } }),
    );
    expect(wide.provinces[0].population_covered_5g).toBe(1100);
  });

  it('takes masts from files without 4G/5G columns as 4G on every mast and no 5G', async () => {
    const plain = HAND_TOWERS.map(({ has4g, tenants5g, radius5gM, ...rest }) => rest);
    const result = await computeNationalReadiness(handInput({ towers: packReadinessTowers(plain) }));
    expect(result.national.population_covered_5g).toBe(0);
    expect(result.national.masts_with_5g).toBe(0);
    // T4 now runs 4G with 600 m: (3,3) 1600 joins B's 4G coverage.
    expect(result.provinces[1].population_covered_4g).toBe(1200 + 1600);
  });

  it('gives the same answer in 1, 2, 3 or 4 bands, and through the band steps a worker pool runs', async () => {
    const single = await computeNationalReadiness(handInput());
    for (const bandCount of [2, 3, 4]) {
      expect(await computeNationalReadiness(handInput(), { bandCount })).toEqual(single);
    }
    const prepared = await prepareReadiness(handInput());
    const requests = readinessBandRequests(prepared, 2);
    expect(requests.map((r) => [r.rowStart, r.rowEnd])).toEqual([
      [0, 2],
      [2, 4],
    ]);
    const partials = await Promise.all(requests.map((request) => computeReadinessBand(request)));
    expect(finishReadiness(prepared.context, mergeReadinessPartials(partials))).toEqual(single);
  });

  it('computes one province alone as in the national run', async () => {
    const national = await computeNationalReadiness(handInput());
    for (const province of national.provinces) {
      expect(await computeProvinceReadiness(handInput(), province.code)).toEqual(province);
    }
    await expect(computeProvinceReadiness(handInput(), 'VN99')).rejects.toThrow(RangeError);
  });

  it('reports progress up to 1 and stops when cancelled', async () => {
    const progress: number[] = [];
    await computeNationalReadiness(handInput(), { bandCount: 2, onProgress: (fraction) => progress.push(fraction) });
    expect(progress.at(-1)).toBe(1);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1]);

    const controller = new AbortController();
    controller.abort();
    const error = await computeNationalReadiness(handInput(), { signal: controller.signal }).catch((e: unknown) => e);
    expect(isCancelledError(error)).toBe(true);
  });
});

describe('buildProvinceLabels', () => {
  it('labels each cell with 1 + its province, 0 outside, and counts cells claimed twice', () => {
    const grid = handGrid();
    const { labels, overlapCells } = buildProvinceLabels(
      grid,
      HAND_PROVINCES.map((province) => province.polygons),
    );
    // biome-ignore format: the 4 x 4 grid, row by row
    expect(Array.from(labels)).toEqual([
      1, 1, 0, 0,
      1, 1, 2, 2,
      1, 1, 2, 2,
      1, 1, 2, 2,
    ]);
    expect(overlapCells).toBe(0);
    // A third province over column 1 overlaps A in 4 cells, which stay A's.
    const strip = [
      [
        [105.01, 21],
        [105.02, 21],
        [105.02, 21.04],
        [105.01, 21.04],
        [105.01, 21],
      ],
    ];
    const overlapping = buildProvinceLabels(grid, [...HAND_PROVINCES.map((province) => province.polygons), [strip]]);
    expect(overlapping.overlapCells).toBe(4);
    expect(Array.from(overlapping.labels)).toEqual(Array.from(labels));
  });
});
