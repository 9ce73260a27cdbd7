import { haversineDistanceM } from '../../core/geo/haversineDistanceM';
import type { TowerArrays } from '../../core/model/towerArrays';

/**
 * The `count` masts nearest to mast `index` (haversine), nearest first, without the mast itself and masts at its very
 * position (a link needs two distinct ends). One pass over the masts, keeping a short sorted list: a few milliseconds
 * for 100,000 masts.
 */
export function nearestTowers(
  towers: Pick<TowerArrays, 'count' | 'lon' | 'lat'>,
  index: number,
  count: number,
): Array<{ index: number; distanceM: number }> {
  const nearest: Array<{ index: number; distanceM: number }> = [];
  if (count <= 0 || index < 0 || index >= towers.count) return nearest;
  const lon = towers.lon[index];
  const lat = towers.lat[index];
  for (let i = 0; i < towers.count; i++) {
    if (i === index) continue;
    const distanceM = haversineDistanceM(lon, lat, towers.lon[i], towers.lat[i]);
    if (!(distanceM > 0)) continue;
    if (nearest.length === count && distanceM >= nearest[count - 1].distanceM) continue;
    let at = nearest.length;
    while (at > 0 && nearest[at - 1].distanceM > distanceM) at--;
    nearest.splice(at, 0, { index: i, distanceM });
    if (nearest.length > count) nearest.pop();
  }
  return nearest;
}
