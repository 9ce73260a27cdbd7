import KDBush from 'kdbush';
import { isSharedMastAt, type TowerArrays } from './towerArrays';

/**
 * The order the map draws masts in (masts of one tenant first, then shared masts, so those are on top; each group by
 * index: two linear passes, no sort) and a KDBush index of the masts in that order, so that a window query returns draw
 * positions. Built once per dataset; a worker can build it and hand over `index.data` (KDBush.from rebuilds it free).
 */
export interface TowerDrawIndex {
  order: Uint32Array;
  index: KDBush | null;
}

export function buildTowerDrawIndex(
  towers: Pick<TowerArrays, 'count' | 'lon' | 'lat' | 'tenantBits' | 'tenantCount'>,
): TowerDrawIndex {
  const order = new Uint32Array(towers.count);
  let next = 0;
  for (let i = 0; i < towers.count; i++) if (!isSharedMastAt(towers, i)) order[next++] = i;
  for (let i = 0; i < towers.count; i++) if (isSharedMastAt(towers, i)) order[next++] = i;
  let index: KDBush | null = null;
  if (towers.count > 0) {
    index = new KDBush(towers.count, 64, Float64Array);
    for (let k = 0; k < towers.count; k++) index.add(towers.lon[order[k]], towers.lat[order[k]]);
    index.finish();
  }
  return { order, index };
}
