import { ZONE_URBAN } from './classifyUrbanRural';

/** A province's mandatory sharing distance: masts closer than this must share (or the newcomer must co-locate). */
export interface SharingDistanceRule {
  /** Within urban areas, metres. */
  urbanM: number;
  /** Elsewhere (suburban and rural), metres. */
  nonUrbanM: number;
  source: string;
}

/**
 * Presets from approved provincial plans (see DOMAIN.md); a province setting, editable. `da_nang` is an assumption, not a
 * published rule (see DA_NANG_ASSUMED_SHARING).
 */
export const SHARING_DISTANCE_PRESETS = {
  da_nang: {
    urbanM: 150, // m, urban: Quảng Nam's spacing for the smallest bulky mast (A2a up to 15 m)
    nonUrbanM: 300, // m, elsewhere: Quảng Nam's spacing for A2b, the usual ground tower
    source:
      'TP Đà Nẵng (merged with Quảng Nam, 2025): assumption, no published sharing distance found; ' +
      "derived from Quảng Nam's minimum mast spacing (A2a ≤ 15 m: 150 m urban; A2b: 300 m)",
  },
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

/**
 * Why the Đà Nẵng preset is what it is. No sharing distance of TP Đà Nẵng (or of Quảng Nam, merged into it on 1 July
 * 2025) was found; Quảng Nam's plan does set a minimum spacing between masts (DOMAIN.md). Within that spacing no second
 * bulky mast may be built, so an operator there must share: the spacing of the smallest bulky mast in urban areas
 * (A2a up to 15 m: 150 m) and of the usual ground tower elsewhere (A2b: 300 m) are taken as the sharing distances.
 * Both lie between Hà Nội's (100 / 500 m) and Hải Dương's (100 / 400 m) figures.
 */
export const DA_NANG_ASSUMED_SHARING = SHARING_DISTANCE_PRESETS.da_nang;

/** The preset of the demo province (TP Đà Nẵng), the panel's default. */
export const DEMO_PROVINCE_SHARING_PRESET = 'da_nang';

/** Sharing distance per point from its zone code (classifyUrbanRural): urban or not. */
export function sharingDistanceByZone(zones: Uint8Array, rule: SharingDistanceRule): Float64Array {
  const distances = new Float64Array(zones.length);
  for (let i = 0; i < zones.length; i++) distances[i] = zones[i] === ZONE_URBAN ? rule.urbanM : rule.nonUrbanM;
  return distances;
}
