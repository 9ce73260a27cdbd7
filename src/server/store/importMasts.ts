import { haversineDistanceM } from '../../core/geo/haversineDistanceM';
import type { Sql } from '../db/sqlDatabase';
import type { RequestState } from '../domain/colocationRequestStateMachine';
import { isNearProvince } from '../domain/provinceExtents';
import { type AuditActor, writeAudit } from './audit';
import {
  MAST_COLUMNS,
  type MastInput,
  type MastRow,
  type MastSourceKind,
  mastColumns,
  mastTenantCount,
  mastTenants,
  writeMasts,
} from './masts';

/**
 * - `updateById`: new ids are inserted, known ids updated; nothing is removed.
 * - `add`: new ids are inserted; ids already there are left alone and counted as skipped.
 * - `replaceOperator`: updateById, then the masts of the import's operators that the import does not list are removed.
 */
export type MastImportMode = 'replaceOperator' | 'add' | 'updateById';
export const MAST_IMPORT_MODES: readonly MastImportMode[] = ['replaceOperator', 'add', 'updateById'];

/** A request in one of these states keeps its mast through a replacing import (the province counts on the mast). */
export const REQUEST_STATES_KEEPING_MAST: readonly RequestState[] = ['submitted', 'approved', 'built'];

/** Ids listed in the audit entry, at most (an import may hold 100,000 masts). */
const AUDIT_ID_LIMIT = 1000;

export interface MastImportRequest {
  provinceId: string;
  towers: readonly MastInput[];
  mode: MastImportMode;
  source: { kind: MastSourceKind; name: string };
  actor: AuditActor;
  /**
   * The operator an operator account imports for: every tower must be its own, no id may belong to another operator's
   * mast, and only its masts are removed. Null for the province (and the server): any operator, and a replacing
   * import removes masts of the operators the towers name.
   */
  ownOperator: string | null;
  now: Date;
}

export interface MastImportResult {
  inserted: number;
  updated: number;
  /** Ids listed with exactly the stored values (and the same kind of source): not written. */
  unchanged: number;
  removed: number;
  /** `add` only: ids already there. */
  skipped: number;
  /** Masts a replacing import would have removed but kept: a request submitted, approved or built names them. */
  keptWithRequests: string[];
  /**
   * An operator account's import: other operators it named as tenants of its masts that the register does not
   * already have there (left out: an operator speaks for itself; the province records other tenants, and built
   * requests add them).
   */
  foreignTenantsIgnored: number;
  /**
   * An operator account's import: masts with a co-location approved or built on them whose position (moved more than
   * COMMITTED_MOVE_M), height (lowered) or class the file changes. Those stay as they are (the other columns are
   * written): an approval was given for that mast; the province changes them.
   */
  keptCommitted: string[];
}

/** How far an operator's file may move a mast others are approved on (positions retyped, rounded), metres. */
export const COMMITTED_MOVE_M = 5;

export interface MastImportRefusal {
  status: 400 | 403 | 409 | 422;
  code: string;
  message: string;
  details: unknown;
}

export type MastImportOutcome = { ok: true; result: MastImportResult } | { ok: false; refusal: MastImportRefusal };

/**
 * Import masts into a province in one transaction with its audit entry (`masts.import`). Refused, with nothing
 * written, when an id repeats (400), when an operator account sends another operator's tower (403) or an id that is
 * another operator's mast in the province, even a removed one (409).
 * Operators of built co-location requests stay on the tenant list of their mast whatever the file says: the file
 * may predate the co-location, and dropping them would show a slot as free that is taken.
 * A removed mast is deleted, or only marked removed when some request (in any state) still names it.
 */
