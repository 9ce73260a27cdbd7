import { createToWgs84 } from '../crs/transformToWgs84';
import { EARTH_MEAN_RADIUS_M, haversineDistanceM } from '../geo/haversineDistanceM';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import type { ElevationMosaic, ElevationMosaicLayer } from './buildElevationMosaic';
import { DEFAULT_K_FACTOR } from './computeTerrainPathLoss';
import { finestSpacingAlongPathM } from './finestSpacingAlongPathM';
import { GreatCircleArc } from './greatCircleArc';
import { OutsideElevationError } from './outsideElevationError';
import { finestSpacingM } from './rasterSpacingM';
import { type ElevationHit, sampleElevation } from './sampleElevation';

export interface ViewshedRequest {
  siteLonDeg: number;
  siteLatDeg: number;
  /** Antenna above the site's ground, m. */
  heightM: number;
  /** Cells within this haversine distance of the site count, m. */
  radiusM: number;
  /** Target (receiver) above each cell's ground, m; 1.5 by default. */
  targetHeightM?: number;
  /** Effective Earth radius factor; 4/3 by default. */
  kFactor?: number;
}

export const DEFAULT_TARGET_HEIGHT_M = 1.5;

/** Cell values of ViewshedResult.window. */
export const VIEWSHED_VISIBLE = 1;
export const VIEWSHED_HIDDEN = 0;
export const VIEWSHED_OUTSIDE_RADIUS = 255;

export interface ViewshedResult {
  /** The DEM whose cells are counted: the finest covering the site. */
  demName: string;
  /** Index of that DEM in mosaic.layers. */
  layerIndex: number;
  siteGroundM: number;
  /** The site's own cell (nearest sample), not counted. */
  siteColumn: number;
  siteRow: number;
  cellsInRadius: number;
  visibleCells: number;
  /** visibleCells / cellsInRadius; 0 when no cell is in the radius. */
  visibleFraction: number;
  /**
   * The DEM's cells around the site, row-major, clipped to the DEM: VIEWSHED_VISIBLE, VIEWSHED_HIDDEN or
   * VIEWSHED_OUTSIDE_RADIUS. The site's own cell is marked visible (it is not counted). Cell (c, r) of the window is
   * the DEM's sample (firstColumn + c, firstRow + r).
   */
  window: { firstColumn: number; firstRow: number; width: number; height: number; values: Uint8Array };
}

/**
 * Which of a DEM's cells a site sees. Counted over the cells (grid points of an SRTM tile, pixel centres of a
 * GeoTIFF) of the finest DEM covering the site (`the DEM` when several are given; heights along each path still come
 * from the whole mosaic, finest first) whose haversine distance from the site is at most radiusM, except the site's
 * own cell (the sample nearest the site).
 *
 * A cell is visible when the path from the site's antenna (ground at the site + heightM) to the target above the cell
 * (the cell's ground + targetHeightM) is a line of sight in the sense of the path-loss command: the profile rule
 * (N = ceil(d/s), s the finest DEM's spacing at the path's mid latitude, points at fractions i/N of the great circle,
 * bilinear heights with the void rule) and S_tim < S_tr of ITU-R P.526-15 §4.5.1 with C_e = 1/(k·6371). Each cell is
 * checked on its own path, exactly; the walk from the site outwards stops at the first point that blocks.
 *
 * A path point outside every DEM (the great circle between two cells of a DEM's northern edge bulges a few metres
 * beyond it) takes the height at the nearest point of the DEM's extent.
 * Throws OutsideElevationError when the site is outside every DEM.
 */
