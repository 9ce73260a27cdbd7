import { haversineDistanceM } from '../../core/geo/haversineDistanceM';
import type { Sql } from '../db/sqlDatabase';
import { getMast, MAST_COLUMNS, type MastRow } from './masts';
import { mastsNear } from './spatial';

/** A proposed site standing this close to a mast of its province is that mast (positions copied, rounded), metres. */
export const SITE_ON_MAST_M = 1;

type SitePosition = { lon: number; lat: number; mastId?: string | null };

/**
 * The existing mast a published proposed site is, or null for a new mast: the site's own `mastId` when the province
 * has that mast, else the nearest mast within SITE_ON_MAST_M of it (ties by id).
 */
export async function proposedSiteMastId(db: Sql, provinceId: string, site: SitePosition): Promise<string | null> {
  if (site.mastId && (await getMast(db, provinceId, site.mastId))) return site.mastId;
  const near = await mastsNear(db, provinceId, site, SITE_ON_MAST_M, 1);
  return near[0]?.id ?? null;
}

/** Grid cells of the lookup below, degrees: far wider than SITE_ON_MAST_M, so a site's 3 x 3 cells hold its masts. */
const CELL_DEG = 1e-4;

/**
 * proposedSiteMastId for many sites of one province at once (the published sites' list): one read of the province's
 * masts, then a grid lookup, instead of two statements a site. The masts' rows come back for their capacity.
 */
export async function proposedSiteMasts(
  db: Sql,
  provinceId: string,
  sites: readonly SitePosition[],
): Promise<Array<MastRow | null>> {
  if (sites.length === 0) return [];
  const rows = await db.all<MastRow>(`SELECT ${MAST_COLUMNS} FROM masts WHERE province_id = ? AND removed_at IS NULL`, [
    provinceId,
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const cellOf = (lon: number, lat: number) => `${Math.floor(lon / CELL_DEG)}|${Math.floor(lat / CELL_DEG)}`;
  const grid = new Map<string, MastRow[]>();
  for (const row of rows) {
    const key = cellOf(row.lon, row.lat);
    const list = grid.get(key);
    if (list) list.push(row);
    else grid.set(key, [row]);
  }
  return sites.map((site) => {
    const named = site.mastId ? byId.get(site.mastId) : undefined;
    if (named) return named;
    const column = Math.floor(site.lon / CELL_DEG);
    const row = Math.floor(site.lat / CELL_DEG);
    let best: { mast: MastRow; distanceM: number } | null = null;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const mast of grid.get(`${column + dx}|${row + dy}`) ?? []) {
          const distanceM = haversineDistanceM(site.lon, site.lat, mast.lon, mast.lat);
          if (distanceM > SITE_ON_MAST_M) continue;
          if (!best || distanceM < best.distanceM || (distanceM === best.distanceM && mast.id < best.mast.id)) {
            best = { mast, distanceM };
          }
        }
      }
    }
    return best?.mast ?? null;
  });
}
