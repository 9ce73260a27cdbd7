import { MAST_TYPES, type MastType, type Tower } from './tower';

/**
 * Class and height of each mast, beside TowerArrays (same order): what co-location and siting rules read.
 * `mastTypeCode` is 0 when the file gave no class, else 1 + the index in MAST_TYPES (1 A1, 2 A2a, 3 A2b, 4 A2c).
 */
export interface MastAttributes {
  count: number;
  mastTypeCode: Uint8Array;
  /** Antenna height above ground, metres; NaN when unknown. */
  heightM: Float64Array;
}

export function packMastAttributes(towers: readonly Tower[]): MastAttributes {
  const count = towers.length;
  const mastTypeCode = new Uint8Array(count);
  const heightM = new Float64Array(count);
  towers.forEach((tower, i) => {
    mastTypeCode[i] = mastTypeToCode(tower.mastType);
    heightM[i] = tower.heightM ?? Number.NaN;
  });
  return { count, mastTypeCode, heightM };
}

export function mastTypeToCode(mastType: MastType | null): number {
  return mastType === null ? 0 : MAST_TYPES.indexOf(mastType) + 1;
}

export function mastTypeFromCode(code: number): MastType | null {
  return code === 0 ? null : (MAST_TYPES[code - 1] ?? null);
}

/** Number of operators with equipment on the mast (bits of TowerArrays.tenantBits). */
export function countTenantBits(bits: number): number {
  let count = 0;
  for (let value = bits; value !== 0; value &= value - 1) count++;
  return count;
}
