import type { LonLatPolygon } from '../geo/lonLatPolygon';
import { pointInLonLatPolygon } from '../geo/pointInLonLatPolygon';
import { VIETNAM_BOUNDS } from '../geo/vietnamBounds';
import { type CrsDefinition, listCrs, resolveCrs } from './crsDefinitions';
import { createToWgs84 } from './transformToWgs84';

export { VIETNAM_BOUNDS } from '../geo/vietnamBounds';

/** A pair of numbers as read from a file's two coordinate columns (or a geometry), before any transformation. */
export interface RawCoordinate {
  /** Where the pair is: the file's line (as a spreadsheet numbers it) where the reader knows it, else the record number. */
  row: number;
  /** The value of the longitude / easting column. */
  x: number;
  /** The value of the latitude / northing column. */
  y: number;
}

export interface CoordinateExample {
  row: number;
  x: number;
  y: number;
}

export interface CoordinateProblemGroup {
  count: number;
  /** Up to `maxExamples` rows, in file order. */
  examples: CoordinateExample[];
}

export interface CoordinateProblemReport {
  /** Pairs looked at. */
  checked: number;
  /** Numbers far outside degrees while the CRS is geographic: metres of a projected CRS. */
  projected: CoordinateProblemGroup;
  /** Outside Vietnam as given, inside once the two numbers are exchanged. */
  swapped: CoordinateProblemGroup;
  /** Outside Vietnam (and its islands) after transformation to WGS 84; swapped and projected pairs not counted here. */
  outsideVietnam: CoordinateProblemGroup;
  /** Inside Vietnam but outside the province polygons given (only when polygons are given). */
  outsideProvince: CoordinateProblemGroup;
  /**
   * In a projected CRS, pairs whose two values are degrees inside Việt Nam: files that mix GPS and VN-2000 rows. The
   * readers take them as WGS 84 (not a problem in itself; the user confirms the split).
   */
  degreesInProjected: CoordinateProblemGroup;
  /**
   * For projected values: whether the first column holds northings and the second eastings, the survey order of
   * Vietnamese tables (X = northing, Y = easting).
   */
  northingFirst: boolean;
  /** For projected values read as degrees: CRS codes under which the values land in Vietnam (or the province). */
  suggestedCrs: string[];
  /** One line per problem found, for people: counts and example rows. Empty when all is well. */
  messages: string[];
}

export interface DetectCoordinateProblemsOptions {
  /** The CRS the values are said to be in; EPSG:4326 when absent. */
  crs?: CrsDefinition | string;
  /** Province (or any area) polygons in lon/lat; points inside Vietnam but outside all of them are reported. */
  areaPolygons?: readonly LonLatPolygon[];
  /** Name of that area in messages, e.g. "Đà Nẵng". */
  areaName?: string;
  /** Examples kept per problem; 5 by default. */
  maxExamples?: number;
}

/**
 * What is wrong with a file's coordinates as a whole, before importing: projected metres given as degrees (with CRS
 * suggestions and the X/Y order), swapped latitude and longitude, points outside Vietnam or outside the chosen province.
 * Pure; looks at every pair given (pass a sample for a preview).
 */
export function detectCoordinateProblems(
  coordinates: readonly RawCoordinate[],
  options: DetectCoordinateProblemsOptions = {},
): CoordinateProblemReport {
  return detectInColumns(
    coordinates.length,
    (i) => coordinates[i].row,
    (i) => coordinates[i].x,
    (i) => coordinates[i].y,
    options,
  );
}

/** The same over flat columns (what readers of large tables collect): `count` pairs, row numbers beside them. */
export function detectCoordinateProblemsInColumns(
  count: number,
  rows: ArrayLike<number>,
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  options: DetectCoordinateProblemsOptions = {},
): CoordinateProblemReport {
  return detectInColumns(
    count,
    (i) => rows[i],
    (i) => xs[i],
    (i) => ys[i],
    options,
  );
}

function detectInColumns(
  count: number,
  rowAt: (i: number) => number,
  xAt: (i: number) => number,
  yAt: (i: number) => number,
  options: DetectCoordinateProblemsOptions,
): CoordinateProblemReport {
  const crs = typeof options.crs === 'string' ? resolveCrs(options.crs) : (options.crs ?? resolveCrs('EPSG:4326'));
  const maxExamples = options.maxExamples ?? 5;
  const toWgs84 = createToWgs84(crs);
  const group = (): CoordinateProblemGroup => ({ count: 0, examples: [] });
  const report: CoordinateProblemReport = {
    checked: 0,
    projected: group(),
    swapped: group(),
    outsideVietnam: group(),
    outsideProvince: group(),
    degreesInProjected: group(),
    northingFirst: false,
    suggestedCrs: [],
    messages: [],
  };
  const add = (target: CoordinateProblemGroup, point: RawCoordinate) => {
    target.count++;
    if (target.examples.length < maxExamples) target.examples.push({ row: point.row, x: point.x, y: point.y });
  };
  // Projected pairs kept for the CRS guess: a bounded sample, so a million-row file costs no more than a small one.
  const projectedSample: RawCoordinate[] = [];
  for (let i = 0; i < count; i++) {
    const point = { row: rowAt(i), x: xAt(i), y: yAt(i) };
    if (!Number.isFinite(point.x) || !Number.isFinite(point.y)) continue;
    report.checked++;
    // Far outside degrees: metres. (A latitude of 108 is a swapped pair, checked below, not a projected one.)
    if (crs.geographic && (Math.abs(point.x) > 1000 || Math.abs(point.y) > 1000)) {
      add(report.projected, point);
      if (projectedSample.length < 200 || report.projected.count % 97 === 0) {
        if (projectedSample.length >= 400) projectedSample.splice(200, 1);
        projectedSample.push(point);
      }
      continue;
    }
    // In a projected file, a pair of degrees inside Việt Nam is a GPS row, as the readers take it.
    const asDegrees = !crs.geographic && insideVietnam(point.x, point.y);
    if (asDegrees) add(report.degreesInProjected, point);
    const lonLat = asDegrees ? ([point.x, point.y] as [number, number]) : toWgs84(point.x, point.y);
    if (lonLat && insideVietnam(lonLat[0], lonLat[1])) {
      if (options.areaPolygons && !options.areaPolygons.some((p) => pointInLonLatPolygon(lonLat[0], lonLat[1], p))) {
        add(report.outsideProvince, point);
      }
      continue;
    }
    const exchanged =
      !crs.geographic && insideVietnam(point.y, point.x) ? [point.y, point.x] : toWgs84(point.y, point.x);
    if (exchanged && insideVietnam(exchanged[0], exchanged[1])) add(report.swapped, point);
    else add(report.outsideVietnam, point);
  }
  if (projectedSample.length > 0) {
    report.northingFirst = looksNorthingFirst(projectedSample);
    // Every Vietnamese TM zone puts a province's eastings near 500 km: only the area's polygons tell zones apart.
    if (options.areaPolygons)
      report.suggestedCrs = suggestCrs(projectedSample, report.northingFirst, options.areaPolygons);
  }
  report.messages = describe(report, crs, options.areaName);
  return report;
}

