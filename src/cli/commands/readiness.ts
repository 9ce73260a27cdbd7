import { decodeTextFile } from '../../core/io/decodeTextFile';
import { parseJsonText } from '../../core/io/parseJsonText';
import { computePreparedReadiness } from '../../core/readiness/computeNationalReadiness';
import { packReadinessTowers } from '../../core/readiness/packReadinessTowers';
import { prepareReadiness } from '../../core/readiness/prepareReadiness';
import {
  DEFAULT_READINESS_SETTINGS,
  DEFAULT_READINESS_TARGETS,
  READINESS_KPIS,
  type ReadinessTargets,
} from '../../core/readiness/readinessTypes';
import { readNationalReadinessInputs } from '../../core/readiness/readNationalReadinessInputs';
import { type ProvinceRegisterTowers, withProvinceRegisters } from '../../core/readiness/withProvinceRegisters';
import type { CliCommand } from '../cliCommand';
import { CliError } from '../cliError';
import { explainInputFile, loadTowerFile } from '../loadInputs';
import { readInputFile } from '../readInputFile';
import { readNumberFlag } from '../readNumberFlag';
import { readStringFlag, requireStringFlag } from '../readStringFlag';

const DEFINITIONS = [
  'Prints {"provinces": [...], "national": {...}, "outside_provinces": {...}, ...}: one object per feature code of',
  'the provinces file, in file order, then the totals over the provinces. Every figure is exact (no sampling):',
  '  population_total       sum of the population cells whose CENTRE lies inside the province polygon',
  '  population_covered_4g  population of those cells whose centre is within the 4G reach of at least one mast',
  "                         with 4G (any province's mast): haversine distance <= radius_m, R = 6,371,008.8 m;",
  '                         a mast without radius_m reaches --radius-m',
  '  population_covered_5g  the same with the masts running 5G (has_5g = 1 or a tenants_5g list) and their',
  '                         radius_5g_m (default --radius-5g-factor x the 4G reach); a file without these',
  '                         columns has 4G on every mast and no 5G',
  '  coverage_4g_share, coverage_5g_share  covered / population_total (null without population)',
  '  by_operator.NAME       the same for the masts that operator is on (owner or tenant), plus masts_owned,',
  '                         tenancies (masts it is on) and tenancies_5g (masts where it runs 5G)',
  '  masts                  masts inside the province polygon (point in polygon)',
  "  tenancies, tenancy_ratio  sum of each mast's distinct tenants (owner included); / masts",
  '  shared_masts, shared_share  masts with 2 or more tenants; / masts',
  '  masts_near_backbone, near_backbone_share  masts within --backbone-distance-m of a backbone line',
  '                         (point-to-segment distance in the local equirectangular projection at the mast, within',
  '                         0.1 m of the spherical distance at 1 km); null without --backbone',
  '  targets.KPI            {target, value, distance = target - value, met = value >= target}',
  'national sums the provinces; outside_provinces holds cells and masts in no province (coast, sea).',
  'Rejected tower rows are left out (counted in towers.rejected; see cosite validate).',
  "--register CODE=FILE counts a province's own mast register (a station list) for the operators that own masts in",
  'FILE: their masts inside province CODE (point in polygon) are left out of --towers and the masts they own in FILE',
  "added (each counted in the province it stands in); the other operators' masts stay. The JSON then lists",
  'registers: [{province, file, operators, masts, rejected}].',
].join('\n');

