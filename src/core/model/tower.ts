import type { OperatorId } from './operators';

/** Mast classes of Joint Circular 15/2016/TTLT-BTTTT-BXD: A1 non-bulky (rooftop), A2a/A2b/A2c bulky. */
export type MastType = 'A1' | 'A2a' | 'A2b' | 'A2c';
export const MAST_TYPES: readonly MastType[] = ['A1', 'A2a', 'A2b', 'A2c'];

/**
 * One physical mast. `operator` is the owner; `tenants` lists every operator on it, owner included
 * (a mast with two or more tenants is shared).
 */
export interface Tower {
  id: string;
  operator: OperatorId;
  lon: number;
  lat: number;
  heightM: number | null;
  radiusM: number | null;
  mastType: MastType | null;
  tenants: OperatorId[];
}

/** A row or feature that could not be used, with its 1-based row number (CSV: the header is row 1). */
export interface InputProblem {
  row: number;
  field?: string;
  reason: string;
}
