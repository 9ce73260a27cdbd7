import type { Tower } from '../../core/model/tower';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';
import type { ServerPlanDocument } from '../server/apiTypes';
import type { PlanPanelSettings } from './planSettingsAsRun';
import { certificateOf } from './savedPlanCertificate';
import type { PlanProvenance } from './siteProvenance';
import { publishedSiteName } from './summarizePlanForPublishing';

/** The scenario holding the shared-site plan's settings in a server plan document. */
export const SHARED_SITES_SCENARIO_ID = 'shared-5g-sites';

/** Height of a new shared mast when the plan does not say, m (the planner's default class, A2b 35 m). */
const NEW_MAST_HEIGHT_M = 35;

/**
 * The shared-site plan as a server plan document: one proposed site per planned site (id S1, S2, ... in rank order, so
 * operators and the province speak of the same site), and the settings and figures as a scenario. Existing masts
 * offered as sites keep their id in the site's name and their tenants: an operator requests co-location on them as on
 * any site.
 */
export function planToServerDocument(
  plan: PlanSharedSitesResult,
  settings: PlanPanelSettings,
  language: 'vi' | 'en',
  towers: readonly Tower[],
  provenance: PlanProvenance = {},
): ServerPlanDocument {
  const vi = language === 'vi';
  const tenantsById = new Map(towers.map((tower) => [tower.id, tower.tenants]));
  return {
    layers: [],
    scenarios: [
      {
        id: SHARED_SITES_SCENARIO_ID,
        name: vi ? 'Trạm 5G dùng chung' : 'Shared 5G sites',
        parameters: {
          operators: settings.operators,
          weighting: settings.weighting,
          siteRadiusM: settings.siteRadiusM,
          sites: settings.sites,
          // The money budget, USD (null: none).
          maxCapexUsd: settings.maxCapexUsd ?? null,
          // The budget as typed in đồng (null: typed in USD, or none): reopened, the field shows what was typed.
          maxCapexVnd: settings.maxCapexVnd ?? null,
          solver: settings.solver,
          useSpacingRule: settings.useSpacingRule,
          maxBackboneDistanceM: settings.maxBackboneDistanceM,
          exclusionZones: settings.exclusionZones,
          // The plan's own site ids (an existing mast's id), in rank order: reopening the plan finds the masts again.
          siteIds: plan.sites.map((site) => site.id),
          // Where each site comes from (proposed by which search, moved by whom, placed as opened), in rank order:
          // the plan reopened, on any machine, still says it.
          provenance: plan.sites.map((site) => provenance[site.id] ?? null),
          // The radius of masts whose file gives none, m: what they already cover (the coverage tab's, as run).
          defaultRadiusM: settings.defaultRadiusM,
          // The coverage the plan was made on: the prediction's settings as run, or fixed radius (null).
          propagation: settings.propagation ?? null,
          populationNewlyCovered: plan.populationNewlyCovered,
          gapPercent: plan.gapPercent,
          totalCapexUsd: plan.totalCapexUsd,
          // How good the plan is, as its search computed it (null for sites placed by hand): reopened as placed, the
          // same plan keeps it.
          certificate: certificateOf(plan),
        },
      },
    ],
    proposedSites: plan.sites.map((site, index) => ({
      id: `S${index + 1}`,
      name: publishedSiteName(index, site),
      lon: site.lon,
      lat: site.lat,
      heightM: site.heightM ?? NEW_MAST_HEIGHT_M,
      mastType: site.mastType,
      tenantSlots: null,
      // An existing mast keeps its tenants (they take slots); a new mast has none yet.
      tenants: site.kind === 'existing_mast' ? [...(tenantsById.get(site.id) ?? [])] : [],
      // The mast a site on an existing mast is: requests go to it (one mast, one capacity).
      mastId: site.kind === 'existing_mast' ? site.id : null,
      newlyCoveredPeople: Math.round(site.newlyCoveredPopulation),
      forOperators: [...site.joiningOperators],
      note: vi
        ? `Phủ mới ${Math.round(site.newlyCoveredPopulation)} người; cho ${site.joiningOperators.join(', ')}`
        : `Newly covers ${Math.round(site.newlyCoveredPopulation)} people; for ${site.joiningOperators.join(', ')}`,
    })),
  };
}
