import type { SignalRunSettings } from '../coverage/prepareSignalRun';
import type { LonLatPolyline } from '../geo/lonLatPolyline';
import type { MastAttributes } from '../model/mastAttributes';
import type { PopulationGrid } from '../model/populationGrid';
import type { TowerArrays } from '../model/towerArrays';
import type { DemandWeighting } from './buildDemand';
import type { PlanSharedSitesRequest, SitingSolver } from './planSharedSites';
import type { UserSite } from './siteCandidate';
import { QUANG_NAM_SPACING } from './siteRules';
import type { ExactOptions } from './solveExactHighs';

/** The settings of a shared-site plan as the planner sets them (the app's panel, a saved plan document). */
export interface SitePlanSettings {
  operators: string[];
  weighting: DemandWeighting;
  siteRadiusM: number;
  sites: number;
  /**
   * Money budget: the plan's up-front cost (each site's capex, SiteCost) at most this, USD; none when null or absent.
   * Binds with the site count: the plan keeps both.
   */
  maxCapexUsd?: number | null;
  solver: SitingSolver;
  /** Reach of existing masts without radius_m, metres. */
  defaultRadiusM: number;
  /** Hard limit on a new mast's distance to the backbone, metres; none when null. */
  maxBackboneDistanceM: number | null;
  /** Apply the province's minimum spacing between masts (SITE_PLAN_SPACING_RULE). */
  useSpacingRule: boolean;
  exclusionZones: number[][][][];
  /**
   * The province's own candidate sites (a list of land or buildings available, read from a file), offered besides
   * the lattice and the existing masts; each stands on a new mast (at its heightM when given).
   */
  candidateSites?: UserSite[];
  /** Lay the hex lattice of candidates over the province (default true); false: only the lists and existing masts. */
  latticeCandidates?: boolean;
  /** Evaluate these sites as placed (the planner moved one) instead of searching. */
  fixedSites?: UserSite[];
  /** Time limit of the exact solver, seconds (default SITE_PLAN_EXACT_TIME_LIMIT_S). */
  exactTimeLimitSeconds?: number;
  /**
   * Cover on the coverage map's prediction with these settings (buildSignalSitePlanRequest) instead of a fixed radius;
   * siteRadiusM then only spaces the lattice. Fixed radius when absent.
   */
  propagation?: SignalRunSettings;
}

/**
 * The spacing rule of the demo province: Đà Nẵng merged with Quảng Nam in July 2025, and Quảng Nam's approved plan
 * is the one that sets minimum distances between masts by class (see siteRules.ts).
 */
export const SITE_PLAN_SPACING_RULE = QUANG_NAM_SPACING;

/** The exact solver's time limit in the app: long enough to prove a province case, short enough to wait for. */
export const SITE_PLAN_EXACT_TIME_LIMIT_S = 20;

/** What a plan runs on: the province's data. */
export interface SitePlanData {
  population: PopulationGrid;
  towers: TowerArrays;
  masts: MastAttributes;
  /** Fibre backbone lines; none: no backbone distances. */
  backbone: readonly LonLatPolyline[];
}

/**
 * The one request of a shared-site plan from the planner's settings: the 5G maximal covering over the province with a
 * hex lattice of candidates at the site radius (finer than the covering spacing, R x 1.73, so the solver has choice;
 * unless turned off) plus the existing masts with room and the province's own candidate list, the province's rules,
 * and the exact solver when asked for.
 */
export function buildSitePlanRequest(
  settings: SitePlanSettings,
  data: SitePlanData,
  exact: Omit<ExactOptions, 'warmStart' | 'timeLimitSeconds'> = {},
): PlanSharedSitesRequest {
  return {
    grid: data.population,
    towers: data.towers,
    masts: data.masts,
    defaultRadiusM: settings.defaultRadiusM,
    operators: settings.operators,
    weighting: settings.weighting,
    siteRadiusM: settings.siteRadiusM,
    candidates: {
      lattice: settings.latticeCandidates === false ? undefined : { shape: 'hex', spacingM: settings.siteRadiusM },
      existingMasts: true,
      ...(settings.candidateSites && settings.candidateSites.length > 0 ? { userSites: settings.candidateSites } : {}),
    },
    rules: {
      exclusionZones: settings.exclusionZones,
      spacing: settings.useSpacingRule ? SITE_PLAN_SPACING_RULE : undefined,
      backbone: {
        lines: [...data.backbone],
        maxDistanceM: settings.maxBackboneDistanceM ?? undefined,
      },
    },
    budget: {
      maxSites: settings.sites,
      ...(settings.maxCapexUsd != null && settings.maxCapexUsd > 0 ? { maxCostUsd: settings.maxCapexUsd } : {}),
    },
    fixedSites: settings.fixedSites,
    solver: settings.solver,
    exact:
      settings.solver === 'exact'
        ? { ...exact, timeLimitSeconds: settings.exactTimeLimitSeconds ?? SITE_PLAN_EXACT_TIME_LIMIT_S }
        : undefined,
    technology: '5g',
  };
}
