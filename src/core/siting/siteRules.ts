import { ZONE_URBAN } from '../colocation/classifyUrbanRural';
import { haversineDistanceM } from '../geo/haversineDistanceM';
import { indexLonLatPolygons } from '../geo/indexLonLatPolygons';
import { indexPoints, type PointIndex } from '../geo/indexPoints';
import { indexPolylines } from '../geo/indexPolylines';
import type { LonLatPolygon } from '../geo/lonLatPolygon';
import type { LonLatPolyline } from '../geo/lonLatPolyline';
import type { MastType } from '../model/tower';
import type { WordedMessage } from '../model/wordedMessage';
import { isNewBuild, type SiteCandidate } from './siteCandidate';

/**
 * Minimum distance from a new mast of this class (and height range) to any other mast. Rows are read in order, the
 * first match wins; height bounds are inclusive; unknown height counts as 0 m.
 */
export interface SpacingRule {
  mastType: MastType;
  minHeightM?: number;
  maxHeightM?: number;
  /** In urban areas, metres. */
  urbanM: number;
  /** Elsewhere, metres. */
  nonUrbanM: number;
}

/**
 * Quảng Nam's plan (DOMAIN.md): A2a up to 15 m: 150 m urban / 200 m elsewhere; taller A2a: 200 / 350 m; A2b: 300 m.
 * A1 (rooftop, no permit) has no spacing rule. The plan says nothing of A2c: it is given A2b's 300 m here (an
 * assumption: A2c masts are the larger kind).
 */
export const QUANG_NAM_SPACING: readonly SpacingRule[] = [
  { mastType: 'A1', urbanM: 0, nonUrbanM: 0 },
  { mastType: 'A2a', maxHeightM: 15, urbanM: 150, nonUrbanM: 200 },
  { mastType: 'A2a', urbanM: 200, nonUrbanM: 350 },
  { mastType: 'A2b', urbanM: 300, nonUrbanM: 300 },
  { mastType: 'A2c', urbanM: 300, nonUrbanM: 300 },
];

/** Minimum spacing a new mast needs, metres; 0 when no rule row matches. */
export function requiredSpacingM(
  mastType: MastType,
  heightM: number | null,
  zoneCode: number,
  table: readonly SpacingRule[] = QUANG_NAM_SPACING,
): number {
  const height = heightM === null || Number.isNaN(heightM) ? 0 : heightM;
  for (const rule of table) {
    if (rule.mastType !== mastType) continue;
    if (rule.minHeightM !== undefined && height < rule.minHeightM) continue;
    if (rule.maxHeightM !== undefined && height > rule.maxHeightM) continue;
    return zoneCode === ZONE_URBAN ? rule.urbanM : rule.nonUrbanM;
  }
  return 0;
}

export interface SiteRules {
  /** No proposed site (new or existing mast) inside these polygons: heritage sites, airports, drawn areas. */
  exclusionZones?: LonLatPolygon[];
  /** Only A1 (rooftop) masts allowed inside: squares, heritage surroundings, 200 m around provincial headquarters. */
  a1OnlyZones?: LonLatPolygon[];
  /** Spacing between a new mast and every other mast (existing, and other new ones proposed); none when absent. */
  spacing?: readonly SpacingRule[];
  /** The fibre backbone: distances for costs, and optionally a hard limit for new masts. */
  backbone?: { lines: LonLatPolyline[]; maxDistanceM?: number };
}

export interface SiteRulesRequest {
  candidates: readonly SiteCandidate[];
  /** Zone code per candidate (classifyUrbanRural). */
  zones: Uint8Array;
  /** Existing masts' positions. */
  masts: { count: number; lon: ArrayLike<number>; lat: ArrayLike<number>; ids?: readonly string[] };
  rules: SiteRules;
}

export interface SiteRulesCheck {
  /** 1 when the candidate passes every rule. */
  accepted: Uint8Array;
  /** Why each rejected candidate was refused (null when accepted). */
  reasons: (string | null)[];
  /** The same reasons with a code and values the UI words in its language (null where accepted). */
  wordedReasons: (WordedMessage | null)[];
  /** Spacing a new mast needs here, metres (0 for existing masts or without a spacing table). */
  requiredSpacingM: Float64Array;
  /** Distance to the fibre backbone, metres; NaN without a backbone. */
  backboneDistanceM: Float64Array;
  /** Pairs of accepted new-build candidates closer than the larger of their two spacings: not both may be chosen. */
  conflicts: [number, number][];
}

/**
 * Check every candidate against the rules. Exclusion zones refuse any site; A1-only zones refuse a new mast of another
 * class; spacing refuses a new mast closer to an existing mast than its class needs (the new mast's own rule, urban or
 * not by its zone); the backbone limit refuses a new mast farther from the backbone. Existing masts used as
 * candidates are already built: spacing, A1-only and backbone rules do not apply to them.
 */
