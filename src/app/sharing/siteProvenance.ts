import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';
import type { CandidateKind } from '../../core/siting/siteCandidate';

/**
 * Where a site of the plan on screen comes from. The core evaluates a plan the planner edited as fixed sites (method
 * `fixed`, every site that is not on an existing mast of kind `user`): what each site was before is known only here.
 */
export interface SiteProvenance {
  /** Proposed by a search, moved on the map by the planner afterwards, or placed as in a saved plan that was opened. */
  origin: 'proposed' | 'moved' | 'opened';
  /** The search that proposed the site (kept when it is moved); null for a site of an opened plan. */
  method: Exclude<PlanSharedSitesResult['method'], 'fixed'> | null;
  /** What the search proposed: a lattice point, an existing mast, a place of the user's list; null when opened. */
  proposedKind: CandidateKind | null;
  /** Who moved it: the signed-in user's name; null when not moved or nobody is signed in. */
  movedBy: string | null;
}

/** Site id → provenance. */
export type PlanProvenance = Record<string, SiteProvenance>;

/** Every site of a plan a search just made: proposed by its method, as its kind. */
export function provenanceOfSearch(plan: PlanSharedSitesResult): PlanProvenance {
  const method = plan.method === 'fixed' ? null : plan.method;
  return Object.fromEntries(
    plan.sites.map((site) => [site.id, { origin: 'proposed', method, proposedKind: site.kind, movedBy: null }]),
  );
}

/** Sites placed as a saved plan had them (no search known). */
export function provenanceOfOpened(siteIds: readonly string[]): PlanProvenance {
  return Object.fromEntries(
    siteIds.map((id) => [id, { origin: 'opened', method: null, proposedKind: null, movedBy: null }]),
  );
}

/** The same provenance with site `id` moved by `who` (the others keep theirs). */
export function provenanceAfterMove(before: PlanProvenance, id: string, who: string | null): PlanProvenance {
  const known = before[id] ?? { origin: 'opened', method: null, proposedKind: null, movedBy: null };
  return { ...before, [id]: { ...known, origin: 'moved', movedBy: who } };
}
