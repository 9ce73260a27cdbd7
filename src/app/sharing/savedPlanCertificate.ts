import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';

/**
 * What a saved plan (a server plan document, a share link) says of how good it is, as its search computed it: its
 * value in the objective's units, the bound and where the bound came from.
 */
export interface SavedPlanCertificate {
  method: Exclude<PlanSharedSitesResult['method'], 'fixed'>;
  objective: number;
  upperBound: number;
  boundSource: Exclude<PlanSharedSitesResult['boundSource'], 'none'>;
  proven: boolean;
}

/** The certificate of a plan as computed (none for sites placed by hand: they have no bound). */
export function certificateOf(plan: PlanSharedSitesResult): SavedPlanCertificate | null {
  if (plan.method === 'fixed' || plan.boundSource === 'none') return null;
  return {
    method: plan.method,
    objective: plan.objective,
    upperBound: plan.upperBound,
    boundSource: plan.boundSource,
    proven: plan.proven,
  };
}

const METHODS: readonly SavedPlanCertificate['method'][] = ['greedy', 'greedy+swap', 'exact'];
const BOUND_SOURCES: readonly SavedPlanCertificate['boundSource'][] = [
  'highs',
  'lagrangian',
  'greedy_prefix',
  'total_weight',
];

/** A saved certificate, each field checked (a document is the server's or a link's, written by any version). */
export function readSavedCertificate(value: unknown): SavedPlanCertificate | null {
  if (typeof value !== 'object' || value === null) return null;
  const entry = value as Record<string, unknown>;
  const { method, objective, upperBound, boundSource, proven } = entry;
  if (!METHODS.includes(method as SavedPlanCertificate['method'])) return null;
  if (!BOUND_SOURCES.includes(boundSource as SavedPlanCertificate['boundSource'])) return null;
  if (typeof objective !== 'number' || !Number.isFinite(objective) || objective < 0) return null;
  if (typeof upperBound !== 'number' || !Number.isFinite(upperBound) || upperBound < objective) return null;
  return {
    method: method as SavedPlanCertificate['method'],
    objective,
    upperBound,
    boundSource: boundSource as SavedPlanCertificate['boundSource'],
    proven: proven === true,
  };
}

/**
 * A saved plan evaluated again as placed (method 'fixed': no search, no bound) with the bound its search computed,
 * when it is that plan on the same problem: the value computed now equals the saved one (to 1e-9 relative; other masts,
 * population, settings or sites give another value). The bound is the problem's, not the evaluation's, so it holds;
 * otherwise the evaluation is returned as it is ("as placed").
 */
export function withSavedCertificate(
  evaluated: PlanSharedSitesResult,
  saved: SavedPlanCertificate | null,
): PlanSharedSitesResult {
  if (evaluated.method !== 'fixed' || saved === null) return evaluated;
  if (Math.abs(evaluated.objective - saved.objective) > 1e-9 * Math.max(1, Math.abs(saved.objective))) return evaluated;
  const upperBound = Math.max(saved.upperBound, evaluated.objective);
  return {
    ...evaluated,
    method: saved.method,
    boundSource: saved.boundSource,
    upperBound,
    gapPercent: upperBound > 0 ? (100 * (upperBound - evaluated.objective)) / upperBound : 0,
    proven: saved.proven,
  };
}
