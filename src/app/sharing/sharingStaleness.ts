import type { ColocationSettings } from '../../core/colocation/buildColocationRequest';
import type { Tower } from '../../core/model/tower';
import type { SitePlanSettings } from '../../core/siting/buildSitePlanRequest';

/**
 * Whether the co-location on screen no longer answers the panel: the masts shown are not those it was computed on
 * (an import, the server's list, the demo's back), the sharing distance changed since, or the coverage tab's radius
 * of masts without one (what the opportunities count as already covered).
 */
export function isColocationStale(
  basis: { settings: ColocationSettings; towers: readonly Tower[]; defaultRadiusM: number } | null,
  settings: ColocationSettings,
  towers: readonly Tower[],
  defaultRadiusM: number,
): boolean {
  if (!basis) return false;
  if (basis.towers !== towers || basis.settings.preset !== settings.preset) return true;
  if (basis.defaultRadiusM !== defaultRadiusM) return true;
  return settings.preset === 'custom' && basis.settings.distanceM !== settings.distanceM;
}

/**
 * Whether the plan on screen no longer answers the panel: other masts, or a setting that changes the plan (operators,
 * weighting, radius, sites, solver, rules, zones, candidate lists, the masts' default radius, fixed radius or
 * prediction and the prediction's settings). `settings` are those a run would take now (planSettingsAsRun: the
 * coverage tab's radius and prediction).
 */
export function isPlanStale(
  basis: { settings: SitePlanSettings; towers: readonly Tower[] } | null,
  settings: SitePlanSettings,
  towers: readonly Tower[],
): boolean {
  if (!basis) return false;
  if (basis.towers !== towers) return true;
  return planKey(basis.settings) !== planKey(settings);
}

function planKey(settings: SitePlanSettings): string {
  return JSON.stringify([
    settings.operators,
    settings.weighting,
    settings.siteRadiusM,
    settings.sites,
    settings.maxCapexUsd ?? null,
    settings.solver,
    settings.defaultRadiusM,
    settings.maxBackboneDistanceM,
    settings.useSpacingRule,
    settings.exclusionZones,
    settings.candidateSites ?? null,
    settings.latticeCandidates ?? true,
    settings.propagation ?? null,
  ]);
}
