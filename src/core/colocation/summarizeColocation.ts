import type { AnalyzeColocationResult } from './analyzeColocation';
import type { ConsolidationCandidate } from './consolidation';
import type { ColocationPairs } from './findColocationPairs';
import type { TenancyStats } from './tenancyStats';

/**
 * What a screen or a report shows of a co-location analysis: the pairs (typed arrays, for the map), the figures and the
 * best consolidation candidates. At national scale the whole result is megabytes of objects (100,000 masts: 8,000
 * clusters and 14,000 candidates, ~9 MB as JSON) that a page would spend seconds cloning; this is what it reads.
 */
export interface ColocationSummary {
  pairs: ColocationPairs;
  pairsByOperatorPair: Record<string, number>;
  clusterCount: number;
  province: TenancyStats;
  /** Spare tenant slots over all masts. */
  spareSlotsTotal: number;
  /** The first `consolidationLimit` candidates, best net present savings first (the analysis's order). */
  consolidation: ConsolidationCandidate[];
  consolidationCount: number;
}

export function summarizeColocation(result: AnalyzeColocationResult, consolidationLimit = 50): ColocationSummary {
  let spareSlotsTotal = 0;
  for (const slots of result.capacity.spare) spareSlotsTotal += slots;
  return {
    pairs: result.pairs,
    pairsByOperatorPair: result.pairsByOperatorPair,
    clusterCount: result.clusters.length,
    province: result.province,
    spareSlotsTotal,
    consolidation: result.consolidation.slice(0, consolidationLimit),
    consolidationCount: result.consolidation.length,
  };
}
