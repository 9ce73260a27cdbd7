import Papa from 'papaparse';
import { neutralizeFormula } from '../export/neutralizeFormula';
import { type NationalReadiness, type ProvinceReadiness, READINESS_KPIS } from './readinessTypes';

/** The province columns of the table, named as in the command line's JSON (computeNationalReadiness defines them). */
const PROVINCE_COLUMNS = [
  'population_total',
  'population_covered_4g',
  'population_covered_5g',
  'coverage_4g_share',
  'coverage_5g_share',
  'masts',
  'tenancies',
  'tenancy_ratio',
  'shared_masts',
  'shared_share',
  'masts_with_4g',
  'masts_with_5g',
  'masts_near_backbone',
  'near_backbone_share',
  'planned_shared_sites',
  'approved_shared_sites',
  'targets_met',
  'targets_judged',
] as const satisfies ReadonlyArray<keyof ProvinceReadiness>;

const SHARED_SITE_COLUMNS = ['planned_shared_sites', 'approved_shared_sites'] as const;

/** Per-operator columns: `<operator>_<field>`. */
const OPERATOR_COLUMNS = ['coverage_4g_share', 'coverage_5g_share', 'masts_owned', 'tenancies'] as const;

type TableCell = number | string | boolean | null;

const cell = (value: number | string | boolean | null | undefined): TableCell =>
  value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value)) ? null : value;

export interface ReadinessTableOptions {
  /** False: the planned and approved shared sites are not known (no server's counts) and their cells stay empty. */
  sharedSitesKnown?: boolean;
  /**
   * Provinces whose figures count their own mast register (the server's) for some operators instead of the national
   * masts, by code: the operators the register spoke for.
   */
  registerOperators?: ReadonlyMap<string, readonly string[]>;
}

/**
 * The readiness table's header and rows, cells typed (numbers as computed, null for an empty cell): one row per
 * province in the result's order, then the national row (code VN). Shares are fractions (0.985, not 98.5%), exactly
 * as computed; an empty cell is a figure with nothing to divide by. For each KPI with a target: `target_<kpi>` and
 * `met_<kpi>` (true, false, or empty when there is no value to judge). Last, `masts_source`: which masts a row counts,
 * `national` (the national set's) or `register:Op1+Op2` (the masts of those operators from the province's register on
 * the server, the others' from the national set); the national row says `national+register` when some province
 * counted its register. Written as CSV (readinessTableCsv) or Excel.
 */
export function readinessTableRows(
  result: NationalReadiness,
  options: ReadinessTableOptions = {},
): { header: string[]; rows: TableCell[][] } {
  const unknown = new Set<string>(options.sharedSitesKnown === false ? SHARED_SITE_COLUMNS : []);
  const kpis = READINESS_KPIS.filter((kpi) => result.targets[kpi] !== undefined);
  const header = [
    'code',
    'name',
    ...PROVINCE_COLUMNS,
    ...result.operators.flatMap((operator) => OPERATOR_COLUMNS.map((field) => `${operator}_${field}`)),
    ...kpis.flatMap((kpi) => [`target_${kpi}`, `met_${kpi}`]),
    'masts_source',
  ];
  const registers = options.registerOperators ?? new Map<string, readonly string[]>();
  const row = (province: ProvinceReadiness, source: string): TableCell[] => [
    province.code,
    province.name,
    ...PROVINCE_COLUMNS.map((column) => (unknown.has(column) ? null : cell(province[column]))),
    ...result.operators.flatMap((operator) =>
      OPERATOR_COLUMNS.map((field) => cell(province.by_operator[operator]?.[field])),
    ),
    ...kpis.flatMap((kpi) => [
      cell(province.targets[kpi]?.target ?? result.targets[kpi]),
      cell(province.targets[kpi]?.met),
    ]),
    source,
  ];
  const provinceRows = result.provinces.map((province) =>
    row(province, registers.has(province.code) ? `register:${registers.get(province.code)?.join('+')}` : 'national'),
  );
  const counted = result.provinces.some((province) => registers.has(province.code));
  return { header, rows: [...provinceRows, row(result.national, counted ? 'national+register' : 'national')] };
}

/**
 * The readiness table (readinessTableRows) as a CSV file's bytes: UTF-8 with a byte-order mark, so Excel shows
 * Vietnamese names right; the code and name guarded against formulas (neutralizeFormula).
 */
export function readinessTableCsv(
  result: NationalReadiness,
  options: ReadinessTableOptions & { delimiter?: ',' | ';' } = {},
): Uint8Array {
  const { header, rows } = readinessTableRows(result, options);
  const text = Papa.unparse(
    [
      header,
      ...rows.map(([code, name, ...rest]) => [
        neutralizeFormula(String(code)),
        neutralizeFormula(String(name)),
        ...rest.map((value) => (value === null ? '' : String(value))),
      ]),
    ],
    { delimiter: options.delimiter ?? ',', newline: '\r\n' },
  );
  return new TextEncoder().encode(`\ufeff${text}\r\n`);
}