export const readinessCommand: CliCommand = {
  name: 'readiness',
  summary: 'readiness figures per province (coverage 4G/5G per operator, sharing, backbone, targets) as JSON',
  usage: [
    'cosite readiness --towers FILE --population FILE.tif --provinces FILE.geojson [--backbone FILE.geojson]',
    '                 [--backbone-distance-m 1000] [--radius-m 2000] [--radius-5g-factor 0.6] [--targets FILE.json]',
    '                 [--register CODE=FILE[,CODE=FILE...]] [--json]',
    '',
    DEFINITIONS,
  ].join('\n'),
  flags: {
    towers: {
      type: 'string',
      valueName: 'FILE',
      description: 'tower table (.csv or .geojson); optional columns has_4g, has_5g, radius_5g_m, tenants_5g',
    },
    population: { type: 'string', valueName: 'FILE.tif', description: 'population GeoTIFF in lon/lat (WorldPop)' },
    provinces: {
      type: 'string',
      valueName: 'FILE.geojson',
      description: 'province polygons; code from property code (or ma_tinh, shapeISO), name from name (or ten_tinh)',
    },
    backbone: { type: 'string', valueName: 'FILE.geojson', description: 'fibre backbone lines (LineString)' },
    'backbone-distance-m': {
      type: 'string',
      valueName: 'D',
      description: `a mast is near the backbone within D metres (default ${DEFAULT_READINESS_SETTINGS.backboneDistanceM})`,
    },
    'radius-m': {
      type: 'string',
      valueName: 'R',
      description: `4G reach of masts without radius_m, metres (default ${DEFAULT_READINESS_SETTINGS.defaultRadiusM})`,
    },
    'radius-5g-factor': {
      type: 'string',
      valueName: 'F',
      description: `5G reach of 5G masts without radius_5g_m, as F x the 4G reach (default ${DEFAULT_READINESS_SETTINGS.default5gRadiusFactor})`,
    },
    targets: {
      type: 'string',
      valueName: 'FILE.json',
      description:
        `targets as {"KPI": least value}, KPIs ${READINESS_KPIS.join(', ')} ` +
        `(default ${JSON.stringify(DEFAULT_READINESS_TARGETS)})`,
    },
    register: {
      type: 'string',
      valueName: 'CODE=FILE,...',
      description: "count province CODE's own station list for the operators in FILE (instead of --towers' masts)",
    },
    json: { type: 'boolean', description: 'compact one-line JSON and no summary on stderr' },
    help: { type: 'boolean', description: 'show this help' },
  },

  async run(flags, output) {
    const towersPath = requireStringFlag(flags, 'towers', 'FILE');
    const populationPath = requireStringFlag(flags, 'population', 'FILE.tif');
    const provincesPath = requireStringFlag(flags, 'provinces', 'FILE.geojson');
    const backbonePath = readStringFlag(flags, 'backbone');
    const number = (name: string) => readNumberFlag(flags, name, { min: 0, what: 'a number' });
    const settings = {
      backboneDistanceM: number('backbone-distance-m') ?? DEFAULT_READINESS_SETTINGS.backboneDistanceM,
      defaultRadiusM: number('radius-m') ?? DEFAULT_READINESS_SETTINGS.defaultRadiusM,
      default5gRadiusFactor: number('radius-5g-factor') ?? DEFAULT_READINESS_SETTINGS.default5gRadiusFactor,
    };
    const targetsPath = readStringFlag(flags, 'targets');
    const targets = targetsPath ? await loadTargets(targetsPath) : DEFAULT_READINESS_TARGETS;
    const compact = flags.json === true;

    const named = async (path: string) => ({ name: path, bytes: await readInputFile(path) });
    const { input, towerCounts } = await explainInputFile(async () =>
      readNationalReadinessInputs(
        {
          provinces: await named(provincesPath),
          backbone: backbonePath ? await named(backbonePath) : undefined,
          population: await named(populationPath),
          towers: await named(towersPath),
        },
        { settings, targets },
      ),
    );
    const registers = await loadRegisters(readStringFlag(flags, 'register'));
    const started = performance.now();
    const prepared = await prepareReadiness(input);
    let counted: typeof prepared;
    try {
      counted = withProvinceRegisters(
        prepared,
        registers.map(({ register }) => register),
      );
    } catch (error) {
      if (error instanceof RangeError) throw new CliError(`--register: ${error.message} (${provincesPath})`);
      throw error;
    }
    const result = await computePreparedReadiness(counted);
    const report = {
      ...result,
      towers: towerCounts,
      ...(registers.length > 0 ? { registers: registers.map(({ summary }) => summary) } : {}),
    };
    output.stdout(`${JSON.stringify(report, null, compact ? undefined : 2)}\n`);
    if (!compact) {
      const n = result.national;
      const percent = (value: number | null) => (value === null ? 'n/a' : `${(100 * value).toFixed(1)}%`);
      output.stderr(
        `cosite readiness: ${result.provinces.length} province(s), ${n.masts} masts in them ` +
          `(${towerCounts.rejected} row(s) rejected); 4G ${percent(n.coverage_4g_share)}, ` +
          `5G ${percent(n.coverage_5g_share)} of ${Math.round(n.population_total)} people; ` +
          `computed in ${((performance.now() - started) / 1000).toFixed(1)} s` +
          registers
            .map(
              ({ summary }) =>
                `; ${summary.province} counts ${summary.file} for ${summary.operators.join(', ')} ` +
                `(${summary.rejected} row(s) rejected)`,
            )
            .join('') +
          '\n',
      );
    }
  },
};

/** `CODE=FILE,CODE=FILE`: each file read as a tower table, speaking for the operators owning masts in it. */
async function loadRegisters(value: string | undefined): Promise<
  Array<{
    register: ProvinceRegisterTowers;
    summary: { province: string; file: string; operators: string[]; masts: number; rejected: number };
  }>
> {
  if (value === undefined) return [];
  const registers = [];
  for (const part of value.split(',')) {
    const match = /^\s*([^=\s]+)\s*=\s*(.+?)\s*$/.exec(part);
    if (!match) throw new CliError(`--register: expected CODE=FILE, got '${part}'`);
    const [, province, file] = match;
    const parsed = await loadTowerFile(file);
    const operators = [...new Set(parsed.towers.map((tower) => tower.operator))].sort();
    registers.push({
      register: { provinceCode: province, towers: packReadinessTowers(parsed.towers), operators },
      summary: { province, file, operators, masts: parsed.towers.length, rejected: parsed.rejected.length },
    });
  }
  return registers;
}

async function loadTargets(path: string): Promise<ReadinessTargets> {
  const parsed = parseJsonText(decodeTextFile(await readInputFile(path)));
  if ('error' in parsed) throw new CliError(`cannot read ${path}: invalid JSON: ${parsed.error}`);
  const value = parsed.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`cannot read ${path}: targets must be an object {"KPI": number}`);
  }
  const targets: ReadinessTargets = {};
  for (const [key, target] of Object.entries(value)) {
    if (!(READINESS_KPIS as readonly string[]).includes(key)) {
      throw new CliError(`cannot read ${path}: unknown KPI '${key}' (KPIs: ${READINESS_KPIS.join(', ')})`);
    }
    if (typeof target !== 'number' || !Number.isFinite(target)) {
      throw new CliError(`cannot read ${path}: target of ${key} must be a number`);
    }
    targets[key as keyof ReadinessTargets] = target;
  }
  return targets;
}
