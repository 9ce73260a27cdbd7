import { haversineDistanceM } from '../geo/haversineDistanceM';
import { countTenantBits, type MastAttributes, mastTypeFromCode } from '../model/mastAttributes';
import type { TowerArrays } from '../model/towerArrays';
import type { ColocationCluster } from './clusterColocationPairs';
import {
  annuityFactor,
  newSitePassiveCapexUsd,
  SHARING_COSTS_USD,
  type SharingCosts,
  siteRentUsdPerYear,
} from './sharingCosts';
import { DEFAULT_TENANT_SLOTS, type TenantSlotRule, tenantSlots } from './spareCapacity';

export interface ConsolidationRequest {
  towers: Pick<TowerArrays, 'count' | 'ids' | 'lon' | 'lat' | 'tenantBits' | 'operatorNames'>;
  masts: MastAttributes;
  clusters: readonly ColocationCluster[];
  /** Zone code per mast (classifyUrbanRural): sets the rent a removed mast stops paying. */
  zones: Uint8Array;
  /** The sharing distance (one number or per mast, as for findColocationPairs): how far a tenant may move. */
  sharingDistanceM: number | Float64Array;
  slotTable?: readonly TenantSlotRule[];
  costs?: SharingCosts;
}

/** A group of masts that could become one shared mast: the host stays, the others' tenants move onto it. */
export interface ConsolidationCandidate {
  hostIndex: number;
  hostId: string;
  removedIndices: number[];
  removedIds: string[];
  /** Operators on the host afterwards, in operatorNames order. */
  tenantsAfter: string[];
  hostSlots: number;
  /** Operator equipment moved onto the host (a tenant already on the host is not moved, its duplicate is removed). */
  movedTenancies: number;
  /** Rent plus operation and maintenance the removed masts no longer cost, USD per year. */
  savingsUsdPerYear: number;
  /** Re-installation of moved equipment (pytal installation cost per move), USD. */
  oneOffCostUsd: number;
  /** savingsUsdPerYear over the horizon, discounted, minus oneOffCostUsd. */
  savingsNetPresentUsd: number;
}

/**
 * Consolidation candidates inside each cluster. The mast with the most tenant slots (then the tallest, then the one
 * with most tenants) becomes the host; masts within the sharing distance of it join, nearest first, while the host
 * has slots for the union of tenants and it brings an operator the group does not have yet; the rest of the cluster is
 * treated again the same way. A group needs two masts. A mast whose every tenant is already in the group stays: it is
 * that operator's second site (another sector, more capacity), and closing it is the operator's own network planning,
 * not sharing (before, a group of two Viettel and two MobiFone masts 120 m apart was priced as one mast's savings).
 *
 * Savings (an estimate from pytal's unit costs): each removed mast saves its site rent (by its zone) and its yearly
 * operation and maintenance (opex share x the passive capex of a 4G site); each moved tenancy costs one installation.
 * Not counted: any strengthening the host needs, a possibly higher rent on the host, decommissioning.
 */
export function findConsolidationCandidates(request: ConsolidationRequest): ConsolidationCandidate[] {
  const { towers, masts, clusters, zones, sharingDistanceM } = request;
  const costs = request.costs ?? SHARING_COSTS_USD;
  const table = request.slotTable ?? DEFAULT_TENANT_SLOTS;
  const slotsOf = (i: number) => tenantSlots(mastTypeFromCode(masts.mastTypeCode[i]), masts.heightM[i], table);
  const distanceRule = (i: number, j: number) =>
    typeof sharingDistanceM === 'number' ? sharingDistanceM : Math.max(sharingDistanceM[i], sharingDistanceM[j]);
  const distance = (i: number, j: number) =>
    haversineDistanceM(towers.lon[i], towers.lat[i], towers.lon[j], towers.lat[j]);
  const yearlyOpexUsd = costs.opexShareOfCapexPerYear * newSitePassiveCapexUsd(costs, '4g');
  const annuity = annuityFactor(costs);

  const candidates: ConsolidationCandidate[] = [];
  for (const cluster of clusters) {
    const byCapacity = [...cluster.towerIndices].sort(
      (i, j) =>
        slotsOf(j) - slotsOf(i) ||
        (Number.isNaN(masts.heightM[j]) ? 0 : masts.heightM[j]) -
          (Number.isNaN(masts.heightM[i]) ? 0 : masts.heightM[i]) ||
        countTenantBits(towers.tenantBits[j]) - countTenantBits(towers.tenantBits[i]) ||
        i - j,
    );
    const remaining = new Set(byCapacity);
    for (const host of byCapacity) {
      if (!remaining.has(host) || remaining.size < 2) continue;
      remaining.delete(host);
      const hostSlots = slotsOf(host);
      let unionBits = towers.tenantBits[host];
      const joining: number[] = [];
      const nearby = [...remaining]
        .filter((j) => distance(host, j) <= distanceRule(host, j))
        .sort((x, y) => distance(host, x) - distance(host, y) || x - y);
      for (const j of nearby) {
        const bits = unionBits | towers.tenantBits[j];
        if (bits === unionBits || countTenantBits(bits) > hostSlots) continue;
        unionBits = bits;
        joining.push(j);
      }
      if (joining.length === 0) continue;
      for (const j of joining) remaining.delete(j);
      let movedTenancies = 0;
      let savingsUsdPerYear = 0;
      let hostBits = towers.tenantBits[host];
      for (const j of joining) {
        movedTenancies += countTenantBits(towers.tenantBits[j] & ~hostBits);
        hostBits |= towers.tenantBits[j];
        savingsUsdPerYear += siteRentUsdPerYear(costs, zones[j]) + yearlyOpexUsd;
      }
      const oneOffCostUsd = movedTenancies * costs.installationUsd;
      candidates.push({
        hostIndex: host,
        hostId: towers.ids[host],
        removedIndices: joining.sort((x, y) => x - y),
        removedIds: joining.map((j) => towers.ids[j]),
        tenantsAfter: towers.operatorNames.filter((_, k) => unionBits & (1 << k)),
        hostSlots,
        movedTenancies,
        savingsUsdPerYear,
        oneOffCostUsd,
        savingsNetPresentUsd: savingsUsdPerYear * annuity - oneOffCostUsd,
      });
    }
  }
  return candidates.sort((x, y) => y.savingsNetPresentUsd - x.savingsNetPresentUsd || x.hostIndex - y.hostIndex);
}
