import { computeFixedRadiusCoverage } from '../coverage/computeFixedRadiusCoverage';
import type { MastAttributes } from '../model/mastAttributes';
import type { PopulationGrid } from '../model/populationGrid';
import type { TowerArrays } from '../model/towerArrays';
import type { LongCallOptions } from '../util/cooperativeLoop';
import type { ColocationOpportunitiesRequest } from './colocationOpportunities';
import { computeSpareCapacity } from './spareCapacity';

/** Opportunities listed per operator in the app: the best ones a person reads, not every qualifying mast. */
export const OPPORTUNITIES_SHOWN_PER_OPERATOR = 25;

/**
 * The one request of the co-location opportunities of a province: every operator's existing coverage by fixed radius
 * over the whole grid (masts without radius_m reach `defaultRadiusM`) and each mast's spare tenant slots.
 */
export async function buildOpportunitiesRequest(
  settings: { defaultRadiusM: number; limitPerOperator?: number },
  data: { towers: TowerArrays; masts: MastAttributes; population: PopulationGrid },
  options: LongCallOptions = {},
): Promise<ColocationOpportunitiesRequest> {
  const { towers, masts, population } = data;
  const coveredBits = await computeFixedRadiusCoverage(
    { grid: population, towers, defaultRadiusM: settings.defaultRadiusM, rowStart: 0, rowEnd: population.height },
    options,
  );
  return {
    grid: population,
    towers,
    spareSlots: computeSpareCapacity(towers, masts).spare,
    coveredBits,
    defaultRadiusM: settings.defaultRadiusM,
    limitPerOperator: settings.limitPerOperator ?? OPPORTUNITIES_SHOWN_PER_OPERATOR,
  };
}