export function importMasts(db: Sql, request: MastImportRequest): Promise<MastImportOutcome> {
  return db.transaction(async (tx): Promise<MastImportOutcome> => {
    const refusal = await checkImport(tx, request);
    if (refusal) return { ok: false, refusal };
    const result = await writeImport(tx, request);
    await writeAudit(tx, {
      at: request.now,
      actor: request.actor,
      provinceId: request.provinceId,
      action: 'masts.import',
      entityType: 'masts',
      entityId: request.provinceId,
      oldValue: null,
      newValue: {
        mode: request.mode,
        sourceName: request.source.name,
        sourceKind: request.source.kind,
        ...result.counts,
        keptWithRequests: result.counts.keptWithRequests.slice(0, AUDIT_ID_LIMIT),
        keptCommitted: result.counts.keptCommitted.slice(0, AUDIT_ID_LIMIT),
        ids: request.towers.slice(0, AUDIT_ID_LIMIT).map((tower) => tower.id),
        removedIds: result.removedIds.slice(0, AUDIT_ID_LIMIT),
      },
    });
    return { ok: true, result: result.counts };
  });
}

async function checkImport(db: Sql, request: MastImportRequest): Promise<MastImportRefusal | null> {
  const firstIndex = new Map<string, number>();
  for (const [index, tower] of request.towers.entries()) {
    const earlier = firstIndex.get(tower.id);
    if (earlier !== undefined) {
      return {
        status: 400,
        code: 'invalid_input',
        message: `towers[${index}] repeats the id "${tower.id}" of towers[${earlier}]: each mast once per import`,
        details: { index, id: tower.id },
      };
    }
    firstIndex.set(tower.id, index);
    // A mast far from its province (another province's, a position typed wrong): nothing is written.
    if (!isNearProvince(request.provinceId, tower.lon, tower.lat)) {
      return {
        status: 422,
        code: 'outside_province',
        message:
          `towers[${index}] (id "${tower.id}") at ${tower.lon}, ${tower.lat} is not in ${request.provinceId}: ` +
          'a province imports its own masts',
        details: { index, id: tower.id, lon: tower.lon, lat: tower.lat, provinceId: request.provinceId },
      };
    }
  }
  const own = request.ownOperator;
  if (own === null) return null;
  const foreignIndex = request.towers.findIndex((tower) => tower.operator !== own);
  if (foreignIndex >= 0) {
    const tower = request.towers[foreignIndex];
    return {
      status: 403,
      code: 'forbidden',
      message: `towers[${foreignIndex}] (id "${tower.id}") is a mast of ${tower.operator}: an operator account imports only its own masts (${own})`,
      details: { index: foreignIndex, id: tower.id, operator: tower.operator },
    };
  }
  // One read of the province's owners, not a query per tower (100,000 round trips on PostgreSQL).
  const ownerOf = new Map(
    (
      await db.all<{ id: string; operator: string }>('SELECT id, operator FROM masts WHERE province_id = ?', [
        request.provinceId,
      ])
    ).map((row) => [row.id, row.operator]),
  );
  for (const [index, tower] of request.towers.entries()) {
    const owner = ownerOf.get(tower.id);
    if (owner !== undefined && owner !== own) {
      return {
        status: 409,
        code: 'conflict',
        message: `the id "${tower.id}" (towers[${index}]) is a mast of another operator in ${request.provinceId}: nothing was imported; give your mast another id`,
        details: { index, id: tower.id },
      };
    }
  }
  return null;
}

