import { forEachCellWithinRadius } from '../coverage/forEachCellWithinRadius';
import { isNodata, type PopulationGrid } from '../model/populationGrid';
import type { TowerArrays } from '../model/towerArrays';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';

export interface ColocationOpportunitiesRequest {
  grid: PopulationGrid;
  /** Cells that count (centre inside the boundary), row-major like grid.values; all cells when absent. */
  mask?: Uint8Array;
  towers: Pick<
    TowerArrays,
    'count' | 'ids' | 'lon' | 'lat' | 'radiusM' | 'ownerIndex' | 'tenantBits' | 'operatorNames'
  >;
  /** Spare tenant slots per mast (computeSpareCapacity(...).spare). */
  spareSlots: Uint8Array;
  /** Operator bits per cell for the whole grid, from computeFixedRadiusCoverage: each operator's existing coverage. */
  coveredBits: Uint8Array;
  /** Operators to report on; every operator in towers.operatorNames when absent. */
  operators?: string[];
  /** Reach of the joining operator's equipment, metres; when absent, the mast's own radius_m, else defaultRadiusM. */
  radiusM?: number;
  defaultRadiusM: number;
  /** Opportunities kept per operator, best first (default 100). */
  limitPerOperator?: number;
}

export interface ColocationOpportunity {
  towerIndex: number;
  towerId: string;
  owner: string;
  tenants: string[];
  spareSlots: number;
  radiusM: number;
  /** People in cells within radiusM of the mast that the operator does not cover today. */
  newlyCoveredPopulation: number;
}

export interface OperatorOpportunities {
  operator: string;
  /** Masts of others with a spare slot, where the operator is not a tenant, ranked by newly covered people. */
  opportunities: ColocationOpportunity[];
  /** How many masts qualified (spare slot, operator absent, someone newly covered) before the limit. */
  qualifyingMasts: number;
}

/**
 * For each operator X: the masts of other owners with a spare slot and without X among their tenants, ranked by the
 * population X would newly cover by joining them: people in cells (not nodata, inside the mask) within reach of the
 * mast (haversine, the coverage engine's own test) that X's existing coverage misses. Each mast is ranked on its own:
 * two nearby masts may count the same people. Masts that would add no one are left out.
 */
export async function findColocationOpportunities(
  request: ColocationOpportunitiesRequest,
  options: LongCallOptions = {},
): Promise<OperatorOpportunities[]> {
  const { grid, mask, towers, spareSlots, coveredBits, defaultRadiusM } = request;
  const limit = request.limitPerOperator ?? 100;
  const operators = request.operators ?? towers.operatorNames;
  const checkpoint = createYieldClock(options);
  const results: OperatorOpportunities[] = [];
  let step = 0;
  const steps = operators.length * towers.count;
  for (const operator of operators) {
    const op = towers.operatorNames.indexOf(operator);
    const found: ColocationOpportunity[] = [];
    for (let t = 0; t < towers.count; t++, step++) {
      if ((t & 31) === 0) await checkpoint(step / Math.max(1, steps));
      if (spareSlots[t] === 0) continue;
      if (op >= 0 && (towers.ownerIndex[t] === op || towers.tenantBits[t] & (1 << op))) continue;
      const radiusM = request.radiusM ?? (Number.isNaN(towers.radiusM[t]) ? defaultRadiusM : towers.radiusM[t]);
      let people = 0;
      forEachCellWithinRadius(grid, towers.lon[t], towers.lat[t], radiusM, (cell) => {
        if (op >= 0 && coveredBits[cell] & (1 << op)) return;
        if (mask && mask[cell] === 0) return;
        const value = grid.values[cell];
        if (isNodata(grid, value) || !(value > 0)) return;
        people += value;
      });
      if (!(people > 0)) continue;
      found.push({
        towerIndex: t,
        towerId: towers.ids[t],
        owner: towers.operatorNames[towers.ownerIndex[t]],
        tenants: towers.operatorNames.filter((_, k) => towers.tenantBits[t] & (1 << k)),
        spareSlots: spareSlots[t],
        radiusM,
        newlyCoveredPopulation: people,
      });
    }
    found.sort((x, y) => y.newlyCoveredPopulation - x.newlyCoveredPopulation || x.towerIndex - y.towerIndex);
    results.push({ operator, opportunities: found.slice(0, limit), qualifyingMasts: found.length });
  }
  options.onProgress?.(1);
  return results;
}
