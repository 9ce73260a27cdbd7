import type Database from 'better-sqlite3';
import type { MastType } from '../../core/model/tower';
import type { Role } from '../auth/sessionUser';
import { type CapacityCheck, type ColocationTarget, checkColocationRequest } from '../domain/checkColocationRequest';
import {
  availableActions,
  OPEN_REQUEST_STATES,
  type RequestActor,
  type RequestState,
  transitionRequest,
} from '../domain/colocationRequestStateMachine';
import type { CommittedLoad } from '../domain/spareMastCapacity';
import { SYSTEM_ACTOR, writeAudit } from './audit';
import { getMast, mastTenants } from './masts';
import { getPlan, getPlanVersion, parseStoredDocument } from './plans';

export interface RequestRow {
  id: string;
  province_id: string;
  operator: string;
  target_kind: 'mast' | 'proposedSite';
  mast_id: string | null;
  plan_id: string | null;
  site_id: string | null;
  equipment: string;
  antenna_height_m: number;
  band: string;
  wind_load_area_m2: number | null;
  weight_kg: number | null;
  state: RequestState;
  decision_reason: string | null;
  submitted_at: string | null;
  decided_at: string | null;
  decided_by: number | null;
  approval_expires_at: string | null;
  built_at: string | null;
  created_at: string;
  created_by: number;
  updated_at: string;
  version: number;
}

export type RequestTarget = { kind: 'mast'; mastId: string } | { kind: 'proposedSite'; planId: string; siteId: string };

export function getRequest(db: Database.Database, requestId: string): RequestRow | undefined {
  return db.prepare('SELECT * FROM colocation_requests WHERE id = ?').get(requestId) as RequestRow | undefined;
}

export function requestTarget(row: RequestRow): RequestTarget {
  return row.target_kind === 'mast'
    ? { kind: 'mast', mastId: row.mast_id as string }
    : { kind: 'proposedSite', planId: row.plan_id as string, siteId: row.site_id as string };
}

/** The request as the API shows it; `actions` are what the viewing role could do with it now. */
export function requestJson(row: RequestRow, viewerRole: Role, now: Date) {
  const actor: RequestActor | null = viewerRole === 'ministry' ? null : viewerRole;
  const expiresAt = row.approval_expires_at ? new Date(row.approval_expires_at) : null;
  return {
    id: row.id,
    provinceId: row.province_id,
    operator: row.operator,
    target: requestTarget(row),
    equipment: row.equipment,
    antennaHeightM: row.antenna_height_m,
    band: row.band,
    windLoadAreaM2: row.wind_load_area_m2,
    weightKg: row.weight_kg,
    state: row.state,
    decisionReason: row.decision_reason,
    submittedAt: row.submitted_at,
    decidedAt: row.decided_at,
    approvalExpiresAt: row.approval_expires_at,
    builtAt: row.built_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    actions: actor ? availableActions(row.state, actor, now, expiresAt) : [],
  };
}

/** What the audit trail keeps of a request (every field that can change). */
export function requestAuditValue(row: RequestRow) {
  return {
    state: row.state,
    operator: row.operator,
    target: requestTarget(row),
    equipment: row.equipment,
    antennaHeightM: row.antenna_height_m,
    band: row.band,
    windLoadAreaM2: row.wind_load_area_m2,
    weightKg: row.weight_kg,
    decisionReason: row.decision_reason,
    approvalExpiresAt: row.approval_expires_at,
    builtAt: row.built_at,
    version: row.version,
  };
}

/**
 * The mast, or the proposed site in the plan's *published* version, a request targets, with the loads committed to it
 * by approved requests (and, for proposed sites, built ones: building does not change the plan's tenant list).
 * Null when the target does not exist in the province or is not published.
 */
