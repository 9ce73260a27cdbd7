import type { ProvinceDataset } from '../data/provinceDataset';

/** Bounds of the towers and populated land of the province, leaving out far islands so the map opens on the mainland. */
export function mainlandBounds(dataset: ProvinceDataset): [number, number, number, number] {
  const { lon, lat, count } = dataset.towerArrays;
  let west = 180;
  let east = -180;
  let south = 90;
  let north = -90;
  for (let i = 0; i < count; i++) {
    west = Math.min(west, lon[i]);
    east = Math.max(east, lon[i]);
    south = Math.min(south, lat[i]);
    north = Math.max(north, lat[i]);
  }
  if (count === 0) return [107.2, 14.9, 108.8, 16.3];
  return [west, south, east, north];
}
