import type { WordedMessage } from '../../core/model/wordedMessage';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';

/** A site farther than this from the fibre backbone is flagged before publishing, metres (fibre to bring, cost). */
export const FAR_FROM_FIBRE_M = 10_000;

/** The name a site has for everyone once published: S and its rank, with an existing mast's id. */
export function publishedSiteName(index: number, site: { kind: string; id: string }): string {
  return site.kind === 'existing_mast' ? `S${index + 1} (${site.id})` : `S${index + 1}`;
}

/** What publishing a plan commits the province to, and what deserves a second look before it does. */
export interface PlanPublishingSummary {
  sites: number;
  populationNewlyCovered: number;
  totalCapexUsd: number;
  /** Sites that cover (almost) nobody new: under one person. */
  coveringNobody: string[];
  /** Sites farther than FAR_FROM_FIBRE_M from the backbone. */
  farFromFibre: Array<{ name: string; distanceM: number }>;
  /** Sites that break a rule (spacing, exclusion zone, backbone limit): a moved site keeps its place, with a reason. */
  rulesBroken: Array<{ name: string; rule: WordedMessage | 'spacing' }>;
}

export function summarizePlanForPublishing(plan: PlanSharedSitesResult): PlanPublishingSummary {
  const nameOf = (index: number) => publishedSiteName(index, plan.sites[index]);
  const rulesBroken: PlanPublishingSummary['rulesBroken'] = [];
  plan.sites.forEach((site, index) => {
    const rejected = plan.candidates.rejected.find((entry) => entry.id === site.id);
    if (rejected) rulesBroken.push({ name: nameOf(index), rule: rejected });
    else if (site.spacing && !site.spacing.ok) rulesBroken.push({ name: nameOf(index), rule: 'spacing' });
  });
  return {
    sites: plan.sites.length,
    populationNewlyCovered: plan.populationNewlyCovered,
    totalCapexUsd: plan.totalCapexUsd,
    coveringNobody: plan.sites.flatMap((site, index) => (site.newlyCoveredPopulation < 1 ? [nameOf(index)] : [])),
    farFromFibre: plan.sites.flatMap((site, index) =>
      site.backboneDistanceM !== null && site.backboneDistanceM > FAR_FROM_FIBRE_M
        ? [{ name: nameOf(index), distanceM: site.backboneDistanceM }]
        : [],
    ),
    rulesBroken,
  };
}
