import type { ProvinceDataset } from '../data/provinceDataset';

const cache = new WeakMap<ProvinceDataset['population'], [number, number, number, number]>();

/**
 * Bounds of the province's populated land (cells with people), leaving out far islands so the map opens on the
 * mainland. Taken from the population grid, not the masts: an imported mast at (0, 0) or abroad never moves the
 * province view.
 */
export function mainlandBounds(dataset: ProvinceDataset): [number, number, number, number] {
  const grid = dataset.population;
  const known = cache.get(grid);
  if (known) return known;
  let minCol = grid.width;
  let maxCol = -1;
  let minRow = grid.height;
  let maxRow = -1;
  for (let row = 0; row < grid.height; row++) {
    for (let col = 0; col < grid.width; col++) {
      const value = grid.values[row * grid.width + col];
      if (!(value > 0) || value === grid.nodata) continue;
      if (col < minCol) minCol = col;
      if (col > maxCol) maxCol = col;
      if (row < minRow) minRow = row;
      if (row > maxRow) maxRow = row;
    }
  }
  const bounds: [number, number, number, number] =
    maxCol < 0
      ? [107.2, 14.9, 108.8, 16.3]
      : [
          grid.originLon + minCol * grid.cellSizeLonDeg,
          grid.originLat - (maxRow + 1) * grid.cellSizeLatDeg,
          grid.originLon + (maxCol + 1) * grid.cellSizeLonDeg,
          grid.originLat - minRow * grid.cellSizeLatDeg,
        ];
  cache.set(grid, bounds);
  return bounds;
}