export async function computeViewshed(
  mosaic: ElevationMosaic,
  request: ViewshedRequest,
  options: LongCallOptions = {},
): Promise<ViewshedResult> {
  const { siteLonDeg, siteLatDeg, radiusM } = request;
  const targetHeightM = request.targetHeightM ?? DEFAULT_TARGET_HEIGHT_M;
  const kFactor = request.kFactor ?? DEFAULT_K_FACTOR;
  const hit: ElevationHit = { layerIndex: -1 };
  const siteGroundM = sampleElevation(mosaic, siteLonDeg, siteLatDeg, hit);
  if (Number.isNaN(siteGroundM)) throw new OutsideElevationError(siteLonDeg, siteLatDeg, 'the site');
  const layerIndex = hit.layerIndex;
  const layer = mosaic.layers[layerIndex];
  const raster = layer.raster;
  const cells = cellWindow(layer, siteLonDeg, siteLatDeg, radiusM);
  const window = {
    firstColumn: cells.firstColumn,
    firstRow: cells.firstRow,
    width: cells.lastColumn - cells.firstColumn + 1,
    height: cells.lastRow - cells.firstRow + 1,
    values: new Uint8Array(0),
  };
  window.values = new Uint8Array(Math.max(0, window.width) * Math.max(0, window.height)).fill(VIEWSHED_OUTSIDE_RADIUS);

  const toWgs84 = layer.fromWgs84 === null ? null : createToWgs84(raster.crs);
  const curvature = 1 / (kFactor * 6371);
  const txHeightAmslM = siteGroundM + request.heightM;
  const singleLayer = mosaic.layers.length === 1;
  const arc = new GreatCircleArc();
  const checkpoint = createYieldClock(options);
  let cellsInRadius = 0;
  let visibleCells = 0;

  /** Height at a path point; outside every DEM, at the nearest point of the DEM's extent. */
  const groundAt = (lonDeg: number, latDeg: number) => {
    const height = sampleElevation(mosaic, lonDeg, latDeg);
    if (!Number.isNaN(height)) return height;
    const clamped = sampleElevation(
      mosaic,
      Math.min(Math.max(lonDeg, layer.westDeg), layer.eastDeg),
      Math.min(Math.max(latDeg, layer.southDeg), layer.northDeg),
    );
    return Number.isNaN(clamped) ? 0 : clamped;
  };

  for (let row = cells.firstRow; row <= cells.lastRow; row++) {
    await checkpoint((row - cells.firstRow) / Math.max(1, window.height));
    for (let column = cells.firstColumn; column <= cells.lastColumn; column++) {
      let cellLonDeg = raster.firstSampleX + column * raster.spacingX;
      let cellLatDeg = raster.firstSampleY - row * raster.spacingY;
      if (toWgs84 !== null) {
        const lonLat = toWgs84(cellLonDeg, cellLatDeg);
        if (lonLat === null) continue;
        cellLonDeg = lonLat[0];
        cellLatDeg = lonLat[1];
      }
      const distanceM = haversineDistanceM(siteLonDeg, siteLatDeg, cellLonDeg, cellLatDeg);
      if (distanceM > radiusM) continue;
      const windowIndex = (row - cells.firstRow) * window.width + (column - cells.firstColumn);
      if (column === cells.siteColumn && row === cells.siteRow) {
        window.values[windowIndex] = VIEWSHED_VISIBLE;
        continue;
      }
      cellsInRadius++;
      const rxHeightAmslM = groundAt(cellLonDeg, cellLatDeg) + targetHeightM;
      const midLatDeg = (siteLatDeg + cellLatDeg) / 2;
      const spacingM = singleLayer
        ? finestSpacingM(raster, midLatDeg)
        : (finestSpacingAlongPathM(mosaic, siteLonDeg, siteLatDeg, cellLonDeg, cellLatDeg, arc)?.spacingM ??
          finestSpacingM(raster, midLatDeg));
      const intervals = Math.ceil(distanceM / spacingM);
      const dKm = distanceM / 1000;
      const slopeTxToRx = (rxHeightAmslM - txHeightAmslM) / dKm;
      arc.set(siteLonDeg, siteLatDeg, cellLonDeg, cellLatDeg);
      let visible = true;
      for (let i = 1; i < intervals; i++) {
        const t = i / intervals;
        arc.pointAt(t);
        const di = dKm * t;
        const slope = (groundAt(arc.lonDeg, arc.latDeg) + 500 * curvature * di * (dKm - di) - txHeightAmslM) / di;
        if (slope >= slopeTxToRx) {
          visible = false;
          break;
        }
      }
      if (visible) visibleCells++;
      window.values[windowIndex] = visible ? VIEWSHED_VISIBLE : VIEWSHED_HIDDEN;
    }
  }
  options.onProgress?.(1);
  return {
    demName: raster.name,
    layerIndex,
    siteGroundM,
    siteColumn: cells.siteColumn,
    siteRow: cells.siteRow,
    cellsInRadius,
    visibleCells,
    visibleFraction: cellsInRadius === 0 ? 0 : visibleCells / cellsInRadius,
    window,
  };
}

/** The site's nearest sample and the DEM rows and columns that may hold cells within the radius (clipped). */
function cellWindow(layer: ElevationMosaicLayer, siteLonDeg: number, siteLatDeg: number, radiusM: number) {
  const raster = layer.raster;
  let x = siteLonDeg;
  let y = siteLatDeg;
  let halfWidthX: number;
  let halfHeightY: number;
  if (layer.fromWgs84 === null) {
    // Degrees spanned by the radius, with 1 % to spare, at the latitude farthest from the equator it reaches.
    const halfLatDeg = ((radiusM / EARTH_MEAN_RADIUS_M) * 180) / Math.PI;
    const farLatDeg = Math.min(89.9, Math.abs(siteLatDeg) + halfLatDeg);
    halfHeightY = halfLatDeg * 1.01;
    halfWidthX = (halfLatDeg / Math.cos((farLatDeg * Math.PI) / 180)) * 1.01;
  } else {
    const projected = layer.fromWgs84(siteLonDeg, siteLatDeg);
    if (projected === null) throw new OutsideElevationError(siteLonDeg, siteLatDeg, 'the site');
    [x, y] = projected;
    // Grid metres are within 0.1 % of ground metres in a TM zone; Web Mercator's grow by 1/cos(lat).
    const scale =
      raster.crs.code === 'EPSG:3857' ? 1 / Math.cos((Math.min(89, Math.abs(siteLatDeg) + 1) * Math.PI) / 180) : 1;
    halfWidthX = radiusM * scale * 1.01;
    halfHeightY = halfWidthX;
  }
  const fx = (x - raster.firstSampleX) / raster.spacingX;
  const fy = (raster.firstSampleY - y) / raster.spacingY;
  return {
    siteColumn: Math.min(Math.max(Math.round(fx), 0), raster.width - 1),
    siteRow: Math.min(Math.max(Math.round(fy), 0), raster.height - 1),
    firstColumn: Math.max(0, Math.floor(fx - halfWidthX / raster.spacingX)),
    lastColumn: Math.min(raster.width - 1, Math.ceil(fx + halfWidthX / raster.spacingX)),
    firstRow: Math.max(0, Math.floor(fy - halfHeightY / raster.spacingY)),
    lastRow: Math.min(raster.height - 1, Math.ceil(fy + halfHeightY / raster.spacingY)),
  };
}
