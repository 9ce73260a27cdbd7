import type { MastType, Tower } from '../../core/model/tower';
import type { Sql } from '../db/sqlDatabase';
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
  /** 0/1 as the file said; null: not said (4G for every tenant). */
  has_4g: number | null;
  /** JSON list of the tenants running 5G; null: not said (no 5G). */
  tenants_5g: string | null;
  radius_5g_m: number | null;
  /** JSON lists, when the file gave them. */
  azimuths_deg: string | null;
  tilts_deg: string | null;
  bands: string | null;
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
  /** What the file said of the radios (see MastRadio); null where it said nothing. */
  has4g: boolean | null;
  tenants5g: string[] | null;
  radius5gM: number | null;
  azimuthsDeg: number[] | null;
  tiltsDeg: number[] | null;
  bands: string[] | null;
  source: { kind: MastSourceKind; name: string | null; importedAt: string | null; importedBy: string | null };
  capacity: SpareMastCapacity;
}

/** A mast record from an imported tower (tenants always include the owner once stored). */
export type MastInput = Pick<Tower, 'id' | 'operator' | 'lon' | 'lat' | 'heightM' | 'mastType' | 'tenants'> & {
  radiusM?: number | null;
  tenantCount?: number | null;
} & MastRadio;

/**
 * What a station list says about the radios on a mast (the core Tower's optional fields): null or absent where the
 * file said nothing. The register keeps it so that a list saved on the server gives the same 4G/5G figures and
 * sector predictions as before it was saved.
 */
export interface MastRadio {
  has4g?: boolean | null;
  tenants5g?: readonly string[] | null;
  radius5gM?: number | null;
  azimuthsDeg?: readonly number[] | null;
  tiltsDeg?: readonly number[] | null;
  bands?: readonly string[] | null;
}

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
export function getMast(db: Sql, provinceId: string, mastId: string): Promise<MastRow | undefined> {
  return db.get<MastRow>(`SELECT ${MAST_COLUMNS} FROM masts WHERE province_id = ? AND id = ? AND removed_at IS NULL`, [
    provinceId,
    mastId,
  ]);
}

/** The columns of MastRow (on PostgreSQL the table also holds its PostGIS point, which the rows leave out). */
export const MAST_COLUMNS = `province_id, id, operator, lon, lat, height_m, mast_type, tenants, updated_at, radius_m,
  tenant_count, source_kind, source_name, imported_at, imported_by, removed_at, has_4g, tenants_5g, radius_5g_m,
  azimuths_deg, tilts_deg, bands`;

/** A list column's JSON, or null for an absent list (an empty list is kept: "no 5G" said outright). */
const jsonList = (list: readonly unknown[] | null | undefined) => (list == null ? null : JSON.stringify(list));

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
    has_4g: mast.has4g == null ? null : mast.has4g ? 1 : 0,
    tenants_5g: jsonList(mast.tenants5g),
    radius_5g_m: mast.radius5gM ?? null,
    azimuths_deg: jsonList(mast.azimuthsDeg),
    tilts_deg: jsonList(mast.tiltsDeg),
    bands: jsonList(mast.bands),
  };
}

/** The radio columns the import writes beside the mast's own (in MAST_WRITE's and the batch's order). */
const RADIO_COLUMNS = ['has_4g', 'tenants_5g', 'radius_5g_m', 'azimuths_deg', 'tilts_deg', 'bands'] as const;
const RADIO_UPDATE = RADIO_COLUMNS.map((column) => `${column} = excluded.${column}`).join(', ');

const MAST_WRITE = `INSERT INTO masts (province_id, id, operator, lon, lat, height_m, mast_type, tenants, radius_m, tenant_count,
       source_kind, source_name, imported_at, imported_by, updated_at, removed_at, ${RADIO_COLUMNS.join(', ')})
     VALUES (@provinceId, @id, @operator, @lon, @lat, @height_m, @mast_type, @tenants, @radius_m, @tenant_count,
       @sourceKind, @sourceName, @now, @importedBy, @now, NULL, ${RADIO_COLUMNS.map((column) => `@${column}`).join(', ')})
     ON CONFLICT (province_id, id) DO UPDATE SET operator = excluded.operator, lon = excluded.lon, lat = excluded.lat,
       height_m = excluded.height_m, mast_type = excluded.mast_type, tenants = excluded.tenants,
       radius_m = excluded.radius_m, tenant_count = excluded.tenant_count, source_kind = excluded.source_kind,
       source_name = excluded.source_name, imported_at = excluded.imported_at, imported_by = excluded.imported_by,
       updated_at = excluded.updated_at, removed_at = NULL, ${RADIO_UPDATE}`;

/** Insert or update one mast by id with its source; a removed mast comes back. */
export function writeMast(db: Sql, provinceId: string, mast: MastInput, source: MastWriteSource, now: Date) {
  return db.run(MAST_WRITE, {
    provinceId,
    id: mast.id,
    ...mastColumns(mast),
    sourceKind: source.kind,
    sourceName: source.name,
    importedBy: source.importedBy,
    now: now.toISOString(),
  });
}

/** Masts per statement of a bulk write on PostgreSQL (one round trip each). */
const MAST_BATCH = 2000;

/**
 * writeMast for many masts: on SQLite one statement each (in-process, no round trip); on PostgreSQL batches of
 * MAST_BATCH rows in one INSERT .. SELECT FROM unnest(arrays), so that 100,000 masts are 50 round trips, not 100,000.
 */
