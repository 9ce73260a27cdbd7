import type { MastType } from '../../core/model/tower';
import type { Role } from '../auth/sessionUser';
import type { Sql } from '../db/sqlDatabase';
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
import { proposedSiteMastId } from './proposedSiteMasts';

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

export function getRequest(db: Sql, requestId: string): Promise<RequestRow | undefined> {
  return db.get<RequestRow>('SELECT * FROM colocation_requests WHERE id = ?', [requestId]);
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
export async function resolveTarget(
  db: Sql,
  provinceId: string,
  target: RequestTarget,
  excludeRequestId: string | null,
): Promise<{ target: ColocationTarget; committed: CommittedLoad[]; siteMastId?: string | null } | null> {
  if (target.kind === 'mast') {
    const mast = await getMast(db, provinceId, target.mastId);
    if (!mast) return null;
    const committed = await db.all<CommittedLoad>(
      `SELECT wind_load_area_m2 AS "windLoadAreaM2", weight_kg AS "weightKg" FROM request_targets
       WHERE province_id = ? AND mast_id = ? AND state = 'approved' AND id IS DISTINCT FROM ?`,
      [provinceId, target.mastId, excludeRequestId],
    );
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
  const plan = await getPlan(db, target.planId);
  if (!plan || plan.province_id !== provinceId || plan.published_version === null) return null;
  const version = await getPlanVersion(db, plan.id, plan.published_version);
  const site = version && parseStoredDocument(version.document).proposedSites.find((s) => s.id === target.siteId);
  if (!site) return null;
  const committed = await db.all<CommittedLoad>(
    `SELECT wind_load_area_m2 AS "windLoadAreaM2", weight_kg AS "weightKg" FROM request_targets
     WHERE plan_id = ? AND site_id = ? AND state IN ('approved', 'built') AND id IS DISTINCT FROM ?`,
    [target.planId, target.siteId, excludeRequestId],
  );
  return {
    target: {
      mastType: site.mastType as MastType | null,
      heightM: site.heightM,
      tenants: site.tenants,
      tenantSlots: site.tenantSlots,
    },
    committed,
    siteMastId: await proposedSiteMastId(db, provinceId, site),
  };
}

export async function hasOpenRequestForTarget(
  db: Sql,
  provinceId: string,
  operator: string,
  target: RequestTarget,
  excludeRequestId: string | null,
): Promise<boolean> {
  const states = OPEN_REQUEST_STATES.map((state) => `'${state}'`).join(', ');
  const row =
    target.kind === 'mast'
      ? await db.get(
          `SELECT 1 AS found FROM colocation_requests WHERE province_id = ? AND operator = ? AND mast_id = ?
           AND state IN (${states}) AND id IS DISTINCT FROM ?`,
          [provinceId, operator, target.mastId, excludeRequestId],
        )
      : await db.get(
          `SELECT 1 AS found FROM colocation_requests WHERE operator = ? AND plan_id = ? AND site_id = ?
           AND state IN (${states}) AND id IS DISTINCT FROM ?`,
          [operator, target.planId, target.siteId, excludeRequestId],
        );
  return row !== undefined;
}

/** Capacity and rule check of a stored request against its target now (its own load excluded from committed). */
export async function checkStoredRequest(db: Sql, row: RequestRow): Promise<CapacityCheck | null> {
  const target = requestTarget(row);
  const resolved = await resolveTarget(db, row.province_id, target, row.id);
  if (!resolved) return null;
  return checkColocationRequest({
    target: resolved.target,
    committed: resolved.committed,
    hasOpenRequestForTarget: await hasOpenRequestForTarget(db, row.province_id, row.operator, target, row.id),
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
export async function lapseDueApprovals(db: Sql, now: Date): Promise<number> {
  const dueQuery = `SELECT * FROM colocation_requests WHERE state = 'approved' AND approval_expires_at <= ? ORDER BY id`;
  // Most calls find nothing due: look first without a transaction.
  if ((await db.all<RequestRow>(dueQuery, [now.toISOString()])).length === 0) return 0;
  return db.transaction(async (tx) => {
    const due = await tx.all<RequestRow>(dueQuery, [now.toISOString()]);
    let lapsed = 0;
    for (const row of due) {
      const result = transitionRequest(row.state, 'lapse', {
        actor: 'system',
        now,
        approvalExpiresAt: row.approval_expires_at ? new Date(row.approval_expires_at) : null,
      });
      if (!result.ok) continue;
      const { changes } = await tx.run(
        `UPDATE colocation_requests SET state = 'lapsed', updated_at = ?, version = version + 1
         WHERE id = ? AND version = ?`,
        [now.toISOString(), row.id, row.version],
      );
      if (changes === 0) continue;
      lapsed++;
      const after = (await getRequest(tx, row.id)) as RequestRow;
      await writeAudit(tx, {
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
    return lapsed;
  });
}
