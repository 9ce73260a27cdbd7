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
}

export interface MastJson {
  id: string;
  provinceId: string;
  operator: string;
  lon: number;
  lat: number;
  heightM: number | null;
  mastType: MastType | null;
  tenants: string[];
  capacity: SpareMastCapacity;
}

/** A mast record from an imported tower (tenants always include the owner). */
export type MastInput = Pick<Tower, 'id' | 'operator' | 'lon' | 'lat' | 'heightM' | 'mastType' | 'tenants'>;

export function mastTenants(row: Pick<MastRow, 'tenants'>): string[] {
  return JSON.parse(row.tenants) as string[];
}

export function getMast(db: Database.Database, provinceId: string, mastId: string): MastRow | undefined {
  return db.prepare('SELECT * FROM masts WHERE province_id = ? AND id = ?').get(provinceId, mastId) as
    | MastRow
    | undefined;
}

/** Insert or update masts by id; returns how many were new. Call inside a transaction for a bulk import. */
export function upsertMasts(
  db: Database.Database,
  provinceId: string,
  masts: readonly MastInput[],
  now: Date,
): { inserted: number; updated: number } {
  const exists = db.prepare('SELECT 1 FROM masts WHERE province_id = ? AND id = ?');
  const upsert = db.prepare(
    `INSERT INTO masts (province_id, id, operator, lon, lat, height_m, mast_type, tenants, updated_at)
     VALUES (@provinceId, @id, @operator, @lon, @lat, @heightM, @mastType, @tenants, @now)
     ON CONFLICT (province_id, id) DO UPDATE SET operator = excluded.operator, lon = excluded.lon, lat = excluded.lat,
       height_m = excluded.height_m, mast_type = excluded.mast_type, tenants = excluded.tenants,
       updated_at = excluded.updated_at`,
  );
  let inserted = 0;
  for (const mast of masts) {
    if (!exists.get(provinceId, mast.id)) inserted++;
    const tenants = [...new Set([mast.operator, ...mast.tenants])];
    upsert.run({
      provinceId,
      id: mast.id,
      operator: mast.operator,
      lon: mast.lon,
      lat: mast.lat,
      heightM: mast.heightM,
      mastType: mast.mastType,
      tenants: JSON.stringify(tenants),
      now: now.toISOString(),
    });
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

export function mastJson(
  row: MastRow,
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
    capacity: spareMastCapacity({
      mastType: row.mast_type,
      heightM: row.height_m,
      tenantCount: tenants.length,
      committed,
    }),
  };
}