export function insideVietnam(lon: number, lat: number): boolean {
  return (
    lon >= VIETNAM_BOUNDS.west &&
    lon <= VIETNAM_BOUNDS.east &&
    lat >= VIETNAM_BOUNDS.south &&
    lat <= VIETNAM_BOUNDS.north
  );
}

/** Vietnamese TM northings run ~0.9-2.6 million m and eastings ~0.1-0.9 million m: which column holds which. */
function looksNorthingFirst(points: readonly RawCoordinate[]): boolean {
  const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1];
  const x = median(points.map((p) => p.x));
  const y = median(points.map((p) => p.y));
  return x > 900_000 && x < 2_700_000 && y > 50_000 && y < 950_000;
}

/** Projected CRSs under which (most of) the points land in Vietnam, or in the area polygons when given. */
function suggestCrs(
  points: readonly RawCoordinate[],
  northingFirst: boolean,
  areaPolygons: readonly LonLatPolygon[] | undefined,
): string[] {
  const sample = points.filter((_, i) => i % Math.max(1, Math.floor(points.length / 50)) === 0).slice(0, 50);
  const scored: { code: string; inside: number }[] = [];
  for (const crs of listCrs()) {
    if (crs.geographic || crs.code === 'EPSG:3857') continue;
    const toWgs84 = createToWgs84(crs);
    let inside = 0;
    for (const point of sample) {
      const [easting, northing] = northingFirst ? [point.y, point.x] : [point.x, point.y];
      const lonLat = toWgs84(easting, northing);
      if (!lonLat || !insideVietnam(lonLat[0], lonLat[1])) continue;
      if (areaPolygons && !areaPolygons.some((p) => pointInLonLatPolygon(lonLat[0], lonLat[1], p))) continue;
      inside++;
    }
    if (inside >= sample.length * 0.8) scored.push({ code: crs.code, inside });
  }
  return scored.sort((a, b) => b.inside - a.inside).map((entry) => entry.code);
}

function describe(report: CoordinateProblemReport, crs: CrsDefinition, areaName: string | undefined): string[] {
  const messages: string[] = [];
  const of = `of ${report.checked}`;
  const rows = (group: CoordinateProblemGroup) =>
    `e.g. line${group.examples.length > 1 ? 's' : ''} ${group.examples.map((e) => `${e.row} (${e.x}, ${e.y})`).join(', ')}`;
  if (report.projected.count > 0) {
    const order = report.northingFirst
      ? '; the first coordinate column holds northings (survey order X = northing, Y = easting): map X to lat/northing and Y to lon/easting'
      : '';
    const suggestion =
      report.suggestedCrs.length > 0
        ? `; they fit ${report.suggestedCrs.slice(0, 5).join(', ')}`
        : ' (a VN-2000 file: the TM-3 zone of its province, e.g. vn2000:107.75 for Đà Nẵng, or EPSG:3405/3406)';
    messages.push(
      `${report.projected.count} ${of} coordinate pairs are metres of a projected CRS, not degrees (${rows(report.projected)})` +
        `: choose the CRS${suggestion}${order}`,
    );
  }
  if (report.swapped.count > 0) {
    messages.push(
      `${report.swapped.count} ${of} points fall in Vietnam only with the two coordinates exchanged (${rows(report.swapped)}): ` +
        'latitude and longitude are swapped',
    );
  }
  if (report.outsideVietnam.count > 0) {
    messages.push(
      `${report.outsideVietnam.count} ${of} points are outside Vietnam in ${crs.code} (${rows(report.outsideVietnam)})`,
    );
  }
  if (report.degreesInProjected.count > 0) {
    messages.push(
      `${report.degreesInProjected.count} ${of} pairs are degrees in a file read as ${crs.code} (${rows(report.degreesInProjected)}): ` +
        'they are read as WGS 84',
    );
  }
  if (report.outsideProvince.count > 0) {
    messages.push(
      `${report.outsideProvince.count} ${of} points are outside ${areaName ?? 'the chosen province'} (${rows(report.outsideProvince)})`,
    );
  }
  return messages;
}
