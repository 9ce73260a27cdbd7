import { describe, expect, it } from 'vitest';
import type { Tower } from '../../../src/core/model/tower';
import {
  computeNationalReadiness,
  computePreparedReadiness,
} from '../../../src/core/readiness/computeNationalReadiness';
import { packReadinessTowers } from '../../../src/core/readiness/packReadinessTowers';
import { prepareReadiness } from '../../../src/core/readiness/prepareReadiness';
import type { ReadinessInput } from '../../../src/core/readiness/readinessTypes';
import { withProvinceRegisters } from '../../../src/core/readiness/withProvinceRegisters';
import { HAND_BACKBONE, HAND_PROVINCES, HAND_TOWERS, handGrid } from './handCheckedDataset';

/** Centre of cell (row, col) of handGrid() (see handCheckedDataset.ts). */
const centre = (row: number, col: number) => ({ lon: 105 + (col + 0.5) * 0.01, lat: 21.04 - (row + 0.5) * 0.01 });

/**
 * Province B's register, speaking for Viettel and Gtel (their station lists imported): R1 (2,3) Gtel alone (an
 * operator the national set does not name), 4G 1,100 m; R2 (1,2) Viettel with MobiFone, 4G 600 m, 5G Viettel 600 m;
 * R3 (2,1), standing in A, Viettel 600 m. R4 (3,2) VinaPhone 1,100 m: the register's, but VinaPhone's list was not
 * imported, so B's VinaPhone masts stay the national set's (T4) and R4 is not counted.
 */
const REGISTER_B: Tower[] = [
  { id: 'R1', operator: 'Gtel', ...centre(2, 3), heightM: null, radiusM: 1100, mastType: null, tenants: ['Gtel'] },
  {
    id: 'R2',
    operator: 'Viettel',
    ...centre(1, 2),
    heightM: null,
    radiusM: 600,
    mastType: null,
    tenants: ['Viettel', 'MobiFone'],
    tenants5g: ['Viettel'],
    radius5gM: 600,
  },
  { id: 'R3', operator: 'Viettel', ...centre(2, 1), heightM: null, radiusM: 600, mastType: null, tenants: [] },
  { id: 'R4', operator: 'VinaPhone', ...centre(3, 2), heightM: null, radiusM: 1100, mastType: null, tenants: [] },
];
const SPOKEN_FOR = ['Viettel', 'Gtel'];

const input = (towers: readonly Tower[]): ReadinessInput => ({
  grid: handGrid(),
  provinces: HAND_PROVINCES,
  towers: packReadinessTowers(towers),
  backbone: HAND_BACKBONE,
  targets: { coverage_4g_share: 0.3 },
});

describe('withProvinceRegisters: a province counted on its own register', () => {
  it("gives the figures worked out by hand, and those of the national file with B's Viettel masts swapped for the register's", async () => {
    const prepared = await prepareReadiness(input(HAND_TOWERS));
    const swapped = withProvinceRegisters(prepared, [
      { provinceCode: 'VNB', towers: packReadinessTowers(REGISTER_B), operators: SPOKEN_FOR },
    ]);
    const result = await computePreparedReadiness(swapped);
    const [a, b] = result.provinces;
    // B: the national T3 (Viettel) is gone, T4 (VinaPhone) stays; R1 and R2 stand in B, R3 in A, R4 is not counted.
    expect(b.masts).toBe(3);
    expect(b.tenancies).toBe(6);
    expect(b.shared_masts).toBe(2);
    // 4G in B: R2 covers (1,2) 700 (600 m: its own cell only), R1 covers (2,3) 1,200 (and the nodata (2,2)); T4 runs
    // no 4G, and R4 (which would cover (3,2) and (3,3)) is not counted.
    expect(b.population_covered_4g).toBe(1900);
    // 5G: R2's 600 m covers (1,2) 700, T4's covers (3,3) 1,600.
    expect(b.population_covered_5g).toBe(2300);
    expect(b.by_operator.Gtel.population_covered_4g).toBe(1200);
    expect(b.by_operator.Gtel.masts_owned).toBe(1);
    expect(b.by_operator.MobiFone.population_covered_4g).toBe(700);
    expect(b.by_operator.VinaPhone.masts_owned).toBe(1);
    // A: T1 (1,0) covers (1,0) 500 and (1,1) 600, T2 (3,1) 1,400, R3 (2,1) 1,000 (B's T3 covered it before).
    expect(a.masts).toBe(3);
    expect(a.population_covered_4g).toBe(3500);
    expect(a.by_operator.Viettel.masts_owned).toBe(2);
    expect(a.by_operator.Viettel.population_covered_4g).toBe(2100);
    // The same as the national file with B's Viettel masts (by the polygons: T3) replaced by the register's Viettel
    // and Gtel masts.
    const byHand = await computeNationalReadiness(
      input([...HAND_TOWERS.filter((tower) => tower.id !== 'T3'), ...REGISTER_B.filter((tower) => tower.id !== 'R4')]),
    );
    expect(result.provinces).toEqual(byHand.provinces);
    expect(result.national).toEqual(byHand.national);
  });

  it('leaves the run as it was with no register, and refuses an unknown province, a province twice and a ninth operator', async () => {
    const prepared = await prepareReadiness(input(HAND_TOWERS));
    expect(withProvinceRegisters(prepared, [])).toBe(prepared);
    const register = { provinceCode: 'VNB', towers: packReadinessTowers(REGISTER_B), operators: SPOKEN_FOR };
    expect(() => withProvinceRegisters(prepared, [{ ...register, provinceCode: 'VNX' }])).toThrow(
      'no province VNX in the run',
    );
    expect(() => withProvinceRegisters(prepared, [register, register])).toThrow('two registers for province VNB');
    const many = ['O1', 'O2', 'O3', 'O4', 'O5'].map(
      (operator, k): Tower => ({
        id: `M${k}`,
        operator,
        ...centre(3, 3),
        heightM: null,
        radiusM: 600,
        mastType: null,
        tenants: [],
      }),
    );
    expect(() =>
      withProvinceRegisters(prepared, [{ provinceCode: 'VNB', towers: packReadinessTowers(many), operators: ['O1'] }]),
    ).toThrow('the masts name 9 operators; readiness tells at most 8 apart');
  });
});
