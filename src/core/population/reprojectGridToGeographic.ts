import type { PointTransform } from '../crs/transformToWgs84';
import type { PopulationGrid } from '../model/populationGrid';

/** A north-up raster in a projected CRS (metres): cell (col, row) has its top-left corner at originX + col*cellX. */
export interface ProjectedGrid {
  width: number;
  height: number;
  originX: number;
  /** Northing of the top edge. */
  originY: number;
  cellSizeX: number;
  cellSizeY: number;
  values: ArrayLike<number>;
  nodata: number | null;
}

/** Sub-points per cell side: each source cell's count is split over SUBDIVISION² points. */
const SUBDIVISION = 2;
/** Exact projection every LATTICE_STEP cells; positions in between are interpolated bilinearly. */
const LATTICE_STEP = 8;
const METRES_PER_DEGREE_LAT = 110_574;
const METRES_PER_DEGREE_LON_AT_EQUATOR = 111_320;

/**
 * Population counts of a projected raster (UTM, VN-2000 TM zones) on a geographic grid, conserving the total: each
 * source cell's count is split evenly over 2 x 2 points inside it, and each point's share is added to the geographic
 * cell that contains its position in WGS 84. Target cells are about the source cell's size (metres converted to
 * degrees at the grid's middle latitude). A count is moved, never interpolated, so the sum of the result equals the sum
 * of the source's non-nodata cells (to float32 rounding); the pattern is shifted by at most about half a cell.
 * Positions are projected exactly on a lattice every 8 cells and interpolated bilinearly in between (the TM and UTM
 * mappings bend by far less than a metre over 8 km). Target cells that receive nothing are nodata (NaN).
 */
export function reprojectGridToGeographic(source: ProjectedGrid, toWgs84: PointTransform): PopulationGrid {
  const { width, height } = source;
  const latticeWidth = Math.ceil(width / LATTICE_STEP) + 1;
  const latticeHeight = Math.ceil(height / LATTICE_STEP) + 1;
  const latticeLon = new Float64Array(latticeWidth * latticeHeight);
  const latticeLat = new Float64Array(latticeWidth * latticeHeight);
  let west = Number.POSITIVE_INFINITY;
  let east = Number.NEGATIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  let north = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < latticeHeight; j++) {
    for (let i = 0; i < latticeWidth; i++) {
      const x = source.originX + Math.min(i * LATTICE_STEP, width) * source.cellSizeX;
      const y = source.originY - Math.min(j * LATTICE_STEP, height) * source.cellSizeY;
      const lonLat = toWgs84(x, y);
      if (lonLat === null) throw new RangeError(`raster position (${x}, ${y}) cannot be taken to WGS 84`);
      latticeLon[j * latticeWidth + i] = lonLat[0];
      latticeLat[j * latticeWidth + i] = lonLat[1];
      west = Math.min(west, lonLat[0]);
      east = Math.max(east, lonLat[0]);
      south = Math.min(south, lonLat[1]);
      north = Math.max(north, lonLat[1]);
    }
  }
  const middleLat = ((south + north) / 2) * (Math.PI / 180);
  const cellSizeLatDeg = source.cellSizeY / METRES_PER_DEGREE_LAT;
  const cellSizeLonDeg = source.cellSizeX / (METRES_PER_DEGREE_LON_AT_EQUATOR * Math.cos(middleLat));
  const targetWidth = Math.max(1, Math.ceil((east - west) / cellSizeLonDeg));
  const targetHeight = Math.max(1, Math.ceil((north - south) / cellSizeLatDeg));
  const values = new Float32Array(targetWidth * targetHeight).fill(Number.NaN);
  // Sums in float64 first, so many small shares do not lose precision.
  const sums = new Float64Array(targetWidth * targetHeight).fill(Number.NaN);
  const share = 1 / (SUBDIVISION * SUBDIVISION);
  const interpolate = (column: number, row: number): [number, number] => {
    const fi = Math.min(column / LATTICE_STEP, latticeWidth - 1);
    const fj = Math.min(row / LATTICE_STEP, latticeHeight - 1);
    const i = Math.min(Math.floor(fi), latticeWidth - 2);
    const j = Math.min(Math.floor(fj), latticeHeight - 2);
    const u = fi - i;
    const v = fj - j;
    const at = (array: Float64Array, di: number, dj: number) => array[(j + dj) * latticeWidth + i + di];
    const blend = (array: Float64Array) =>
      (1 - u) * (1 - v) * at(array, 0, 0) +
      u * (1 - v) * at(array, 1, 0) +
      (1 - u) * v * at(array, 0, 1) +
      u * v * at(array, 1, 1);
    return [blend(latticeLon), blend(latticeLat)];
  };
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const value = source.values[row * width + column];
      if (Number.isNaN(value) || (source.nodata !== null && value === source.nodata)) continue;
      for (let sy = 0; sy < SUBDIVISION; sy++) {
        for (let sx = 0; sx < SUBDIVISION; sx++) {
          const [lon, lat] = interpolate(column + (sx + 0.5) / SUBDIVISION, row + (sy + 0.5) / SUBDIVISION);
          const targetColumn = Math.min(targetWidth - 1, Math.max(0, Math.floor((lon - west) / cellSizeLonDeg)));
          const targetRow = Math.min(targetHeight - 1, Math.max(0, Math.floor((north - lat) / cellSizeLatDeg)));
          const index = targetRow * targetWidth + targetColumn;
          sums[index] = (Number.isNaN(sums[index]) ? 0 : sums[index]) + value * share;
        }
      }
    }
  }
  for (let i = 0; i < sums.length; i++) values[i] = sums[i];
  return {
    width: targetWidth,
    height: targetHeight,
    originLon: west,
    originLat: north,
    cellSizeLonDeg,
    cellSizeLatDeg,
    nodata: null,
    values,
  };
}
