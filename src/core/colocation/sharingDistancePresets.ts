import { ZONE_URBAN } from './classifyUrbanRural';

/** A province's mandatory sharing distance: masts closer than this must share (or the newcomer must co-locate). */
export interface SharingDistanceRule {
  /** Within urban areas, metres. */
  urbanM: number;
  /** Elsewhere (suburban and rural), metres. */
  nonUrbanM: number;
  source: string;
}

/** Presets from approved provincial plans (see DOMAIN.md); a province setting, editable. */
export const SHARING_DISTANCE_PRESETS = {
  ha_noi: {
    urbanM: 100, // m, inner city
    nonUrbanM: 500, // m, outside the inner city
    source: 'Hà Nội, Decision 5800/QĐ-UBND (2017)',
  },
  hai_duong: {
    urbanM: 100, // m
    nonUrbanM: 400, // m
    source: 'Hải Dương telecom infrastructure plan (2018)',
  },
} as const satisfies Record<string, SharingDistanceRule>;

/** Sharing distance per point from its zone code (classifyUrbanRural): urban or not. */
export function sharingDistanceByZone(zones: Uint8Array, rule: SharingDistanceRule): Float64Array {
  const distances = new Float64Array(zones.length);
  for (let i = 0; i < zones.length; i++) distances[i] = zones[i] === ZONE_URBAN ? rule.urbanM : rule.nonUrbanM;
  return distances;
}
