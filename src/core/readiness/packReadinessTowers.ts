import type { Tower } from '../model/tower';
import { packTowers, type TowerArrays } from '../model/towerArrays';

/**
 * Masts as flat arrays with what readiness reads: reach per generation and which operators run 4G and 5G on each.
 * Bit k of every bit set is operatorNames[k], as in TowerArrays.
 */
export interface ReadinessTowers {
  count: number;
  operatorNames: string[];
  lon: Float64Array;
  lat: Float64Array;
  /** 4G reach, metres; NaN: the run's default. */
  radiusM: Float64Array;
  /** 5G reach, metres; NaN: the run's 5G factor times the 4G reach. */
  radius5gM: Float64Array;
  ownerIndex: Uint8Array;
  /** Every operator on the mast, owner included. */
  tenantBits: Uint8Array;
  /** Operators running 4G on the mast: all tenants unless the file says has_4g = 0. */
  bits4g: Uint8Array;
  /** Operators running 5G on the mast (tenants_5g, or every tenant when has_5g = 1); 0 when the file says nothing. */
  bits5g: Uint8Array;
}

/**
 * Packs towers for readiness. Pass the TowerArrays already packed from the same towers (same order) to share its
 * operator indices; otherwise they are packed here.
 */
export function packReadinessTowers(
  towers: readonly Tower[],
  arrays: TowerArrays = packTowers(towers),
): ReadinessTowers {
  const count = towers.length;
  if (arrays.count !== count) throw new RangeError(`arrays hold ${arrays.count} towers, not ${count}`);
  const radius5gM = new Float64Array(count);
  const bits4g = new Uint8Array(count);
  const bits5g = new Uint8Array(count);
  towers.forEach((tower, i) => {
    bits4g[i] = tower.has4g === false ? 0 : arrays.tenantBits[i];
    let bits = 0;
    for (const name of tower.tenants5g ?? []) {
      const k = arrays.operatorNames.indexOf(name);
      if (k >= 0) bits |= 1 << k;
    }
    // Only operators on the mast: a 5G list naming others is a file error the reader has already reported.
    bits5g[i] = bits & arrays.tenantBits[i];
    radius5gM[i] = tower.radius5gM ?? Number.NaN;
  });
  return {
    count,
    operatorNames: arrays.operatorNames,
    lon: arrays.lon,
    lat: arrays.lat,
    radiusM: arrays.radiusM,
    radius5gM,
    ownerIndex: arrays.ownerIndex,
    tenantBits: arrays.tenantBits,
    bits4g,
    bits5g,
  };
}
