import { parseDecimal } from './parseDecimal';
import type { RadioGeneration } from './parseRadioGenerations';
import { resolveOperatorName } from './resolveOperatorName';
import type { TowerField } from './towerFields';

/** What a record says about the mobile generations on a mast; a field is absent when the file does not say. */
export interface RadioTechnology {
  /** False when the file says the mast carries no 4G (`has_4g` 0); absent: 4G on every tenant (the default). */
  has4g?: boolean;
  /** Tenants running 5G on the mast; [] when the file says none; absent: none either (no 5G column). */
  tenants5g?: string[];
  /** 5G reach, metres. */
  radius5gM?: number;
}

type Report = (field: TowerField, reason: string) => void;

const TRUE_WORDS = ['1', 'true', 'yes', 'y', 'x', 'co', 'có', 'on'];
const FALSE_WORDS = ['0', 'false', 'no', 'n', 'khong', 'không', 'off', '-'];

/**
 * The `has_4g`, `has_5g`, `radius_5g_m` and `tenants_5g` fields of one record. A mast runs 5G for the operators in
 * `tenants_5g` when it is given, else for every tenant when `has_5g` is true. Without `has_4g` / `has_5g`, the
 * generations a technology column names (parseRadioGenerations) say the same. A 5G operator that is not a tenant of
 * the mast, or a `has_5g` of 0 beside a `tenants_5g` list, is a warning; `tenants_5g` wins.
 */
export function readRadioTechnology(
  values: Partial<Record<TowerField, unknown>>,
  tenants: readonly string[],
  decimalComma: boolean,
  fail: Report,
  warn: Report,
  generations: ReadonlySet<RadioGeneration> | null = null,
): RadioTechnology {
  const technology: RadioTechnology = {};
  // The flags when the file has them, else what its technology column names ("2G/3G/4G": 4G and no 5G).
  const has4g = readFlag(values.has_4g, 'has_4g', fail) ?? (generations ? generations.has('4g') : undefined);
  if (has4g !== undefined) technology.has4g = has4g;
  const has5g = readFlag(values.has_5g, 'has_5g', fail) ?? (generations ? generations.has('5g') : undefined);

  const radius = readRadius(values.radius_5g_m, decimalComma, fail);
  if (radius !== undefined) technology.radius5gM = radius;

  const listed = readOperatorList(values.tenants_5g, fail);
  if (listed !== undefined && listed.length > 0) {
    const tenants5g: string[] = [];
    for (const spelling of listed) {
      const name = resolveOperatorName(spelling).name;
      if (!tenants.includes(name)) {
        warn('tenants_5g', `5G operator '${name}' is not a tenant of the mast: ignored`);
      } else if (!tenants5g.includes(name)) tenants5g.push(name);
    }
    if (has5g === false) warn('has_5g', `has_5g is 0 but tenants_5g lists ${listed.join(', ')}: tenants_5g used`);
    technology.tenants5g = tenants5g;
  } else if (has5g === true) {
    technology.tenants5g = [...tenants];
  } else if (has5g === false || listed !== undefined) {
    technology.tenants5g = [];
  }
  return technology;
}

/** A yes/no cell: 1/0, true/false, yes/no, x, có/không; undefined when absent or blank. */
function readFlag(value: unknown, field: TowerField, fail: Report): boolean | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (value === 1 || value === 0) return value === 1;
    fail(field, `${field} must be 1 or 0, found ${value}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    fail(field, `${field} must be 1 or 0, found ${Array.isArray(value) ? 'a list' : typeof value}`);
    return undefined;
  }
  const word = value.trim().toLowerCase();
  if (word === '') return undefined;
  if (TRUE_WORDS.includes(word)) return true;
  if (FALSE_WORDS.includes(word)) return false;
  fail(field, `${field} must be 1 or 0 (or yes/no), found '${value.trim()}'`);
  return undefined;
}

function readRadius(value: unknown, decimalComma: boolean, fail: Report): number | undefined {
  if (value === undefined || value === null) return undefined;
  const parsed =
    typeof value === 'number'
      ? value
      : typeof value === 'string'
        ? value.trim() === ''
          ? undefined
          : parseDecimal(value, decimalComma)
        : null;
  if (parsed === undefined) return undefined;
  if (parsed === null || !Number.isFinite(parsed)) {
    fail('radius_5g_m', `radius_5g_m is not a number: '${String(value).trim()}'`);
    return undefined;
  }
  if (parsed < 0) {
    fail('radius_5g_m', `radius_5g_m is negative: ${parsed}`);
    return undefined;
  }
  return parsed;
}

/** Operator spellings from a JSON array or a text list separated by ';', '|' or ','; undefined when absent. */
function readOperatorList(value: unknown, fail: Report): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = typeof value === 'string' ? value.split(/[;|,]/) : Array.isArray(value) ? value : null;
  if (items === null || items.some((item) => typeof item !== 'string' && typeof item !== 'number')) {
    fail('tenants_5g', 'tenants_5g must be a list of operator names');
    return undefined;
  }
  return (items as (string | number)[]).map((item) => String(item).trim()).filter((item) => item !== '');
}
