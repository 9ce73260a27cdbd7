import type { LonLatPolygon } from '../geo/lonLatPolygon';
import { rejectTowers } from './rejectTowers';
import type { TowerParseResult } from './towerParseResult';

/**
 * How far outside its province's bounding box a mast may stand, degrees (about 11 km): boundaries are simplified and
 * masts near a border or off the coast are real; a mast of another province or another country is not. The server's
 * register applies the same margin (src/server/domain/provinceExtents.ts).
 */
export const PROVINCE_MARGIN_DEG = 0.1;

/**
 * An import into a province keeps the masts within the province's box widened by PROVINCE_MARGIN_DEG; each other
 * mast (another province's, a position typed wrong) becomes a rejected row naming its line and position, in the
 * file's order with the other problems, so it is neither dropped silently nor refused later with the whole file.
 * The read as it is when no polygon is given or every mast is near.
 */
export function keepTowersNearArea(
  read: TowerParseResult,
  polygons: readonly LonLatPolygon[] | undefined,
  areaName = '',
): TowerParseResult {
  if (!polygons || polygons.length === 0) return read;
  let west = Infinity;
  let east = -Infinity;
  let south = Infinity;
  let north = -Infinity;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (const [lon, lat] of ring) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  if (!Number.isFinite(west)) return read;
  return rejectTowers(read, (tower) => {
    const near =
      tower.lon >= west - PROVINCE_MARGIN_DEG &&
      tower.lon <= east + PROVINCE_MARGIN_DEG &&
      tower.lat >= south - PROVINCE_MARGIN_DEG &&
      tower.lat <= north + PROVINCE_MARGIN_DEG;
    if (near) return null;
    return {
      field: 'lon',
      reason: `id '${tower.id}' at ${tower.lon}, ${tower.lat} is outside ${areaName || 'the province'} (more than about 11 km beyond its bounds)`,
      code: 'outsideArea',
      params: { id: tower.id, lon: tower.lon, lat: tower.lat, area: areaName },
    };
  });
}
