import type { LonLatPolygon } from '../geo/lonLatPolygon';
import type { MastAttributes } from '../model/mastAttributes';
import type { PopulationGrid } from '../model/populationGrid';
import type { TowerArrays } from '../model/towerArrays';
import {
  classifyUrbanRural,
  type DensityThresholds,
  SETTLEMENT_ZONES,
  type SettlementZone,
  type ZoneLayer,
} from './classifyUrbanRural';
import { type ColocationCluster, clusterColocationPairs } from './clusterColocationPairs';
import { type ConsolidationCandidate, findConsolidationCandidates } from './consolidation';
import { type ColocationPairs, countPairsByOperatorPair, findColocationPairs } from './findColocationPairs';
import { SHARING_COSTS_USD, type SharingCosts } from './sharingCosts';
import { type SharingDistanceRule, sharingDistanceByZone } from './sharingDistancePresets';
import { computeSpareCapacity, DEFAULT_TENANT_SLOTS, type MastCapacity, type TenantSlotRule } from './spareCapacity';
import {
  type AreaTenancyStats,
  computeTenancyStats,
  computeTenancyStatsByArea,
  type TenancyArea,
  type TenancyStats,
} from './tenancyStats';

export interface AnalyzeColocationRequest {
  towers: TowerArrays;
  masts: MastAttributes;
  /** The province's sharing distance: one number for every mast, or urban / non-urban distances (a preset). */
  sharingDistance: number | SharingDistanceRule;
  /** For urban / rural: population density of each mast's cell ... */
  grid?: PopulationGrid;
  densityThresholds?: DensityThresholds;
  /** ... or a zone layer, which wins where it has a polygon. */
  zoneLayer?: ZoneLayer;
  /** Areas for tenancy figures (communes, a drawn polygon); the province (all masts given) is always reported. */
  areas?: TenancyArea[];
  /** Only masts inside these polygons count for the province figures (the province boundary); all when absent. */
  boundary?: LonLatPolygon[];
  slotTable?: readonly TenantSlotRule[];
  costs?: SharingCosts;
}

export interface AnalyzeColocationResult {
  /** Zone code per mast (0 rural, 1 suburban, 2 urban) and the names of the codes. */
  zones: Uint8Array;
  zoneNames: readonly SettlementZone[];
  /** Sharing distance applied to each mast, metres. */
  sharingDistanceM: Float64Array;
  pairs: ColocationPairs;
  pairsByOperatorPair: Record<string, number>;
  clusters: ColocationCluster[];
  province: TenancyStats;
  areas: AreaTenancyStats[];
  capacity: MastCapacity;
  consolidation: ConsolidationCandidate[];
}

/**
 * The co-location analysis in one call (everything but the per-operator opportunities, which need coverage):
 * zones, pairs of different owners within the sharing distance, their clusters, tenancy figures, spare capacity and
 * consolidation candidates. Plain data in and out, for a worker.
 */
export function analyzeColocation(request: AnalyzeColocationRequest): AnalyzeColocationResult {
  const { towers, masts } = request;
  const zones = classifyUrbanRural({
    count: towers.count,
    lon: towers.lon,
    lat: towers.lat,
    grid: request.grid,
    thresholds: request.densityThresholds,
    zoneLayer: request.zoneLayer,
  });
  const sharingDistanceM =
    typeof request.sharingDistance === 'number'
      ? new Float64Array(towers.count).fill(request.sharingDistance)
      : sharingDistanceByZone(zones, request.sharingDistance);
  const pairs = findColocationPairs({ towers, sharingDistanceM });
  const clusters = clusterColocationPairs(pairs, towers);
  const capacity = computeSpareCapacity(towers, masts, request.slotTable ?? DEFAULT_TENANT_SLOTS);
  const consolidation = findConsolidationCandidates({
    towers,
    masts,
    clusters,
    zones,
    sharingDistanceM,
    slotTable: request.slotTable,
    costs: request.costs ?? SHARING_COSTS_USD,
  });
  let province: TenancyStats = computeTenancyStats(towers);
  if (request.boundary) {
    const {
      areaId: _areaId,
      areaName: _areaName,
      ...inside
    } = computeTenancyStatsByArea(towers, [{ id: 'province', polygons: request.boundary }])[0];
    province = inside;
  }
  return {
    zones,
    zoneNames: SETTLEMENT_ZONES,
    sharingDistanceM,
    pairs,
    pairsByOperatorPair: countPairsByOperatorPair(pairs, towers),
    clusters,
    province,
    areas: request.areas ? computeTenancyStatsByArea(towers, request.areas) : [],
    capacity,
    consolidation,
  };
}
