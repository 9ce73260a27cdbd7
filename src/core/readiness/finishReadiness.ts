import { MAIN_OPERATOR_NAMES, OPERATORS } from '../model/operators';
import {
  type NationalReadiness,
  type OperatorReadiness,
  type ProvinceReadiness,
  READINESS_KPIS,
  type ReadinessContext,
  type ReadinessPartial,
  type ReadinessTargets,
  type TargetStatus,
} from './readinessTypes';

/** Code and name of the national row. */
export const NATIONAL_CODE = 'VN';
export const NATIONAL_NAME = 'Việt Nam';

const share = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

/**
 * The readiness result from the summed partial of every band: each province's figures and its distance to each
 * target, the national totals (the provinces summed) and what lies outside every province.
 */
export function finishReadiness(context: ReadinessContext, partial: ReadinessPartial): NationalReadiness {
  const provinceCount = context.provinces.length;
  if (partial.slotCount !== provinceCount + 1 || partial.operatorCount !== context.operatorNames.length) {
    throw new RangeError('the partial does not belong to this run (slot or operator counts differ)');
  }
  const operators = reportedOperators(context.operatorNames);
  const provinces = context.provinces.map((province, slot) =>
    figuresOf(province.code, province.name, [slot], context, partial, operators),
  );
  const allProvinces = context.provinces.map((_, slot) => slot);
  const national = figuresOf(NATIONAL_CODE, NATIONAL_NAME, allProvinces, context, partial, operators);
  const outside = provinceCount;
  return {
    provinces,
    national,
    outside_provinces: {
      population_total: partial.population[outside],
      population_cells: partial.cells[outside],
      population_covered_4g: partial.covered4g[outside],
      population_covered_5g: partial.covered5g[outside],
      masts: partial.masts[outside],
      planned_shared_sites: context.plannedSharedSites[outside] ?? 0,
      approved_shared_sites: context.approvedSharedSites[outside] ?? 0,
    },
    operators,
    settings: {
      backbone_distance_m: context.settings.backboneDistanceM,
      default_radius_m: context.settings.defaultRadiusM,
      default_5g_radius_factor: context.settings.default5gRadiusFactor,
    },
    targets: context.targets,
    province_overlap_cells: context.provinceOverlapCells,
  };
}

/** The main operators always (a table keeps its columns), then any other operator of the masts; OPERATORS order. */
function reportedOperators(operatorNames: readonly string[]): string[] {
  const names = [...new Set([...MAIN_OPERATOR_NAMES, ...operatorNames])];
  const rank = (name: string) => {
    const index = OPERATORS.findIndex((operator) => operator.name === name);
    return index < 0 ? OPERATORS.length : index;
  };
  return names
    .map((name, order) => ({ name, order }))
    .sort((a, b) => rank(a.name) - rank(b.name) || a.order - b.order)
    .map((entry) => entry.name);
}

function figuresOf(
  code: string,
  name: string,
  slots: readonly number[],
  context: ReadinessContext,
  partial: ReadinessPartial,
  operators: readonly string[],
): ProvinceReadiness {
  const sum = (values: Float64Array | readonly number[]) => slots.reduce((total, slot) => total + values[slot], 0);
  const operatorCount = partial.operatorCount;
  const sumOperator = (values: Float64Array, k: number) =>
    slots.reduce((total, slot) => total + values[slot * operatorCount + k], 0);

  const population = sum(partial.population);
  const covered4g = sum(partial.covered4g);
  const covered5g = sum(partial.covered5g);
  const masts = sum(partial.masts);
  const tenancies = sum(partial.tenancies);
  const sharedMasts = sum(partial.sharedMasts);
  const nearBackbone = context.backboneGiven ? sum(partial.mastsNearBackbone) : null;

  // Keyed by the file's own words: no inherited member (see util/ownProperty).

  const byOperator: Record<string, OperatorReadiness> = Object.create(null);
  for (const operator of operators) {
    const k = context.operatorNames.indexOf(operator);
    const of = (values: Float64Array) => (k < 0 ? 0 : sumOperator(values, k));
    const operator4g = of(partial.covered4gByOperator);
    const operator5g = of(partial.covered5gByOperator);
    byOperator[operator] = {
      population_covered_4g: operator4g,
      population_covered_5g: operator5g,
      coverage_4g_share: share(operator4g, population),
      coverage_5g_share: share(operator5g, population),
      masts_owned: of(partial.mastsOwnedByOperator),
      tenancies: of(partial.tenanciesByOperator),
      tenancies_5g: of(partial.tenancies5gByOperator),
    };
  }

  const figures: ProvinceReadiness = {
    code,
    name,
    population_total: population,
    population_cells: sum(partial.cells),
    population_covered_4g: covered4g,
    population_covered_5g: covered5g,
    coverage_4g_share: share(covered4g, population),
    coverage_5g_share: share(covered5g, population),
    by_operator: byOperator,
    masts,
    tenancies,
    tenancy_ratio: share(tenancies, masts),
    shared_masts: sharedMasts,
    shared_share: share(sharedMasts, masts),
    masts_with_4g: sum(partial.mastsWith4g),
    masts_with_5g: sum(partial.mastsWith5g),
    masts_near_backbone: nearBackbone,
    near_backbone_share: nearBackbone === null ? null : share(nearBackbone, masts),
    planned_shared_sites: sum(context.plannedSharedSites),
    approved_shared_sites: sum(context.approvedSharedSites),
    targets: {},
    targets_met: 0,
    targets_judged: 0,
  };
  Object.assign(figures, evaluateTargets(figures, context.targets));
  return figures;
}

/**
 * Each target against the province's value: distance = target - value (positive: how far short), met when
 * value >= target; a KPI without a value (no population, no masts, no backbone) is not judged.
 */
export function evaluateTargets(
  figures: Pick<ProvinceReadiness, (typeof READINESS_KPIS)[number]>,
  targets: ReadinessTargets,
): Pick<ProvinceReadiness, 'targets' | 'targets_met' | 'targets_judged'> {
  const statuses: ProvinceReadiness['targets'] = {};
  let met = 0;
  let judged = 0;
  for (const kpi of READINESS_KPIS) {
    const target = targets[kpi];
    if (target === undefined) continue;
    const value = figures[kpi];
    const status: TargetStatus =
      value === null
        ? { target, value: null, distance: null, met: null }
        : { target, value, distance: target - value, met: value >= target };
    statuses[kpi] = status;
    if (status.met !== null) {
      judged++;
      if (status.met) met++;
    }
  }
  return { targets: statuses, targets_met: met, targets_judged: judged };
}
