/**
 * Vietnam's mobile network operators with their ITU E.212 codes (MCC 452).
 * `name` is the canonical key used everywhere (tower records, JSON outputs, UI).
 * Colours follow the Okabe-Ito palette, distinct under the common colour-vision deficiencies.
 */
export interface Operator {
  /** Canonical short name, the key in records and outputs: "Viettel". */
  name: string;
  /** Longer display name: "VinaPhone (VNPT)". */
  fullName: string;
  /** MCC-MNC, e.g. "452-04". */
  mccMnc: string;
  /** RGB colour used on the map and in charts. */
  colorRgb: [number, number, number];
  /**
   * Lower-case spellings and codes recognised in imported files. Codes only in their full forms (452-04, 45204): a
   * bare "4" or "04" is far more often a count or a row number than an operator.
   */
  aliases: string[];
}

export const OPERATORS: readonly Operator[] = [
  {
    name: 'Viettel',
    fullName: 'Viettel',
    mccMnc: '452-04',
    colorRgb: [213, 94, 0],
    aliases: ['viettel', 'vtl', 'viettel telecom', '45204', '452-04', '452 04'],
  },
  {
    name: 'VinaPhone',
    fullName: 'VinaPhone (VNPT)',
    mccMnc: '452-02',
    colorRgb: [0, 114, 178],
    aliases: ['vinaphone', 'vnpt', 'vina', 'vnp', 'vnpt-vinaphone', 'vnpt vinaphone', '45202', '452-02', '452 02'],
  },
  {
    name: 'MobiFone',
    fullName: 'MobiFone',
    mccMnc: '452-01',
    colorRgb: [0, 158, 115],
    aliases: ['mobifone', 'mobi', 'mbf', 'vms', '45201', '452-01', '452 01'],
  },
  {
    name: 'Vietnamobile',
    fullName: 'Vietnamobile',
    mccMnc: '452-05',
    colorRgb: [204, 121, 167],
    aliases: ['vietnamobile', 'vnm', 'vnmb', 'vnmobile', 'vietnam mobile', '45205', '452-05', '452 05'],
  },
  {
    name: 'Gmobile',
    fullName: 'Gmobile',
    mccMnc: '452-07',
    colorRgb: [86, 180, 233],
    aliases: ['gmobile', 'g-mobile', 'beeline', '45207', '452-07', '452 07'],
  },
];

/** The four operators the demo data and most plans deal with. */
export const MAIN_OPERATOR_NAMES: readonly string[] = ['Viettel', 'VinaPhone', 'MobiFone', 'Vietnamobile'];

/** Colour of a mast hosting more than one operator. */
export const SHARED_MAST_COLOR_RGB: [number, number, number] = [240, 228, 66];
/** Colour of an operator the tool does not know. */
export const UNKNOWN_OPERATOR_COLOR_RGB: [number, number, number] = [128, 128, 128];

const operatorByAlias = new Map<string, Operator>();
for (const operator of OPERATORS) for (const alias of operator.aliases) operatorByAlias.set(alias, operator);

/** The known operator a file's spelling or MCC-MNC code refers to, or null. */
export function findOperator(value: string): Operator | null {
  const key = value.trim().toLowerCase().replace(/\s+/g, ' ');
  return operatorByAlias.get(key) ?? null;
}

export function operatorColorRgb(name: string): [number, number, number] {
  return OPERATORS.find((operator) => operator.name === name)?.colorRgb ?? UNKNOWN_OPERATOR_COLOR_RGB;
}