async function writeImport(db: Sql, request: MastImportRequest) {
  const { provinceId, now } = request;
  const existing = new Map(
    (await db.all<MastRow>(`SELECT ${MAST_COLUMNS} FROM masts WHERE province_id = ?`, [provinceId])).map((row) => [
      row.id,
      row,
    ]),
  );
  const builtTenants = new Map<string, string[]>();
  for (const row of await db.all<{ mast_id: string; operator: string }>(
    `SELECT mast_id, built_operator AS operator FROM request_targets
     WHERE province_id = ? AND target_kind = 'mast' AND state = 'built' ORDER BY built_at, id`,
    [provinceId],
  )) {
    builtTenants.set(row.mast_id, [...(builtTenants.get(row.mast_id) ?? []), row.operator]);
  }
  const toWrite: MastInput[] = [];
  const source = { kind: request.source.kind, name: request.source.name, importedBy: request.actor.id };
  const counts: MastImportResult = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    skipped: 0,
    keptWithRequests: [],
    foreignTenantsIgnored: 0,
    keptCommitted: [],
  };
  const own = request.ownOperator;
  // Masts with a co-location approved or built: an operator's file does not move, lower or reclass them.
  const committed = own
    ? new Set(
        (
          await db.all<{ mast_id: string }>(
            `SELECT DISTINCT mast_id FROM request_targets
             WHERE province_id = ? AND target_kind = 'mast' AND state IN ('approved', 'built')`,
            [provinceId],
          )
        ).map((row) => row.mast_id),
      )
    : new Set<string>();
  for (const tower of request.towers) {
    const row = existing.get(tower.id);
    const present = row !== undefined && row.removed_at === null;
    if (present && request.mode === 'add') {
      counts.skipped++;
      continue;
    }
    // An operator names other operators on its mast only as the register has them already: otherwise an owner could
    // fill a mast with its competitors and have their requests refused for want of a slot.
    const recorded = own && row ? mastTenants(row) : [];
    const named = own ? tower.tenants.filter((tenant) => tenant === own || recorded.includes(tenant)) : tower.tenants;
    counts.foreignTenantsIgnored += tower.tenants.length - named.length;
    let mast: MastInput = { ...tower, tenants: [...new Set([...named, ...(builtTenants.get(tower.id) ?? [])])] };
    // A count of operators follows the same rule as names: an operator's file claims no more sharing than the
    // register records on its mast (a count of 2 on a mast alone would make it shared by word of its owner).
    if (own && mast.tenantCount !== undefined && mast.tenantCount !== null) {
      const allowed = Math.max(row ? mastTenantCount(row) : 1, mast.tenants.length);
      if (mast.tenantCount > allowed) {
        counts.foreignTenantsIgnored += mast.tenantCount - allowed;
        mast = { ...mast, tenantCount: allowed > mast.tenants.length ? allowed : undefined };
      }
    }
    mast = { ...mast, tenants5g: fiveGTenants(mast, own, present ? row : undefined) };
    if (present && committed.has(tower.id) && changesCommitment(row, mast)) {
      mast = { ...mast, lon: row.lon, lat: row.lat, heightM: row.height_m, mastType: row.mast_type };
      counts.keptCommitted.push(tower.id);
    }
    if (present && sameValues(row, mast, request.source.kind)) {
      counts.unchanged++;
      continue;
    }
    toWrite.push(mast);
    if (present) counts.updated++;
    else counts.inserted++;
  }
  await writeMasts(db, provinceId, toWrite, source, now);

  const removedIds: string[] = [];
  if (request.mode === 'replaceOperator') {
    const operators = new Set(
      request.ownOperator ? [request.ownOperator] : request.towers.map((tower) => tower.operator),
    );
    const listed = new Set(request.towers.map((tower) => tower.id));
    const states = REQUEST_STATES_KEEPING_MAST.map((state) => `'${state}'`).join(', ');
    const requestedIds = async (state: string) =>
      new Set(
        (
          await db.all<{ mast_id: string }>(
            `SELECT DISTINCT mast_id FROM request_targets
             WHERE province_id = ? AND target_kind = 'mast' ${state}`,
            [provinceId],
          )
        ).map((row) => row.mast_id),
      );
    const keeping = await requestedIds(`AND state IN (${states})`);
    const named = await requestedIds('');
    const deleted: string[] = [];
    const marked: string[] = [];
    for (const row of existing.values()) {
      if (row.removed_at !== null || !operators.has(row.operator) || listed.has(row.id)) continue;
      if (keeping.has(row.id)) {
        counts.keptWithRequests.push(row.id);
        continue;
      }
      if (named.has(row.id)) marked.push(row.id);
      else deleted.push(row.id);
      removedIds.push(row.id);
      counts.removed++;
    }
    await removeMasts(db, provinceId, deleted, marked, now);
    counts.keptWithRequests.sort();
    removedIds.sort();
  }
  return { counts, removedIds };
}

