import type { ReadinessTowers } from './packReadinessTowers';
import { locateTowers, type PreparedReadiness } from './prepareReadiness';

/** A province's own mast register (the masts its server keeps: operators' and the province's imports), for readiness. */
export interface ProvinceRegisterTowers {
  /** The province's code, as in the provinces file. */
  provinceCode: string;
  towers: ReadinessTowers;
  /**
   * The operators the register speaks for (those whose station lists were imported): their masts in the province are
   * the register's; every other operator's stay the national set's.
   */
  operators: readonly string[];
}

/** Operators a run can tell apart: bit sets are bytes. */
const MAX_OPERATORS = 8;

/**
 * A prepared run whose masts in each given province are, for the operators its register speaks for, that register's
 * instead of the national set's: the national masts located in the province and owned by one of those operators are
 * left out, and the register's masts owned by one of them added, each located in its province by the same rule (point
 * in polygon, so a register mast standing across the border counts where it stands, and covers people on both sides
 * as any mast does). Every other mast stays as it was (other operators', other provinces', those outside every
 * province); the grid, labels and settings are shared, not copied. Operators the national set does not name are added
 * to its list (at most 8 in all). With no register it returns the run itself.
 */
export function withProvinceRegisters(
  prepared: PreparedReadiness,
  registers: readonly ProvinceRegisterTowers[],
): PreparedReadiness {
  if (registers.length === 0) return prepared;
  const codes = prepared.context.provinces.map((province) => province.code);
  const national = prepared.towers;
  /** Per province index: the national operator indices whose masts there the register replaces. */
  const replaced = new Map<number, Set<number>>();
  for (const register of registers) {
    const index = codes.indexOf(register.provinceCode);
    if (index < 0) throw new RangeError(`no province ${register.provinceCode} in the run`);
    if (replaced.has(index)) throw new RangeError(`two registers for province ${register.provinceCode}`);
    replaced.set(index, new Set(register.operators.map((name) => national.operatorNames.indexOf(name))));
  }
  const operatorNames = [...national.operatorNames];
  for (const register of registers) {
    for (const name of register.towers.operatorNames) if (!operatorNames.includes(name)) operatorNames.push(name);
  }
  if (operatorNames.length > MAX_OPERATORS) {
    throw new RangeError(
      `the masts name ${operatorNames.length} operators; readiness tells at most ${MAX_OPERATORS} apart`,
    );
  }
  const keep = (t: number) => !replaced.get(prepared.towerProvince[t])?.has(national.ownerIndex[t]);
  /** Per register: its masts owned by an operator it speaks for. */
  const added = registers.map((register) => {
    const { towers } = register;
    const spoken = new Set(register.operators);
    const indices: number[] = [];
    for (let t = 0; t < towers.count; t++) if (spoken.has(towers.operatorNames[towers.ownerIndex[t]])) indices.push(t);
    return indices;
  });
  let kept = 0;
  for (let t = 0; t < national.count; t++) if (keep(t)) kept++;
  const count = kept + added.reduce((sum, indices) => sum + indices.length, 0);
  const towers: ReadinessTowers = {
    count,
    operatorNames,
    lon: new Float64Array(count),
    lat: new Float64Array(count),
    radiusM: new Float64Array(count),
    radius5gM: new Float64Array(count),
    ownerIndex: new Uint8Array(count),
    tenantBits: new Uint8Array(count),
    bits4g: new Uint8Array(count),
    bits5g: new Uint8Array(count),
  };
  const towerProvince = new Int32Array(count);
  let at = 0;
  for (let t = 0; t < national.count; t++) {
    if (!keep(t)) continue;
    copyMast(national, t, towers, at, null);
    towerProvince[at] = prepared.towerProvince[t];
    at++;
  }
  registers.forEach((register, r) => {
    const from = register.towers;
    // Bit k of the register's sets is its operatorNames[k]: to the merged list's bits.
    const bitOf = from.operatorNames.map((name) => 1 << operatorNames.indexOf(name));
    const indexOf = from.operatorNames.map((name) => operatorNames.indexOf(name));
    const remap = (bits: number) => {
      let out = 0;
      for (let k = 0; bits >> k; k++) if ((bits >> k) & 1) out |= bitOf[k];
      return out;
    };
    const indices = added[r];
    const located = locateTowers(prepared.provincePolygons, {
      count: indices.length,
      lon: Float64Array.from(indices, (t) => from.lon[t]),
      lat: Float64Array.from(indices, (t) => from.lat[t]),
    });
    indices.forEach((t, k) => {
      copyMast(from, t, towers, at, { remap, ownerIndex: indexOf[from.ownerIndex[t]] ?? 0 });
      towerProvince[at] = located[k];
      at++;
    });
  });
  return { ...prepared, towers, towerProvince, context: { ...prepared.context, operatorNames } };
}

function copyMast(
  from: ReadinessTowers,
  t: number,
  to: ReadinessTowers,
  at: number,
  operators: { remap: (bits: number) => number; ownerIndex: number } | null,
): void {
  to.lon[at] = from.lon[t];
  to.lat[at] = from.lat[t];
  to.radiusM[at] = from.radiusM[t];
  to.radius5gM[at] = from.radius5gM[t];
  if (operators) {
    to.ownerIndex[at] = operators.ownerIndex;
    to.tenantBits[at] = operators.remap(from.tenantBits[t]);
    to.bits4g[at] = operators.remap(from.bits4g[t]);
    to.bits5g[at] = operators.remap(from.bits5g[t]);
  } else {
    to.ownerIndex[at] = from.ownerIndex[t];
    to.tenantBits[at] = from.tenantBits[t];
    to.bits4g[at] = from.bits4g[t];
    to.bits5g[at] = from.bits5g[t];
  }
}
