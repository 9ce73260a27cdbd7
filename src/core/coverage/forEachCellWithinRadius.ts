import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';

const DEG = Math.PI / 180;

/**
 * Calls `visit(cellIndex)` (row-major) for every cell of the grid whose centre is within `radiusM` of the point
 * (haversine, Earth radius 6,371,008.8 m), row by row, west to east.
 *
 * The test is the same arithmetic, operation for operation, as computeFixedRadiusCoverage's, so a cell is within
 * reach here exactly when that function marks it covered by a tower at this point with this radius: siting's demand
 * (cells no tower covers) and its candidates' cover sets agree bit for bit with the coverage engine.
 */
export function forEachCellWithinRadius(
  grid: GridGeometry,
  lon: number,
  lat: number,
  radiusM: number,
  visit: (cellIndex: number) => void,
): void {
  if (!(radiusM >= 0)) return;
  const { width, height, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg } = grid;
  const towerLatRad = lat * DEG;
  const cosTowerLat = Math.cos(towerLatRad);
  const angularRadius = Math.min(radiusM / EARTH_MEAN_RADIUS_M, Math.PI);
  const sinHalf = Math.sin(angularRadius / 2);
  const havMax = sinHalf * sinHalf;
  const reachLatDeg = angularRadius / DEG;
  let firstRow = Math.ceil((originLat - (lat + reachLatDeg)) / cellSizeLatDeg - 0.5);
  let lastRow = Math.floor((originLat - (lat - reachLatDeg)) / cellSizeLatDeg - 0.5);
  firstRow = Math.max(firstRow - 1, 0);
  lastRow = Math.min(lastRow + 1, height - 1);
  for (let row = firstRow; row <= lastRow; row++) {
    const cellCentreLatRad = (originLat - (row + 0.5) * cellSizeLatDeg) * DEG;
    const sinHalfDLat = Math.sin((cellCentreLatRad - towerLatRad) / 2);
    const remaining = havMax - sinHalfDLat * sinHalfDLat;
    if (remaining < 0) continue;
    const cosProduct = cosTowerLat * Math.cos(cellCentreLatRad);
    const ratio = cosProduct > 0 ? Math.sqrt(remaining / cosProduct) : 2;
    const reachLonDeg = ratio >= 1 ? 180 : (2 * Math.asin(ratio)) / DEG;
    let firstCol = Math.ceil((lon - reachLonDeg - originLon) / cellSizeLonDeg - 0.5) - 1;
    let lastCol = Math.floor((lon + reachLonDeg - originLon) / cellSizeLonDeg - 0.5) + 1;
    firstCol = Math.max(firstCol, 0);
    lastCol = Math.min(lastCol, width - 1);
    const rowOffset = row * width;
    for (let col = firstCol; col <= lastCol; col++) {
      const dLonRad = (originLon + (col + 0.5) * cellSizeLonDeg - lon) * DEG;
      const sinHalfDLon = Math.sin(dLonRad / 2);
      if (sinHalfDLat * sinHalfDLat + cosProduct * sinHalfDLon * sinHalfDLon <= havMax) visit(rowOffset + col);
    }
  }
}