export async function writeMasts(
  db: Sql,
  provinceId: string,
  masts: readonly MastInput[],
  source: MastWriteSource,
  now: Date,
): Promise<void> {
  if (db.engine === 'sqlite') {
    for (const mast of masts) await writeMast(db, provinceId, mast, source, now);
    return;
  }
  for (let start = 0; start < masts.length; start += MAST_BATCH) {
    const rows = masts.slice(start, start + MAST_BATCH).map((mast) => ({ id: mast.id, ...mastColumns(mast) }));
    const column = <K extends keyof (typeof rows)[number]>(key: K) => JSON.stringify(rows.map((row) => row[key]));
    await db.run(
      `INSERT INTO masts (province_id, id, operator, lon, lat, height_m, mast_type, tenants, radius_m, tenant_count,
         source_kind, source_name, imported_at, imported_by, updated_at, removed_at, ${RADIO_COLUMNS.join(', ')})
       SELECT @provinceId, t.id, t.operator, t.lon, t.lat, t.height_m, t.mast_type, t.tenants, t.radius_m,
         t.tenant_count, @sourceKind, @sourceName, @now, @importedBy::integer, @now, NULL,
         ${RADIO_COLUMNS.map((column) => `t.${column}`).join(', ')}
       FROM unnest(
         ARRAY(SELECT json_array_elements_text(@ids::json)),
         ARRAY(SELECT json_array_elements_text(@operators::json)),
         ARRAY(SELECT (json_array_elements_text(@lons::json))::double precision),
         ARRAY(SELECT (json_array_elements_text(@lats::json))::double precision),
         ARRAY(SELECT (json_array_elements_text(@heights::json))::double precision),
         ARRAY(SELECT json_array_elements_text(@types::json)),
         ARRAY(SELECT json_array_elements_text(@tenants::json)),
         ARRAY(SELECT (json_array_elements_text(@radii::json))::double precision),
         ARRAY(SELECT (json_array_elements_text(@counts::json))::integer),
         ARRAY(SELECT (json_array_elements_text(@has4g::json))::integer),
         ARRAY(SELECT json_array_elements_text(@tenants5g::json)),
         ARRAY(SELECT (json_array_elements_text(@radii5g::json))::double precision),
         ARRAY(SELECT json_array_elements_text(@azimuths::json)),
         ARRAY(SELECT json_array_elements_text(@tilts::json)),
         ARRAY(SELECT json_array_elements_text(@bands::json))
       ) AS t(id, operator, lon, lat, height_m, mast_type, tenants, radius_m, tenant_count,
         ${RADIO_COLUMNS.join(', ')})
       ON CONFLICT (province_id, id) DO UPDATE SET operator = excluded.operator, lon = excluded.lon, lat = excluded.lat,
         height_m = excluded.height_m, mast_type = excluded.mast_type, tenants = excluded.tenants,
         radius_m = excluded.radius_m, tenant_count = excluded.tenant_count, source_kind = excluded.source_kind,
         source_name = excluded.source_name, imported_at = excluded.imported_at, imported_by = excluded.imported_by,
         updated_at = excluded.updated_at, removed_at = NULL, ${RADIO_UPDATE}`,
      {
        provinceId,
        sourceKind: source.kind,
        sourceName: source.name,
        importedBy: source.importedBy,
        now: now.toISOString(),
        ids: column('id'),
        operators: column('operator'),
        lons: column('lon'),
        lats: column('lat'),
        heights: column('height_m'),
        types: column('mast_type'),
        tenants: column('tenants'),
        radii: column('radius_m'),
        counts: column('tenant_count'),
        has4g: column('has_4g'),
        tenants5g: column('tenants_5g'),
        radii5g: column('radius_5g_m'),
        azimuths: column('azimuths_deg'),
        tilts: column('tilts_deg'),
        bands: column('bands'),
      },
    );
  }
}

/**
 * Insert or update masts by id, without audit (test fixtures); returns how many were new. Call inside a transaction
 * for a bulk write. Imports go through importMasts.
 */
export async function upsertMasts(
  db: Sql,
  provinceId: string,
  masts: readonly MastInput[],
  now: Date,
  source: MastWriteSource = { kind: 'file', name: null, importedBy: null },
): Promise<{ inserted: number; updated: number }> {
  let inserted = 0;
  for (const mast of masts) {
    if (!(await getMast(db, provinceId, mast.id))) inserted++;
    await writeMast(db, provinceId, mast, source, now);
  }
  return { inserted, updated: masts.length - inserted };
}

/** Committed loads of approved (not yet built) requests, per mast id, in one province. */
export async function approvedLoadsByMast(db: Sql, provinceId: string) {
  const rows = await db.all<{ mast_id: string; wind_load_area_m2: number | null; weight_kg: number | null }>(
    `SELECT mast_id, wind_load_area_m2, weight_kg FROM request_targets
     WHERE province_id = ? AND target_kind = 'mast' AND state = 'approved'`,
    [provinceId],
  );
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
  db: Sql,
  provinceId: string,
  operator?: string,
  paging: { afterId?: string; limit?: number } = {},
): Promise<(MastRow & { imported_by_username: string | null })[]> {
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
  const columns = MAST_COLUMNS.split(',').map((column) => `masts.${column.trim()}`);
  return db.all<MastRow & { imported_by_username: string | null }>(
    `SELECT ${columns.join(', ')}, users.username AS imported_by_username FROM masts
     LEFT JOIN users ON users.id = masts.imported_by
     WHERE ${where.join(' AND ')} ORDER BY masts.id ${limit}`,
    values,
  );
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
    has4g: row.has_4g === null ? null : row.has_4g === 1,
    tenants5g: parseList<string>(row.tenants_5g),
    radius5gM: row.radius_5g_m,
    azimuthsDeg: parseList<number>(row.azimuths_deg),
    tiltsDeg: parseList<number>(row.tilts_deg),
    bands: parseList<string>(row.bands),
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

function parseList<T>(json: string | null): T[] | null {
  return json === null ? null : (JSON.parse(json) as T[]);
}
