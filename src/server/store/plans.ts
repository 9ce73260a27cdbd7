import type Database from 'better-sqlite3';
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

export function getPlan(db: Database.Database, planId: string): PlanRow | undefined {
  return db.prepare('SELECT * FROM plans WHERE id = ?').get(planId) as PlanRow | undefined;
}

export function getPlanVersion(db: Database.Database, planId: string, version: number): PlanVersionRow | undefined {
  return db.prepare('SELECT * FROM plan_versions WHERE plan_id = ? AND version = ?').get(planId, version) as
    | PlanVersionRow
    | undefined;
}

/** A stored plan document: validated by planDocumentSchema when it was saved, so only parsed here (a hot read path). */
export function parseStoredDocument(text: string): PlanDocument {
  return JSON.parse(text) as PlanDocument;
}

export function usernameOf(db: Database.Database, userId: number | null): string | null {
  if (userId === null) return null;
  const row = db.prepare('SELECT username FROM users WHERE id = ?').get(userId) as { username: string } | undefined;
  return row?.username ?? null;
}

/** Published plans of a province with their published documents (what operators see). */
export function publishedPlans(db: Database.Database, provinceId: string) {
  const rows = db
    .prepare(
      `SELECT p.id, p.province_id, p.published_version, v.name, v.document, v.created_at
       FROM plans p JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.published_version
       WHERE p.province_id = ? ORDER BY v.created_at, p.id`,
    )
    .all(provinceId) as {
    id: string;
    province_id: string;
    published_version: number;
    name: string;
    document: string;
    created_at: string;
  }[];
  return rows.map((row) => ({
    id: row.id,
    provinceId: row.province_id,
    name: row.name,
    publishedVersion: row.published_version,
    publishedVersionCreatedAt: row.created_at,
    document: parseStoredDocument(row.document),
  }));
}
