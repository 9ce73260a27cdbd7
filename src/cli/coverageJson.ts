import type { CoverageSummary } from '../core/coverage/computeFixedRadiusCoverage';
import type { AreaGap } from '../core/coverage/summarizeGapsByArea';
import type { SignalCoverageSummary } from '../core/coverage/summarizeSignalCoverage';
import { OPERATORS } from '../core/model/operators';

/**
 * The one place where the core's coverage figures (camelCase) become the command line's JSON contract (snake_case),
 * for both modes: fixed radius and propagation.
 */
export function coverageFiguresJson(summary: CoverageSummary | SignalCoverageSummary): Record<string, unknown> {
  const json: Record<string, unknown> = {
    population_total: summary.populationTotal,
    population_covered: summary.populationCovered,
    population_covered_by_operator: inOperatorOrder(summary.populationCoveredByOperator),
    area_covered_km2: summary.areaCoveredKm2,
    population_uncovered: summary.populationUncovered,
  };
  if ('areaCoveredByOperatorKm2' in summary) {
    json.area_covered_by_operator_km2 = inOperatorOrder(summary.areaCoveredByOperatorKm2);
  }
  json.area_total_km2 = summary.areaTotalKm2;
  return json;
}

/** Gaps per area as the command line prints them. */
export function gapsByAreaJson(gaps: readonly AreaGap[]): Record<string, unknown>[] {
  return gaps.map((gap) => ({
    area: gap.area,
    name: gap.name,
    population_total: gap.populationTotal,
    population_covered: gap.populationCovered,
    population_uncovered: gap.populationUncovered,
  }));
}

/** Known operators in OPERATORS order, then others alphabetically: stable output for diffs. */
export function inOperatorOrder<T>(record: Record<string, T>): Record<string, T> {
  const known = OPERATORS.map((operator) => operator.name);
  const rank = (name: string) => (known.includes(name) ? known.indexOf(name) : known.length);
  const names = Object.keys(record).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(names.map((name) => [name, record[name]]));
}
