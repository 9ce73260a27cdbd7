import type Database from 'better-sqlite3';
import type { MastType, Tower } from '../../core/model/tower';
import { type SpareMastCapacity, spareMastCapacity } from '../domain/spareMastCapacity';

export interface MastRow {
  province_id: string;
  id: string;
  operator: string;
  lon: number;
  lat: number;
  height_m: number | null;
  mast_type: MastType | null;
  tenants: string;
  updated_at: string;
  radius_m: number | null;
  tenant_count: number | null;
  source_kind: MastSourceKind;
  source_name: string | null;
  imported_at: string | null;
  imported_by: number | null;
  removed_at: string | null;
}

/** 'synthetic': the generated demo masts; 'file': a file someone imported. */
export type MastSourceKind = 'synthetic' | 'file';

export interface MastJson {
  id: string;
  provinceId: string;
  operator: string;
  lon: number;
  lat: number;
  heightM: number | null;
  mastType: MastType | null;
  tenants: string[];
  radiusM: number | null;
  /** Operators on the mast (owner included) when the file gave a count instead of names; null: `tenants` is it. */
  tenantCount: number | null;
  source: { kind: MastSourceKind; name: string | null; importedAt: string | null; importedBy: string | null };
  capacity: SpareMastCapacity;
}

/** A mast record from an imported tower (tenants always include the owner once stored). */
export type MastInput = Pick<Tower, 'id' | 'operator' | 'lon' | 'lat' | 'heightM' | 'mastType' | 'tenants'> & {
  radiusM?: number | null;
  tenantCount?: number | null;
};

/** Where a write's masts come from; `importedBy` is the account (null for the server itself, e.g. the demo seed). */
export interface MastWriteSource {
  kind: MastSourceKind;
  name: string | null;
  importedBy: number | null;
}

export function mastTenants(row: Pick<MastRow, 'tenants'>): string[] {
  return JSON.parse(row.tenants) as string[];
}

/** Operators on the mast, owner included: the stored count when the file gave one, else the named tenants. */
export function mastTenantCount(row: Pick<MastRow, 'tenants' | 'tenant_count'>): number {
  return Math.max(row.tenant_count ?? 0, mastTenants(row).length);
}

/** A mast that is there (not removed by an import). */
export function getMast(db: Database.Database, provinceId: string, mastId: string): MastRow | undefined {
  return db
    .prepare('SELECT * FROM masts WHERE province_id = ? AND id = ? AND removed_at IS NULL')
    .get(provinceId, mastId) as MastRow | undefined;
}

/** The column values an input is stored as (the owner first in the tenants, each operator once). */
export function mastColumns(mast: MastInput) {
  return {
    operator: mast.operator,
    lon: mast.lon,
    lat: mast.lat,
    height_m: mast.heightM,
    mast_type: mast.mastType,
    tenants: JSON.stringify([...new Set([mast.operator, ...mast.tenants])]),
    radius_m: mast.radiusM ?? null,
    tenant_count: mast.tenantCount ?? null,
  };
}

/**
 * Insert or update one mast by id with its source; a removed mast comes back. Prepare once per bulk write, inside the
 * caller's transaction.
 */
export function prepareMastWrite(db: Database.Database) {
  const statement = db.prepare(
    `INSERT INTO masts (province_id, id, operator, lon, lat, height_m, mast_type, tenants, radius_m, tenant_count,
       source_kind, source_name, imported_at, imported_by, updated_at, removed_at)
     VALUES (@provinceId, @id, @operator, @lon, @lat, @height_m, @mast_type, @tenants, @radius_m, @tenant_count,
       @sourceKind, @sourceName, @now, @importedBy, @now, NULL)
     ON CONFLICT (province_id, id) DO UPDATE SET operator = excluded.operator, lon = excluded.lon, lat = excluded.lat,
       height_m = excluded.height_m, mast_type = excluded.mast_type, tenants = excluded.tenants,
       radius_m = excluded.radius_m, tenant_count = excluded.tenant_count, source_kind = excluded.source_kind,
       source_name = excluded.source_name, imported_at = excluded.imported_at, imported_by = excluded.imported_by,
       updated_at = excluded.updated_at, removed_at = NULL`,
  );
  return (provinceId: string, mast: MastInput, source: MastWriteSource, now: Date) =>
    statement.run({
      provinceId,
      id: mast.id,
      ...mastColumns(mast),
      sourceKind: source.kind,
      sourceName: source.name,
      importedBy: source.importedBy,
      now: now.toISOString(),
    });
}

