import type { Sql } from '../db/sqlDatabase';
import type { PlanDocument } from '../domain/planDocument';

export interface PlanRow {
  id: string;
  province_id: string;
  name: string;
  version: number;
  published_version: number | null;
  created_at: string;
  created_by: number;
  updated_at: string;
  updated_by: number;
}

export interface PlanVersionRow {
  plan_id: string;
  version: number;
  name: string;
  document: string;
  created_at: string;
  created_by: number;
}

export function getPlan(db: Sql, planId: string): Promise<PlanRow | undefined> {
  return db.get<PlanRow>('SELECT * FROM plans WHERE id = ?', [planId]);
}

export function getPlanVersion(db: Sql, planId: string, version: number): Promise<PlanVersionRow | undefined> {
  return db.get<PlanVersionRow>('SELECT * FROM plan_versions WHERE plan_id = ? AND version = ?', [planId, version]);
}

/** A stored plan document: validated by planDocumentSchema when it was saved, so only parsed here (a hot read path). */
export function parseStoredDocument(text: string): PlanDocument {
  return JSON.parse(text) as PlanDocument;
}

export async function usernameOf(db: Sql, userId: number | null): Promise<string | null> {
  if (userId === null) return null;
  const row = await db.get<{ username: string }>('SELECT username FROM users WHERE id = ?', [userId]);
  return row?.username ?? null;
}

/** Published plans of a province with their published documents (what operators see). */
export async function publishedPlans(db: Sql, provinceId: string) {
  const rows = await db.all<{
    id: string;
    province_id: string;
    published_version: number;
    name: string;
    document: string;
    created_at: string;
  }>(
    `SELECT p.id, p.province_id, p.published_version, v.name, v.document, v.created_at
     FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.published_version
     WHERE p.province_id = ? ORDER BY v.created_at, p.id`,
    [provinceId],
  );
  return rows.map((row) => ({
    id: row.id,
    provinceId: row.province_id,
    name: row.name,
    publishedVersion: row.published_version,
    publishedVersionCreatedAt: row.created_at,
    document: parseStoredDocument(row.document),
  }));
}
