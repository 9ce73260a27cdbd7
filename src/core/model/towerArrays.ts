import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import type { Tower } from './tower';

/**
 * Towers as flat typed arrays: the form hot loops and worker messages use (transferable, no per-object cost).
 * `tenantBits` has bit k set when operator `operatorNames[k]` has equipment on the mast (at most 8 operators).
 */
export interface TowerArrays {
  count: number;
  ids: string[];
  operatorNames: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** Fixed-radius reach per tower, metres; NaN when the file gave none. */
  radiusM: Float64Array;
  /** Antenna height above ground, metres; NaN when the file gave none. */
  heightM: Float64Array;
  ownerIndex: Uint8Array;
  tenantBits: Uint8Array;
  /**
   * Operators on the mast, owner included: the bits' count, or the file's own count when it gave a number of tenants
   * without names (see Tower.tenantCount). Absent in subsets built for one analysis: the bits' count then.
   */
  tenantCount?: Uint8Array;
}

/** A shared mast: two or more operators on it, named or counted by the file (the map and the figures agree). */
export function isSharedMastAt(towers: Pick<TowerArrays, 'tenantBits' | 'tenantCount'>, i: number): boolean {
  return tenantCountAt(towers, i) >= 2;
}

/** Operators on mast i: the file's count when larger than the named tenants. */
export function tenantCountAt(towers: Pick<TowerArrays, 'tenantBits' | 'tenantCount'>, i: number): number {
  let named = 0;
  for (let bits = towers.tenantBits[i]; bits !== 0; bits &= bits - 1) named++;
  return Math.max(named, towers.tenantCount?.[i] ?? 0);
}

export const MAX_OPERATORS_IN_ARRAYS = 8;

export function packTowers(towers: readonly Tower[]): TowerArrays {
  const packer = new TowerPacker(towers);
  packer.packRange(0, towers.length);
  return packer.arrays;
}

/**
 * packTowers in slices of `sliceMs` (default 10 ms) between yields to the event loop: for the page, where 100,000
 * towers packed at once can pass 100 ms with a garbage collection.
 */
export async function packTowersInSlices(
  towers: readonly Tower[],
  options: LongCallOptions & { sliceMs?: number } = {},
): Promise<TowerArrays> {
  const checkpoint = createYieldClock(options, options.sliceMs ?? 10);
  const packer = new TowerPacker(towers);
  for (let start = 0; start < towers.length; start += 2048) {
    await checkpoint(start / Math.max(1, towers.length));
    packer.packRange(start, Math.min(towers.length, start + 2048));
  }
  return packer.arrays;
}

class TowerPacker {
  readonly arrays: TowerArrays;
  private readonly operatorNames: string[] = [];

  constructor(private readonly towers: readonly Tower[]) {
    const count = towers.length;
    this.arrays = {
      count,
      ids: new Array(count),
      operatorNames: this.operatorNames,
      lon: new Float64Array(count),
      lat: new Float64Array(count),
      radiusM: new Float64Array(count),
      heightM: new Float64Array(count),
      ownerIndex: new Uint8Array(count),
      tenantBits: new Uint8Array(count),
      tenantCount: new Uint8Array(count),
    };
  }

  private indexOf(name: string): number {
    let index = this.operatorNames.indexOf(name);
    if (index < 0) {
      if (this.operatorNames.length >= MAX_OPERATORS_IN_ARRAYS) {
        throw new Error(`more than ${MAX_OPERATORS_IN_ARRAYS} distinct operators (at "${name}")`);
      }
      this.operatorNames.push(name);
      index = this.operatorNames.length - 1;
    }
    return index;
  }

  packRange(start: number, end: number): void {
    const arrays = this.arrays;
    const tenantCount = arrays.tenantCount as Uint8Array;
    for (let i = start; i < end; i++) {
      const tower = this.towers[i];
      arrays.ids[i] = tower.id;
      arrays.lon[i] = tower.lon;
      arrays.lat[i] = tower.lat;
      arrays.radiusM[i] = tower.radiusM ?? Number.NaN;
      arrays.heightM[i] = tower.heightM ?? Number.NaN;
      arrays.ownerIndex[i] = this.indexOf(tower.operator);
      let bits = 1 << arrays.ownerIndex[i];
      for (const tenant of tower.tenants) bits |= 1 << this.indexOf(tenant);
      arrays.tenantBits[i] = bits;
      tenantCount[i] = Math.min(255, Math.max(tower.tenantCount ?? 0, tower.tenants.length));
    }
  }
}