/**
 * Insert or update masts by id, without audit (test fixtures); returns how many were new. Call inside a transaction
 * for a bulk write. Imports go through importMasts.
 */
export function upsertMasts(
  db: Database.Database,
  provinceId: string,
  masts: readonly MastInput[],
  now: Date,
  source: MastWriteSource = { kind: 'file', name: null, importedBy: null },
): { inserted: number; updated: number } {
  const write = prepareMastWrite(db);
  let inserted = 0;
  for (const mast of masts) {
    if (!getMast(db, provinceId, mast.id)) inserted++;
    write(provinceId, mast, source, now);
  }
  return { inserted, updated: masts.length - inserted };
}

/** Committed loads of approved (not yet built) requests, per mast id, in one province. */
export function approvedLoadsByMast(db: Database.Database, provinceId: string) {
  const rows = db
    .prepare(
      `SELECT mast_id, wind_load_area_m2, weight_kg FROM colocation_requests
       WHERE province_id = ? AND target_kind = 'mast' AND state = 'approved'`,
    )
    .all(provinceId) as { mast_id: string; wind_load_area_m2: number | null; weight_kg: number | null }[];
  const loads = new Map<string, { windLoadAreaM2: number | null; weightKg: number | null }[]>();
  for (const row of rows) {
    const list = loads.get(row.mast_id) ?? [];
    list.push({ windLoadAreaM2: row.wind_load_area_m2, weightKg: row.weight_kg });
    loads.set(row.mast_id, list);
  }
  return loads;
}

/**
 * The masts of a province that are there, by id, with the user name of who imported each (null for the server).
 * `afterId` and `limit` page through them (ids after `afterId`, at most `limit`).
 */
export function listMasts(
  db: Database.Database,
  provinceId: string,
  operator?: string,
  paging: { afterId?: string; limit?: number } = {},
): (MastRow & { imported_by_username: string | null })[] {
  const where = ['masts.province_id = ?', 'masts.removed_at IS NULL'];
  const values: (string | number)[] = [provinceId];
  if (operator !== undefined) {
    where.push('masts.operator = ?');
    values.push(operator);
  }
  if (paging.afterId !== undefined) {
    where.push('masts.id > ?');
    values.push(paging.afterId);
  }
  const limit = paging.limit === undefined ? '' : 'LIMIT ?';
  if (paging.limit !== undefined) values.push(paging.limit);
  return db
    .prepare(
      `SELECT masts.*, users.username AS imported_by_username FROM masts
       LEFT JOIN users ON users.id = masts.imported_by
       WHERE ${where.join(' AND ')} ORDER BY masts.id ${limit}`,
    )
    .all(...values) as (MastRow & { imported_by_username: string | null })[];
}

export function mastJson(
  row: MastRow & { imported_by_username?: string | null },
  committed: readonly { windLoadAreaM2: number | null; weightKg: number | null }[],
): MastJson {
  const tenants = mastTenants(row);
  return {
    id: row.id,
    provinceId: row.province_id,
    operator: row.operator,
    lon: row.lon,
    lat: row.lat,
    heightM: row.height_m,
    mastType: row.mast_type,
    tenants,
    radiusM: row.radius_m,
    tenantCount: row.tenant_count,
    source: {
      kind: row.source_kind,
      name: row.source_name,
      importedAt: row.imported_at,
      importedBy: row.imported_by_username ?? null,
    },
    capacity: spareMastCapacity({
      mastType: row.mast_type,
      heightM: row.height_m,
      tenantCount: mastTenantCount(row),
      committed,
    }),
  };
}
