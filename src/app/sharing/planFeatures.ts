import type { Feature, Point } from 'geojson';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';

/** The proposed sites as GeoJSON points with their figures as flat properties (for every export format). */
export function planFeatures(plan: PlanSharedSitesResult): Feature<Point>[] {
  return plan.sites.map((site, rank) => ({
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
    properties: {
      rank: rank + 1,
      id: site.id,
      kind: site.kind,
      mast_type: site.mastType,
      height_m: site.heightM,
      zone: site.zone,
      people_newly_covered: Math.round(site.newlyCoveredPopulation),
      ...Object.fromEntries(
        Object.entries(site.newlyCoveredByOperator).map(([operator, people]) => [
          `people_${operator}`,
          Math.round(people),
        ]),
      ),
      operators_gaining: site.operatorsGaining.join(';'),
      joining_operators: site.joiningOperators.join(';'),
      backbone_distance_m: site.backboneDistanceM === null ? null : Math.round(site.backboneDistanceM),
      nearest_mast_id: site.nearestMast?.id ?? null,
      nearest_mast_m: site.nearestMast ? Math.round(site.nearestMast.distanceM) : null,
      spacing_required_m: site.spacing?.requiredM ?? null,
      spacing_ok: site.spacing?.ok ?? null,
      capex_usd: Math.round(site.cost.capexUsd),
      savings_vs_alone_usd: Math.round(site.savingsVsAlone.reduce((sum, entry) => sum + entry.savingUsd, 0)),
      plan_gap_percent: Number(plan.gapPercent.toFixed(3)),
      plan_method: plan.method,
    },
  }));
}
