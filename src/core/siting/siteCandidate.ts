import type { MastType } from '../model/tower';

/**
 * Where a proposed site could go:
 * - `lattice`: a point of a hexagonal or square lattice laid over the coverage gaps (a new mast);
 * - `existing_mast`: an existing mast with spare tenant slots (the chosen operators join it; nothing is built);
 * - `user`: a place the user listed (public buildings, land the province holds; a new mast).
 */
export type CandidateKind = 'lattice' | 'existing_mast' | 'user';

export interface SiteCandidate {
  id: string;
  kind: CandidateKind;
  lon: number;
  lat: number;
  mastType: MastType;
  /** Antenna height above ground, metres; null when unknown. */
  heightM: number | null;
  /** Index in the tower arrays for `existing_mast`, else -1. */
  towerIndex: number;
}

/** A place the user lists as a candidate site. */
export interface UserSite {
  id: string;
  lon: number;
  lat: number;
  mastType?: MastType;
  heightM?: number;
}

/** Whether the candidate means building a new mast (spacing and backbone rules apply to new masts only). */
export function isNewBuild(candidate: SiteCandidate): boolean {
  return candidate.kind !== 'existing_mast';
}
