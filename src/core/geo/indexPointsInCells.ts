import { type PointIndex, pointIndexOverBoxes } from './indexPoints';

/** Bucket size, degrees (about 5.5 km): a few masts per bucket in towns, a few buckets per query. */
const CELL_DEG = 0.05;

/**
 * indexPoints's queries (withinM, nearest: the same answers, ties to the lower index) on points bucketed in a grid of
 * 0.05° cells, built by one counting sort: for a plan's explanations, which ask for the nearest mast of a few sites
 * only, where sorting a national mast file into a k-d tree cost more than the questions.
 */
export function indexPointsInCells(count: number, lon: ArrayLike<number>, lat: ArrayLike<number>): PointIndex {
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    if (!(Number.isFinite(lon[i]) && Number.isFinite(lat[i]))) continue;
    minLon = Math.min(minLon, lon[i]);
    maxLon = Math.max(maxLon, lon[i]);
    minLat = Math.min(minLat, lat[i]);
    maxLat = Math.max(maxLat, lat[i]);
  }
  const any = minLon <= maxLon;
  const columns = any ? Math.floor((maxLon - minLon) / CELL_DEG) + 1 : 0;
  const rows = any ? Math.floor((maxLat - minLat) / CELL_DEG) + 1 : 0;
  const cellOf = (i: number) =>
    Math.floor((lat[i] - minLat) / CELL_DEG) * columns + Math.floor((lon[i] - minLon) / CELL_DEG);
  const starts = new Int32Array(columns * rows + 1);
  for (let i = 0; i < count; i++) if (Number.isFinite(lon[i]) && Number.isFinite(lat[i])) starts[cellOf(i) + 1]++;
  for (let c = 0; c < columns * rows; c++) starts[c + 1] += starts[c];
  const points = new Int32Array(starts[columns * rows]);
  const fill = starts.slice(0, columns * rows);
  for (let i = 0; i < count; i++) if (Number.isFinite(lon[i]) && Number.isFinite(lat[i])) points[fill[cellOf(i)]++] = i;

  /** Points inside the box (degrees, edges included), in no particular order. */
  const inBox = (west: number, south: number, east: number, north: number): number[] => {
    const found: number[] = [];
    const firstColumn = Math.max(0, Math.floor((west - minLon) / CELL_DEG));
    const lastColumn = Math.min(columns - 1, Math.floor((east - minLon) / CELL_DEG));
    const firstRow = Math.max(0, Math.floor((south - minLat) / CELL_DEG));
    const lastRow = Math.min(rows - 1, Math.floor((north - minLat) / CELL_DEG));
    for (let row = firstRow; row <= lastRow; row++) {
      for (let column = firstColumn; column <= lastColumn; column++) {
        const cell = row * columns + column;
        for (let k = starts[cell]; k < starts[cell + 1]; k++) {
          const i = points[k];
          if (lon[i] >= west && lon[i] <= east && lat[i] >= south && lat[i] <= north) found.push(i);
        }
      }
    }
    return found;
  };
  return pointIndexOverBoxes(count, lon, lat, any ? inBox : null);
}
