import { forEachCellWithinRadius } from '../coverage/forEachCellWithinRadius';
import { isNodata, type PopulationGrid } from '../model/populationGrid';
import type { TowerArrays } from '../model/towerArrays';
import { predictCandidateCover, type SignalSitePrediction } from '../siting/predictCandidateCover';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';

export interface ColocationOpportunitiesRequest {
  grid: PopulationGrid;
  /** Cells that count (centre inside the boundary), row-major like grid.values; all cells when absent. */
  mask?: Uint8Array;
  towers: Pick<
    TowerArrays,
    'count' | 'ids' | 'lon' | 'lat' | 'radiusM' | 'heightM' | 'ownerIndex' | 'tenantBits' | 'operatorNames'
  >;
  /** Spare tenant slots per mast (computeSpareCapacity(...).spare). */
  spareSlots: Uint8Array;
  /**
   * Operator bits per cell for the whole grid, from computeFixedRadiusCoverage (or signalCoverageBits of the
   * prediction): each operator's existing coverage.
   */
  coveredBits: Uint8Array;
  /**
   * What the joining operator's equipment reaches: the fixed radius (default), or its band's predicted signal at the
   * mast's height (the grid is then the prediction's analysis grid: signalSitePlanInputs); radiusM does not apply.
   */
  coverage?: { kind: 'radius' } | { kind: 'signal'; prediction: SignalSitePrediction };
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
  /** Fixed radius; on predicted signal, the farthest the operator's radio there reaches the threshold, metres. */
  radiusM: number;
  /** People in cells within radiusM of the mast (or its predicted signal) that the operator does not cover today. */
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
  const signal = request.coverage?.kind === 'signal' ? request.coverage.prediction : null;
  for (const [operatorIndex, operator] of operators.entries()) {
    const op = towers.operatorNames.indexOf(operator);
    const qualifying: number[] = [];
    for (let t = 0; t < towers.count; t++) {
      if (spareSlots[t] === 0) continue;
      if (op >= 0 && (towers.ownerIndex[t] === op || towers.tenantBits[t] & (1 << op))) continue;
      qualifying.push(t);
    }
    const countPeople = (cell: number) => {
      if (op >= 0 && coveredBits[cell] & (1 << op)) return 0;
      if (mask && mask[cell] === 0) return 0;
      const value = grid.values[cell];
      return isNodata(grid, value) || !(value > 0) ? 0 : value;
    };
    // On predicted signal: the operator's own band at each mast's height, the cells where it reaches the threshold.
    const predicted =
      signal && op >= 0
        ? await predictCandidateCover({
            prediction: signal,
            candidates: {
              count: qualifying.length,
              lon: qualifying.map((t) => towers.lon[t]),
              lat: qualifying.map((t) => towers.lat[t]),
              heightM: qualifying.map((t) => towers.heightM[t]),
            },
            operatorBits: 1 << op,
            cellMask: mask,
          })
        : null;
    const found: ColocationOpportunity[] = [];
    for (let q = 0; q < qualifying.length; q++) {
      if ((q & 31) === 0) await checkpoint((operatorIndex + q / qualifying.length) / operators.length);
      const t = qualifying[q];
      let radiusM: number;
      let people = 0;
      if (signal) {
        radiusM = predicted ? predicted.reachM[q] : 0;
        if (predicted) {
          for (let k = predicted.starts[q]; k < predicted.starts[q + 1]; k++) people += countPeople(predicted.cells[k]);
        }
      } else {
        radiusM = request.radiusM ?? (Number.isNaN(towers.radiusM[t]) ? defaultRadiusM : towers.radiusM[t]);
        forEachCellWithinRadius(grid, towers.lon[t], towers.lat[t], radiusM, (cell) => {
          people += countPeople(cell);
        });
      }
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
