/**
 * Vietnam's mobile network operators with their ITU E.212 codes (MCC 452).
 * Colours are distinct under the common colour-vision deficiencies (Okabe-Ito based).
 */
export type OperatorId = 'viettel' | 'vinaphone' | 'mobifone' | 'vietnamobile';

export interface Operator {
  id: OperatorId;
  name: string;
  /** MCC-MNC, e.g. "452-04". */
  mccMnc: string;
  /** RGB colour used on the map and in charts. */
  colorRgb: [number, number, number];
}

export const OPERATORS: readonly Operator[] = [
  { id: 'viettel', name: 'Viettel', mccMnc: '452-04', colorRgb: [213, 94, 0] },
  { id: 'vinaphone', name: 'VinaPhone (VNPT)', mccMnc: '452-02', colorRgb: [0, 114, 178] },
  { id: 'mobifone', name: 'MobiFone', mccMnc: '452-01', colorRgb: [0, 158, 115] },
  { id: 'vietnamobile', name: 'Vietnamobile', mccMnc: '452-05', colorRgb: [204, 121, 167] },
];

export const OPERATOR_IDS: readonly OperatorId[] = OPERATORS.map((operator) => operator.id);

/** Colour of a mast hosting more than one operator. */
export const SHARED_MAST_COLOR_RGB: [number, number, number] = [240, 228, 66];

export function operatorById(id: OperatorId): Operator {
  const found = OPERATORS.find((operator) => operator.id === id);
  if (!found) throw new Error(`unknown operator ${id}`);
  return found;
}
