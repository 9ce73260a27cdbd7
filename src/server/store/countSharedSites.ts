import type { Sql } from '../db/sqlDatabase';
import { parseStoredDocument } from './plans';

/** One province's shared sites as the ministry's readiness view counts them. */
export interface ProvinceSharedSites {
  provinceId: string;
  /** Plans of the province with a published version. */
  publishedPlans: number;
  /** Proposed sites in those published versions (what operators see and may request). */
  plannedSharedSites: number;
  /**
   * Distinct masts and proposed sites of the province with at least one co-location request approved or reported
   * built (a lapsed, rejected or withdrawn approval does not count).
   */
  approvedSharedSites: number;
}

/**
 * Every province's published plans, planned shared sites and approved shared sites, in province order, zeros
 * included. A site belongs to the province of its plan (or of its request), not to the polygon it falls in: a
 * province's plan near a simplified border is still that province's.
 */
export async function countSharedSites(db: Sql): Promise<ProvinceSharedSites[]> {
  const provinces = await db.all<{ id: string }>('SELECT id FROM provinces ORDER BY id');
  const byProvince = new Map<string, ProvinceSharedSites>(
    provinces.map(({ id }) => [
      id,
      { provinceId: id, publishedPlans: 0, plannedSharedSites: 0, approvedSharedSites: 0 },
    ]),
  );
  const published = await db.all<{ province_id: string; document: string }>(
    `SELECT p.province_id, v.document
     FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.published_version`,
  );
  for (const row of published) {
    const counts = byProvince.get(row.province_id);
    if (!counts) continue;
    counts.publishedPlans++;
    counts.plannedSharedSites += parseStoredDocument(row.document).proposedSites.length;
  }
  const approved = await db.all<{ province_id: string; sites: number | string }>(
    `SELECT province_id, COUNT(DISTINCT CASE WHEN target_kind = 'mast' THEN 'mast:' || mast_id
       ELSE 'site:' || plan_id || ':' || site_id END) AS sites
     FROM request_targets WHERE state IN ('approved', 'built') GROUP BY province_id`,
  );
  for (const row of approved) {
    const counts = byProvince.get(row.province_id);
    if (counts) counts.approvedSharedSites = Number(row.sites);
  }
  return [...byProvince.values()];
}
