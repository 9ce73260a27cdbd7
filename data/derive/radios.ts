import { seededRandom } from '../../src/core/util/seededRandom';
import { uniform } from './randomDraws';
import type { SyntheticTower, Zone } from './syntheticTowers';

/**
 * Chance that a tenant runs 5G on a mast, by operator and by the zone of the mast's cell. 5G came in 2024-2025:
 * Viettel (n41, 2.6 GHz; licence obligation of 3,000 stations in two years) leads, VNPT and MobiFone (3.7-3.9 GHz)
 * follow, in the cities first; Vietnamobile and Gmobile hold no 5G licence.
 */
export const FIVE_G_CHANCE: Readonly<Record<string, Readonly<Record<Zone, number>>>> = {
  Viettel: { urban: 0.3, suburban: 0.12, rural: 0.02 },
  VinaPhone: { urban: 0.2, suburban: 0.05, rural: 0.005 },
  MobiFone: { urban: 0.15, suburban: 0.04, rural: 0.005 },
  Vietnamobile: { urban: 0, suburban: 0, rural: 0 },
};

/**
 * 5G reach as a fraction of the mast's 4G reach (1800 MHz): [min, max) for Viettel's 2.6 GHz and for the
 * 3.7-3.9 GHz bands of the others (2.6 GHz reaches about 17% farther than 3.5 GHz).
 */
export const FIVE_G_RADIUS_FACTOR = {
  viettel: [0.6, 0.7],
  other: [0.5, 0.6],
} as const;

/** Offset between a province's tower seed and the seed of its radio draws (a separate stream). */
export const RADIO_SEED_OFFSET = 1_000_000;

export interface TowerRadios {
  /** Every tenant runs 4G on every synthetic mast (2G/3G are being switched off; 4G reaches ~99% of people). */
  has4g: boolean;
  /** Tenants running 5G on the mast, in tenant order; empty when none. */
  tenants5g: string[];
  /** 5G reach in metres, rounded to 10 m; null when the mast has no 5G. */
  radius5gM: number | null;
}

/**
 * The radio technologies of each mast (same order as `towers`), drawn with a PRNG of its own so that the masts
 * themselves are exactly those the generator gives without this step.
 */
export function assignRadios(towers: readonly SyntheticTower[], seed: number): TowerRadios[] {
  const random = seededRandom(seed);
  return towers.map((tower) => {
    const tenants5g = tower.tenants.filter((tenant) => random() < (FIVE_G_CHANCE[tenant]?.[tower.zone] ?? 0));
    if (tenants5g.length === 0) return { has4g: true, tenants5g, radius5gM: null };
    const [low, high] = tenants5g[0] === 'Viettel' ? FIVE_G_RADIUS_FACTOR.viettel : FIVE_G_RADIUS_FACTOR.other;
    const radius5gM = Math.round((tower.radiusM * uniform(random, low, high)) / 10) * 10;
    return { has4g: true, tenants5g, radius5gM };
  });
}
