/**
 * [west, south, east, north] when the corners (bottom-left, top-left, top-right, bottom-right) are a lon/lat
 * rectangle, as for every degree grid; null for a projected DEM's quadrilateral.
 */
export function lonLatRectangle(corners: [number, number][]): [number, number, number, number] | null {
  const [bottomLeft, topLeft, topRight, bottomRight] = corners;
  const rectangle =
    bottomLeft[0] === topLeft[0] &&
    topRight[0] === bottomRight[0] &&
    bottomLeft[1] === bottomRight[1] &&
    topLeft[1] === topRight[1];
  return rectangle ? [bottomLeft[0], bottomLeft[1], topRight[0], topRight[1]] : null;
}