export function checkSiteRules(request: SiteRulesRequest): SiteRulesCheck {
  const { candidates, zones, masts, rules } = request;
  const count = candidates.length;
  const accepted = new Uint8Array(count);
  const reasons: (string | null)[] = new Array(count).fill(null);
  const wordedReasons: (WordedMessage | null)[] = new Array(count).fill(null);
  const required = new Float64Array(count);
  const backboneDistanceM = new Float64Array(count).fill(Number.NaN);
  const exclusion = indexLonLatPolygons(rules.exclusionZones ?? []);
  const a1Only = indexLonLatPolygons(rules.a1OnlyZones ?? []);
  // Built only when a spacing rule asks (its sort is most of this function's time with national masts).
  let mastIndex: PointIndex | null = null;
  const backbone = rules.backbone ? indexPolylines(rules.backbone.lines) : null;

  for (let c = 0; c < count; c++) {
    const candidate = candidates[c];
    const newBuild = isNewBuild(candidate);
    if (backbone) backboneDistanceM[c] = backbone.distanceM(candidate.lon, candidate.lat);
    if (rules.spacing && newBuild) {
      required[c] = requiredSpacingM(candidate.mastType, candidate.heightM, zones[c], rules.spacing);
    }
    let reason: WordedMessage | null = null;
    if (exclusion.containsPoint(candidate.lon, candidate.lat)) {
      reason = { reason: 'inside an exclusion zone', code: 'insideExclusionZone' };
    } else if (newBuild && candidate.mastType !== 'A1' && a1Only.containsPoint(candidate.lon, candidate.lat)) {
      reason = {
        reason: `inside an A1-only zone: a new ${candidate.mastType} mast is not allowed`,
        code: 'insideA1OnlyZone',
        params: { mastType: String(candidate.mastType) },
      };
    } else if (newBuild && required[c] > 0) {
      mastIndex ??= indexPoints(masts.count, masts.lon, masts.lat);
      const tooClose = mastIndex.withinM(candidate.lon, candidate.lat, required[c]);
      // Exactly at the minimum is allowed: only masts strictly closer refuse the site.
      const offending = tooClose
        .map((i) => ({ i, distanceM: haversineDistanceM(candidate.lon, candidate.lat, masts.lon[i], masts.lat[i]) }))
        .filter((entry) => entry.distanceM < required[c])
        .sort((x, y) => x.distanceM - y.distanceM);
      if (offending.length > 0) {
        const distanceM = Math.round(offending[0].distanceM);
        const mast = masts.ids?.[offending[0].i] ?? `#${offending[0].i}`;
        reason = {
          reason: `spacing: ${distanceM} m from existing mast ${mast}, a new ${candidate.mastType} needs ${required[c]} m`,
          code: 'spacing',
          params: { distanceM, mast, mastType: String(candidate.mastType), requiredM: required[c] },
        };
      }
    }
    if (
      reason === null &&
      newBuild &&
      backbone &&
      rules.backbone?.maxDistanceM !== undefined &&
      !(backboneDistanceM[c] <= rules.backbone.maxDistanceM)
    ) {
      const distanceM = Math.round(backboneDistanceM[c]);
      reason = {
        reason: `${distanceM} m from the fibre backbone, more than ${rules.backbone.maxDistanceM} m`,
        code: 'farFromBackbone',
        params: { distanceM, maxM: rules.backbone.maxDistanceM },
      };
    }
    reasons[c] = reason?.reason ?? null;
    wordedReasons[c] = reason;
    accepted[c] = reason === null ? 1 : 0;
  }

  // Conflicts between new masts that could both be proposed.
  const conflicts: [number, number][] = [];
  if (rules.spacing) {
    const newIndices: number[] = [];
    for (let c = 0; c < count; c++) if (accepted[c] && isNewBuild(candidates[c])) newIndices.push(c);
    let maxRequired = 0;
    for (const c of newIndices) maxRequired = Math.max(maxRequired, required[c]);
    const newIndex = indexPoints(
      newIndices.length,
      newIndices.map((c) => candidates[c].lon),
      newIndices.map((c) => candidates[c].lat),
    );
    newIndices.forEach((c, k) => {
      for (const m of newIndex.withinM(candidates[c].lon, candidates[c].lat, maxRequired)) {
        if (m <= k) continue;
        const other = newIndices[m];
        const distance = haversineDistanceM(
          candidates[c].lon,
          candidates[c].lat,
          candidates[other].lon,
          candidates[other].lat,
        );
        if (distance < Math.max(required[c], required[other])) conflicts.push([c, other]);
      }
    });
  }
  return { accepted, reasons, wordedReasons, requiredSpacingM: required, backboneDistanceM, conflicts };
}