export function resolveTarget(
  db: Database.Database,
  provinceId: string,
  target: RequestTarget,
  excludeRequestId: string | null,
): { target: ColocationTarget; committed: CommittedLoad[] } | null {
  if (target.kind === 'mast') {
    const mast = getMast(db, provinceId, target.mastId);
    if (!mast) return null;
    const committed = db
      .prepare(
        `SELECT wind_load_area_m2 AS windLoadAreaM2, weight_kg AS weightKg FROM colocation_requests
         WHERE province_id = ? AND mast_id = ? AND state = 'approved' AND id IS NOT ?`,
      )
      .all(provinceId, target.mastId, excludeRequestId) as CommittedLoad[];
    return {
      target: {
        mastType: mast.mast_type,
        heightM: mast.height_m,
        tenants: mastTenants(mast),
        tenantCount: mast.tenant_count,
      },
      committed,
    };
  }
  const plan = getPlan(db, target.planId);
  if (!plan || plan.province_id !== provinceId || plan.published_version === null) return null;
  const version = getPlanVersion(db, plan.id, plan.published_version);
  const site = version && parseStoredDocument(version.document).proposedSites.find((s) => s.id === target.siteId);
  if (!site) return null;
  const committed = db
    .prepare(
      `SELECT wind_load_area_m2 AS windLoadAreaM2, weight_kg AS weightKg FROM colocation_requests
       WHERE plan_id = ? AND site_id = ? AND state IN ('approved', 'built') AND id IS NOT ?`,
    )
    .all(target.planId, target.siteId, excludeRequestId) as CommittedLoad[];
  return {
    target: {
      mastType: site.mastType as MastType | null,
      heightM: site.heightM,
      tenants: site.tenants,
      tenantSlots: site.tenantSlots,
    },
    committed,
  };
}

export function hasOpenRequestForTarget(
  db: Database.Database,
  provinceId: string,
  operator: string,
  target: RequestTarget,
  excludeRequestId: string | null,
): boolean {
  const states = OPEN_REQUEST_STATES.map((state) => `'${state}'`).join(', ');
  const row =
    target.kind === 'mast'
      ? db
          .prepare(
            `SELECT 1 FROM colocation_requests WHERE province_id = ? AND operator = ? AND mast_id = ?
             AND state IN (${states}) AND id IS NOT ?`,
          )
          .get(provinceId, operator, target.mastId, excludeRequestId)
      : db
          .prepare(
            `SELECT 1 FROM colocation_requests WHERE operator = ? AND plan_id = ? AND site_id = ?
             AND state IN (${states}) AND id IS NOT ?`,
          )
          .get(operator, target.planId, target.siteId, excludeRequestId);
  return row !== undefined;
}

/** Capacity and rule check of a stored request against its target now (its own load excluded from committed). */
export function checkStoredRequest(db: Database.Database, row: RequestRow): CapacityCheck | null {
  const target = requestTarget(row);
  const resolved = resolveTarget(db, row.province_id, target, row.id);
  if (!resolved) return null;
  return checkColocationRequest({
    target: resolved.target,
    committed: resolved.committed,
    hasOpenRequestForTarget: hasOpenRequestForTarget(db, row.province_id, row.operator, target, row.id),
    equipment: {
      operator: row.operator,
      antennaHeightM: row.antenna_height_m,
      windLoadAreaM2: row.wind_load_area_m2,
      weightKg: row.weight_kg,
    },
  });
}

/**
 * Move every approval whose period has run out to `lapsed`, each with its audit row, in one transaction. Runs before
 * the request routes read or change requests (so what they show is current) and on a timer.
 */
export function lapseDueApprovals(db: Database.Database, now: Date): number {
  const due = db
    .prepare(`SELECT * FROM colocation_requests WHERE state = 'approved' AND approval_expires_at <= ?`)
    .all(now.toISOString()) as RequestRow[];
  if (due.length === 0) return 0;
  const update = db.prepare(
    `UPDATE colocation_requests SET state = 'lapsed', updated_at = ?, version = version + 1 WHERE id = ? AND version = ?`,
  );
  db.transaction(() => {
    for (const row of due) {
      const result = transitionRequest(row.state, 'lapse', {
        actor: 'system',
        now,
        approvalExpiresAt: row.approval_expires_at ? new Date(row.approval_expires_at) : null,
      });
      if (!result.ok) continue;
      update.run(now.toISOString(), row.id, row.version);
      const after = getRequest(db, row.id) as RequestRow;
      writeAudit(db, {
        at: now,
        actor: SYSTEM_ACTOR,
        provinceId: row.province_id,
        action: 'request.lapse',
        entityType: 'colocationRequest',
        entityId: row.id,
        oldValue: requestAuditValue(row),
        newValue: requestAuditValue(after),
      });
    }
  })();
  return due.length;
}
