import { EARTH_MEAN_RADIUS_M } from './haversineDistanceM';
import type { GridGeometry } from './maskCellCentresInPolygons';

const DEG = Math.PI / 180;

/** [west, south, east, north] in degrees. */
export type LonLatBbox = readonly [number, number, number, number];

/** A geographic grid for an analysis, with the size in metres it stands for. */
export interface AnalysisGrid extends GridGeometry {
  /** The cell size asked for, m. */
  gridM: number;
  /** Actual east-west and north-south size of a cell at the grid's middle latitude, m. */
  cellWidthM: number;
  cellHeightM: number;
}

/**
 * A lon/lat grid whose cells measure about `gridM` x `gridM` metres at the middle latitude (east-west sizes shrink
 * with cos(latitude), by under 1% across a Vietnamese province).
 *
 * From a source grid (a population raster), the grid is aligned with it: each source cell is split into a whole
 * number of analysis cells per side (rounded to the nearest, so 100 m over WorldPop's 30" cells at 16°N gives 9 x 9
 * cells of about 99 x 103 m), or, when gridM is larger than a source cell, whole source cells are grouped. Each
 * population cell then maps onto whole analysis cells and resampling is a plain split with no partial overlaps.
 * From a bbox, the grid starts at its north-west corner and covers it.
 */
export function makeAnalysisGrid(source: GridGeometry | LonLatBbox, gridM: number): AnalysisGrid {
  if (!(gridM > 0)) throw new RangeError(`grid size must be positive, got ${gridM} m`);
  const metresPerDegreeLat = EARTH_MEAN_RADIUS_M * DEG;
  if (isBbox(source)) {
    const [west, south, east, north] = source;
    const cosLat = Math.cos(((south + north) / 2) * DEG);
    const cellSizeLatDeg = gridM / metresPerDegreeLat;
    const cellSizeLonDeg = gridM / (metresPerDegreeLat * cosLat);
    const width = Math.max(1, Math.ceil((east - west) / cellSizeLonDeg - 1e-9));
    const height = Math.max(1, Math.ceil((north - south) / cellSizeLatDeg - 1e-9));
    return {
      width,
      height,
      originLon: west,
      originLat: north,
      cellSizeLonDeg,
      cellSizeLatDeg,
      gridM,
      ...sizes(cellSizeLonDeg, cellSizeLatDeg, cosLat),
    };
  }
  const middleLat = source.originLat - (source.height * source.cellSizeLatDeg) / 2;
  const cosLat = Math.cos(middleLat * DEG);
  const lat = alignedAxis(source.cellSizeLatDeg * metresPerDegreeLat, source.cellSizeLatDeg, source.height, gridM);
  const lon = alignedAxis(
    source.cellSizeLonDeg * metresPerDegreeLat * cosLat,
    source.cellSizeLonDeg,
    source.width,
    gridM,
  );
  return {
    width: lon.count,
    height: lat.count,
    originLon: source.originLon,
    originLat: source.originLat,
    cellSizeLonDeg: lon.cellSizeDeg,
    cellSizeLatDeg: lat.cellSizeDeg,
    gridM,
    ...sizes(lon.cellSizeDeg, lat.cellSizeDeg, cosLat),
  };
}

function alignedAxis(sourceCellM: number, sourceCellDeg: number, sourceCount: number, gridM: number) {
  if (gridM <= sourceCellM) {
    const split = Math.max(1, Math.round(sourceCellM / gridM));
    return { cellSizeDeg: sourceCellDeg / split, count: sourceCount * split };
  }
  const group = Math.max(1, Math.round(gridM / sourceCellM));
  return { cellSizeDeg: sourceCellDeg * group, count: Math.ceil(sourceCount / group) };
}

function sizes(cellSizeLonDeg: number, cellSizeLatDeg: number, cosLat: number) {
  const metresPerDegreeLat = EARTH_MEAN_RADIUS_M * DEG;
  return { cellWidthM: cellSizeLonDeg * metresPerDegreeLat * cosLat, cellHeightM: cellSizeLatDeg * metresPerDegreeLat };
}

function isBbox(source: GridGeometry | LonLatBbox): source is LonLatBbox {
  return Array.isArray(source);
}
