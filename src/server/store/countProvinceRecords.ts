import type { Sql } from '../db/sqlDatabase';
import { parseStoredDocument } from './plans';

/** What one province keeps on the server, as the ministry's readiness view shows it beside the national figures. */
export interface ProvinceRecords {
  provinceId: string;
  /** Masts in the province's register now (removed ones not counted). */
  registerMasts: number;
  /** Of those, the masts that came from a file someone imported (not the generated demo masts). */
  importedMasts: number;
  /** Of those, the masts whose station list says an operator runs 5G there (the register's `tenants_5g`). */
  register5gMasts: number;
  /** When a file was last imported into the register (ISO 8601), or null. */
  lastImportAt: string | null;
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
 * Every province's mast register (masts, imported ones, last import), published plans, planned shared sites and
 * approved shared sites, in province order, zeros included. A site belongs to the province of its plan (or of its request), not to the polygon it falls in: a
 * province's plan near a simplified border is still that province's.
 */
export async function countProvinceRecords(db: Sql): Promise<ProvinceRecords[]> {
  const provinces = await db.all<{ id: string }>('SELECT id FROM provinces ORDER BY id');
  const byProvince = new Map<string, ProvinceRecords>(
    provinces.map(({ id }) => [
      id,
      {
        provinceId: id,
        registerMasts: 0,
        importedMasts: 0,
        register5gMasts: 0,
        lastImportAt: null,
        publishedPlans: 0,
        plannedSharedSites: 0,
        approvedSharedSites: 0,
      },
    ]),
  );
  const registers = await db.all<{
    province_id: string;
    masts: number | string;
    imported: number | string;
    five_g: number | string;
    last_import_at: string | null;
  }>(
    `SELECT province_id, COUNT(*) AS masts, SUM(CASE WHEN source_kind = 'file' THEN 1 ELSE 0 END) AS imported,
       SUM(CASE WHEN tenants_5g IS NOT NULL AND tenants_5g <> '[]' THEN 1 ELSE 0 END) AS five_g,
       MAX(imported_at) AS last_import_at
     FROM masts WHERE removed_at IS NULL GROUP BY province_id`,
  );
  for (const row of registers) {
    const counts = byProvince.get(row.province_id);
    if (!counts) continue;
    counts.registerMasts = Number(row.masts);
    counts.importedMasts = Number(row.imported);
    counts.register5gMasts = Number(row.five_g);
    counts.lastImportAt = row.last_import_at;
  }
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
