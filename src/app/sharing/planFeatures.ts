import type { Feature, Point } from 'geojson';
import { DEFAULT_MONEY, type MoneySettings, usdToVnd } from '../../core/model/money';
import type { SiteExplanation } from '../../core/siting/explainSite';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';
import type { PlanProvenance, SiteProvenance } from './siteProvenance';

/** What a site is on the map and in a KML file's styles: an existing mast, a new one, or one the planner moved. */
export type SiteClass = 'existing_mast' | 'new_mast' | 'moved';

export function siteClassOf(site: SiteExplanation, provenance: SiteProvenance | undefined): SiteClass {
  if (provenance?.origin === 'moved') return 'moved';
  return site.kind === 'existing_mast' ? 'existing_mast' : 'new_mast';
}

/**
 * The proposed sites as GeoJSON points with their figures as flat properties (for every export format). Each site says
 * where it comes from (`provenance`: proposed, moved or opened; `plan_method`: the search that proposed it; `moved_by`)
 * and keeps the kind it was proposed as: a plan the planner edited is evaluated as fixed sites, whose core kind would
 * be `user` for all. Costs stay in USD (the core's unit) with the project's rate and the same amounts in đồng beside
 * them; `currency` is the one the project shows. The gap is empty (null) when there is none (fixed sites), never NaN.
 */
export function planFeatures(
  plan: PlanSharedSitesResult,
  options: { provenance?: PlanProvenance; money?: MoneySettings } = {},
): Feature<Point>[] {
  const money = options.money ?? DEFAULT_MONEY;
  const gap = Number.isFinite(plan.gapPercent) ? Number(plan.gapPercent.toFixed(3)) : null;
  return plan.sites.map((site, rank) => {
    const provenance = options.provenance?.[site.id];
    const moved = provenance?.origin === 'moved';
    const savingsUsd = site.savingsVsAlone.reduce((sum, entry) => sum + entry.savingUsd, 0);
    return {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [site.lon, site.lat] },
      properties: {
        // As the panel, the report and the published plan name it.
        name: `S${rank + 1} · ${site.id}`,
        rank: rank + 1,
        id: site.id,
        // As proposed while the site stays where the search put it; as it is now once moved (or opened).
        kind: moved ? site.kind : (provenance?.proposedKind ?? site.kind),
        site_class: siteClassOf(site, provenance),
        provenance: provenance?.origin ?? (plan.method === 'fixed' ? 'opened' : 'proposed'),
        plan_method: provenance ? provenance.method : plan.method === 'fixed' ? null : plan.method,
        moved_by: provenance?.movedBy ?? null,
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
        // The rules a site placed by hand breaks (the core's English reasons, as the command line words them).
        rules_broken:
          plan.candidates.rejected
            .filter((entry) => entry.id === site.id)
            .map((entry) => entry.reason)
            .join('; ') || null,
        capex_usd: Math.round(site.cost.capexUsd),
        savings_vs_alone_usd: Math.round(savingsUsd),
        currency: money.currency,
        vnd_per_usd: money.vndPerUsd,
        capex_vnd: Math.round(usdToVnd(site.cost.capexUsd, money.vndPerUsd)),
        savings_vs_alone_vnd: Math.round(usdToVnd(savingsUsd, money.vndPerUsd)),
        plan_gap_percent: gap,
        // How the plan's figures were computed: by the search, or for sites as placed (`fixed`, no gap).
        plan_evaluation: plan.method,
      },
    };
  });
}

/** KML styles of the plan's sites by class (KML colours are aabbggrr). */
export const PLAN_KML_STYLES = {
  existing_mast: { colorAbgr: 'ff7a5a1f', scale: 1 },
  new_mast: { colorAbgr: 'ff1c7ff2', scale: 1.2 },
  moved: { colorAbgr: 'ffb43cd6', scale: 1.3 },
} as const satisfies Record<SiteClass, { colorAbgr: string; scale: number }>;
