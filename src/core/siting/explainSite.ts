import { SETTLEMENT_ZONES, type SettlementZone } from '../colocation/classifyUrbanRural';
import { haversineDistanceM } from '../geo/haversineDistanceM';
import type { PointIndex } from '../geo/indexPoints';
import type { MastType } from '../model/tower';
import type { Demand } from './buildDemand';
import type { SiteCost } from './candidateCosts';
import type { CoverSets } from './coverSets';
import type { CandidateKind, SiteCandidate } from './siteCandidate';

/** Why a proposed site is there and what it brings: everything a planner needs to defend it. */
export interface SiteExplanation {
  candidateIndex: number;
  id: string;
  kind: CandidateKind;
  lon: number;
  lat: number;
  mastType: MastType;
  heightM: number | null;
  zone: SettlementZone;
  /**
   * People newly covered (by no chosen operator before, or, with people x operators, by some chosen operator
   * lacking them), counted once across the plan: a cell two proposed sites reach counts for the one listed first.
   */
  newlyCoveredPopulation: number;
  /** The same in the optimisation's weight (equals the population with the `people` weighting). */
  newlyCoveredWeight: number;
  /** People each chosen operator newly covers here (same attribution). */
  newlyCoveredByOperator: Record<string, number>;
  /** Chosen operators that gain people from the site (on an existing mast, a tenant may gain by upgrading). */
  operatorsGaining: string[];
  /** Chosen operators the site needs to take on: all of them for a new mast, those not yet on an existing mast. */
  joiningOperators: string[];
  /** Distance to the fibre backbone, metres; null without a backbone. */
  backboneDistanceM: number | null;
  /** Nearest existing mast (other than itself for an existing-mast site), or null without masts. */
  nearestMast: { id: string; distanceM: number } | null;
  /** Spacing rule for a new mast: needed and actual distance; null when no rule applies (existing mast, no table). */
  spacing: { requiredM: number; nearestMastM: number | null; nearestProposedM: number | null; ok: boolean } | null;
  cost: SiteCost;
  /** Each gaining operator building this site alone (full cost) against its share of the shared site (cost / n). */
  savingsVsAlone: { operator: string; aloneUsd: number; sharedShareUsd: number; savingUsd: number }[];
}

export interface ExplainSitesRequest {
  /** Selected candidates, in the order to attribute people (most valuable first reads best). */
  selected: readonly number[];
  candidates: readonly SiteCandidate[];
  zones: Uint8Array;
  cover: CoverSets;
  demand: Demand;
  operatorNames: readonly string[];
  costs: readonly SiteCost[];
  /** What a new mast would cost at each candidate (for the "alone" comparison). */
  newBuildCosts: readonly SiteCost[];
  backboneDistanceM: Float64Array;
  requiredSpacingM: Float64Array;
  spacingApplies: boolean;
  masts: PointIndex;
  mastIds: readonly string[];
  mastLon: ArrayLike<number>;
  mastLat: ArrayLike<number>;
  mastTenantBits: Uint8Array;
  /** The chosen operators' bits. */
  operatorBits: number;
}

export function explainSites(request: ExplainSitesRequest): SiteExplanation[] {
  const { selected, candidates, zones, cover, demand, operatorNames } = request;
  const attributed = new Uint8Array(cover.itemCount);
  return selected.map((c) => {
    const candidate = candidates[c];
    let population = 0;
    let weight = 0;
    const byOperator = new Float64Array(operatorNames.length);
    let gainingBits = 0;
    for (let k = cover.candidateStarts[c]; k < cover.candidateStarts[c + 1]; k++) {
      const item = cover.candidateItems[k];
      if (attributed[item]) continue;
      attributed[item] = 1;
      for (let m = cover.itemDemandStarts[item]; m < cover.itemDemandStarts[item + 1]; m++) {
        const d = cover.itemDemand[m];
        population += demand.population[d];
        weight += demand.weight[d];
        const bits = demand.gainingBits[d];
        gainingBits |= bits;
        for (let op = 0; op < operatorNames.length; op++) if (bits & (1 << op)) byOperator[op] += demand.population[d];
      }
    }
    const operatorsGaining = operatorNames.filter((_, op) => gainingBits & (1 << op));
    const nearest = nearestOtherMast(request, c);
    let nearestProposedM: number | null = null;
    for (const other of selected) {
      if (other === c) continue;
      const distance = haversineDistanceM(candidate.lon, candidate.lat, candidates[other].lon, candidates[other].lat);
      if (nearestProposedM === null || distance < nearestProposedM) nearestProposedM = distance;
    }
    const requiredM = request.requiredSpacingM[c];
    const spacing =
      request.spacingApplies && candidate.kind !== 'existing_mast'
        ? {
            requiredM,
            nearestMastM: nearest?.distanceM ?? null,
            nearestProposedM,
            ok:
              (nearest === null || nearest.distanceM >= requiredM) &&
              (nearestProposedM === null || nearestProposedM >= requiredM),
          }
        : null;
    const cost = request.costs[c];
    const sharers = Math.max(1, operatorsGaining.length);
    const aloneUsd = request.newBuildCosts[c].netPresentUsd;
    const sharedShareUsd = cost.netPresentUsd / sharers;
    return {
      candidateIndex: c,
      id: candidate.id,
      kind: candidate.kind,
      lon: candidate.lon,
      lat: candidate.lat,
      mastType: candidate.mastType,
      heightM: candidate.heightM,
      zone: SETTLEMENT_ZONES[zones[c]] ?? 'rural',
      newlyCoveredPopulation: population,
      newlyCoveredWeight: weight,
      newlyCoveredByOperator: Object.fromEntries(operatorNames.map((name, op) => [name, byOperator[op]] as const)),
      operatorsGaining,
      joiningOperators:
        candidate.kind === 'existing_mast'
          ? operatorNames.filter(
              (_, op) =>
                request.operatorBits & (1 << op) && !(request.mastTenantBits[candidate.towerIndex] & (1 << op)),
            )
          : operatorNames.filter((_, op) => request.operatorBits & (1 << op)),
      backboneDistanceM: Number.isNaN(request.backboneDistanceM[c]) ? null : request.backboneDistanceM[c],
      nearestMast: nearest,
      spacing,
      cost,
      savingsVsAlone: operatorsGaining.map((operator) => ({
        operator,
        aloneUsd,
        sharedShareUsd,
        savingUsd: aloneUsd - sharedShareUsd,
      })),
    };
  });
}

function nearestOtherMast(request: ExplainSitesRequest, c: number): { id: string; distanceM: number } | null {
  const candidate = request.candidates[c];
  if (candidate.kind !== 'existing_mast') {
    const nearest = request.masts.nearest(candidate.lon, candidate.lat);
    return nearest ? { id: request.mastIds[nearest.index], distanceM: nearest.distanceM } : null;
  }
  // An existing mast is its own nearest: look wider and wider, skipping it.
  for (let radiusM = 1_000; radiusM <= 256_000; radiusM *= 4) {
    let best: { id: string; distanceM: number } | null = null;
    for (const i of request.masts.withinM(candidate.lon, candidate.lat, radiusM)) {
      if (i === candidate.towerIndex) continue;
      const distanceM = haversineDistanceM(candidate.lon, candidate.lat, request.mastLon[i], request.mastLat[i]);
      if (best === null || distanceM < best.distanceM) best = { id: request.mastIds[i], distanceM };
    }
    if (best) return best;
  }
  return null;
}
