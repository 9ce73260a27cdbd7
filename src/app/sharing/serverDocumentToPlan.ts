import type { SignalRunSettings } from '../../core/coverage/prepareSignalRun';
import { MAST_TYPES, MAX_TOWER_RADIUS_M, type MastType } from '../../core/model/tower';
import type { UserSite } from '../../core/siting/siteCandidate';
import { signalRunSettingsOf } from '../coverage/signalRunInPool';
import type { ServerPlanDocument } from '../server/apiTypes';
import { normalizeProject } from '../store/projectDocument';
import type { PlanPanelSettings } from './planSettingsAsRun';
import { SHARED_SITES_SCENARIO_ID } from './planToServerDocument';
import { readSavedCertificate, type SavedPlanCertificate } from './savedPlanCertificate';
import type { PlanProvenance, SiteProvenance } from './siteProvenance';

/**
 * A server plan document back as the sharing tab's inputs: the plan's settings (those the document holds, each checked
 * for its type) and its proposed sites as fixed sites, under the plan's own ids so that sites on existing masts are found
 * again. The inverse of planToServerDocument.
 */
export function serverDocumentToPlan(document: ServerPlanDocument): {
  settings: Partial<PlanPanelSettings>;
  fixedSites: UserSite[];
  /** The sites' provenance as saved (by the plan's own site ids); sites without one are left out. */
  provenance: PlanProvenance;
  /** How good the plan was when its search made it; null when placed by hand or not said. */
  certificate: SavedPlanCertificate | null;
} {
  const parameters = document.scenarios.find((scenario) => scenario.id === SHARED_SITES_SCENARIO_ID)?.parameters ?? {};
  const settings: Partial<PlanPanelSettings> = {};
  const numberOf = (key: string) => {
    const value = parameters[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  const operators = parameters.operators;
  if (Array.isArray(operators) && operators.every((name) => typeof name === 'string')) settings.operators = operators;
  if (parameters.weighting === 'people' || parameters.weighting === 'people_x_operators') {
    settings.weighting = parameters.weighting;
  }
  const siteRadiusM = numberOf('siteRadiusM');
  if (siteRadiusM !== undefined && siteRadiusM > 0) settings.siteRadiusM = siteRadiusM;
  const defaultRadiusM = numberOf('defaultRadiusM');
  if (defaultRadiusM !== undefined && defaultRadiusM > 0 && defaultRadiusM <= MAX_TOWER_RADIUS_M) {
    settings.defaultRadiusM = defaultRadiusM;
  }
  const sites = numberOf('sites');
  if (sites !== undefined && sites >= 1) settings.sites = Math.round(sites);
  if (parameters.maxCapexUsd === null) settings.maxCapexUsd = null;
  const maxCapexUsd = numberOf('maxCapexUsd');
  if (maxCapexUsd !== undefined && maxCapexUsd > 0) settings.maxCapexUsd = maxCapexUsd;
  // The budget as typed in đồng (absent in older documents: the USD amount alone).
  if (parameters.maxCapexVnd === null) settings.maxCapexVnd = null;
  const maxCapexVnd = numberOf('maxCapexVnd');
  if (maxCapexVnd !== undefined && maxCapexVnd > 0) settings.maxCapexVnd = maxCapexVnd;
  if (typeof parameters.useSpacingRule === 'boolean') settings.useSpacingRule = parameters.useSpacingRule;
  if (parameters.maxBackboneDistanceM === null) settings.maxBackboneDistanceM = null;
  const maxBackboneDistanceM = numberOf('maxBackboneDistanceM');
  if (maxBackboneDistanceM !== undefined) settings.maxBackboneDistanceM = maxBackboneDistanceM;
  if (Array.isArray(parameters.exclusionZones)) settings.exclusionZones = parameters.exclusionZones as number[][][][];
  const propagation = readPropagation(parameters.propagation);
  if (propagation) settings.propagation = propagation;
  const siteIds = Array.isArray(parameters.siteIds) ? parameters.siteIds : [];
  const fixedSites = document.proposedSites.map((site, i): UserSite => {
    const id = typeof siteIds[i] === 'string' ? (siteIds[i] as string) : site.id;
    const mastType = MAST_TYPES.includes(site.mastType as MastType) ? (site.mastType as MastType) : undefined;
    return { id, lon: site.lon, lat: site.lat, heightM: site.heightM, ...(mastType ? { mastType } : {}) };
  });
  const saved = Array.isArray(parameters.provenance) ? parameters.provenance : [];
  const provenance: PlanProvenance = {};
  fixedSites.forEach((site, i) => {
    const entry = readProvenance(saved[i]);
    if (entry) provenance[site.id] = entry;
  });
  return { settings, fixedSites, provenance, certificate: readSavedCertificate(parameters.certificate) };
}

const ORIGINS: readonly SiteProvenance['origin'][] = ['proposed', 'moved', 'opened'];
const METHODS: readonly NonNullable<SiteProvenance['method']>[] = ['greedy', 'greedy+swap', 'exact'];
const KINDS: readonly NonNullable<SiteProvenance['proposedKind']>[] = ['lattice', 'existing_mast', 'user'];

/** One saved provenance entry, each field checked (a document is the server's, written by any version of the app). */
function readProvenance(value: unknown): SiteProvenance | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  if (!ORIGINS.includes(entry.origin as SiteProvenance['origin'])) return null;
  return {
    origin: entry.origin as SiteProvenance['origin'],
    method: METHODS.includes(entry.method as never) ? (entry.method as SiteProvenance['method']) : null,
    proposedKind: KINDS.includes(entry.proposedKind as never)
      ? (entry.proposedKind as SiteProvenance['proposedKind'])
      : null,
    movedBy: typeof entry.movedBy === 'string' ? entry.movedBy.slice(0, 100) : null,
  };
}

/**
 * The prediction a saved plan was made on (SignalRunSettings as run), each value checked as a stored project's
 * coverage settings are (normalizeProject: known model, grid of 25-2,000 m, thresholds and losses in range); null when
 * the plan was made by fixed radius or the value cannot be read.
 */
function readPropagation(value: unknown): SignalRunSettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const saved = value as Partial<SignalRunSettings>;
  const technology = saved.technology === '4g' ? '4g' : '5g';
  const coverage = normalizeProject({
    coverage: {
      mode: 'signal',
      modelId: saved.modelId,
      technology,
      gridM: saved.gridM,
      thresholdDbm: saved.thresholdDbm,
      indoor: saved.indoor,
      indoorLossDb: saved.indoorLossDb,
      shadowingMarginDb: saved.shadowingMarginDb,
      assume5g: saved.assume5g,
      terrain: typeof saved.terrain === 'object' && saved.terrain !== null,
      kFactor: saved.terrain?.kFactor,
      diffractionWeight: saved.terrain?.diffractionWeight,
      profilePointsPerStep: saved.terrain?.profilePointsPerStep ?? 1,
      eirpDbmByOperator: { [technology]: saved.eirpDbmByOperator ?? {} },
    },
  }).coverage;
  return coverage.modelId === saved.modelId ? signalRunSettingsOf(coverage) : null;
}