/** Whether `mast` moves `row` more than COMMITTED_MOVE_M, lowers it, or changes its class. */
function changesCommitment(row: MastRow, mast: MastInput): boolean {
  const movedM = haversineDistanceM(row.lon, row.lat, mast.lon, mast.lat);
  const lowered = row.height_m !== null && (mast.heightM ?? null) !== null && (mast.heightM as number) < row.height_m;
  const reclassed = (mast.mastType ?? null) !== row.mast_type;
  return movedM > COMMITTED_MOVE_M || lowered || (mast.heightM == null && row.height_m !== null) || reclassed;
}

/** Whether storing `mast` would change nothing but the import time (a synthetic mast confirmed by a file changes). */
function sameValues(row: MastRow, mast: MastInput, sourceKind: MastSourceKind): boolean {
  const columns = mastColumns(mast);
  return (
    row.source_kind === sourceKind &&
    row.operator === columns.operator &&
    row.lon === columns.lon &&
    row.lat === columns.lat &&
    row.height_m === columns.height_m &&
    row.mast_type === columns.mast_type &&
    row.tenants === columns.tenants &&
    row.radius_m === columns.radius_m &&
    row.tenant_count === columns.tenant_count &&
    row.has_4g === columns.has_4g &&
    row.tenants_5g === columns.tenants_5g &&
    row.radius_5g_m === columns.radius_5g_m &&
    row.azimuths_deg === columns.azimuths_deg &&
    row.tilts_deg === columns.tilts_deg &&
    row.bands === columns.bands
  );
}

/**
 * The tenants running 5G on a mast once imported: only operators on the mast. An operator's file speaks for its own
 * 5G; the other tenants' stay as the register has them (a file that says nothing of 5G leaves the mast's list as
 * stored, a file that says something replaces the operator's own entry). The province's file gives the whole list.
 */
function fiveGTenants(mast: MastInput, own: string | null, row: MastRow | undefined): readonly string[] | null {
  const onMast = new Set([mast.operator, ...mast.tenants]);
  const said = mast.tenants5g ?? null;
  if (own === null) return said === null ? null : said.filter((tenant) => onMast.has(tenant));
  const stored = row?.tenants_5g == null ? null : (JSON.parse(row.tenants_5g) as string[]);
  if (said === null && stored === null) return null;
  const others = (stored ?? []).filter((tenant) => tenant !== own && onMast.has(tenant));
  const ownRuns5g = said === null ? (stored ?? []).includes(own) : said.includes(own);
  return ownRuns5g ? [own, ...others] : others;
}

/** Ids per statement when removing masts (one round trip each on PostgreSQL). */
const REMOVE_BATCH = 1000;

/** Delete the masts `deleted`, mark the masts `marked` removed (a request still names them). */
async function removeMasts(db: Sql, provinceId: string, deleted: string[], marked: string[], now: Date) {
  for (let start = 0; start < deleted.length; start += REMOVE_BATCH) {
    const ids = deleted.slice(start, start + REMOVE_BATCH);
    await db.run(`DELETE FROM masts WHERE province_id = ? AND id IN (${ids.map(() => '?').join(', ')})`, [
      provinceId,
      ...ids,
    ]);
  }
  for (let start = 0; start < marked.length; start += REMOVE_BATCH) {
    const ids = marked.slice(start, start + REMOVE_BATCH);
    await db.run(
      `UPDATE masts SET removed_at = ?, updated_at = ? WHERE province_id = ? AND id IN (${ids.map(() => '?').join(', ')})`,
      [now.toISOString(), now.toISOString(), provinceId, ...ids],
    );
  }
}
