import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SessionUser } from '../auth/sessionUser';
import { type Sql, SYSTEM_DB_ACTOR } from '../db/sqlDatabase';
import { checkColocationRequest } from '../domain/checkColocationRequest';
import {
  addMonthsUtc,
  REQUEST_STATES,
  type RequestAction,
  type RequestState,
  transitionRequest,
} from '../domain/colocationRequestStateMachine';
import { addRoute } from '../http/addRoute';
import type { AppContext } from '../http/appContext';
import { cursorSchema, decodeCursor, page } from '../http/cursor';
import { HttpError, notFound, signedIn } from '../http/httpError';
import { type AuditRow, listAudit, writeAudit } from '../store/audit';
import { getMast, mastTenants } from '../store/masts';
import {
  checkStoredRequest,
  getRequest,
  hasOpenRequestForTarget,
  lapseDueApprovals,
  type RequestRow,
  requestAuditValue,
  requestJson,
  resolveTarget,
} from '../store/requests';
import { getProvince } from './provinceRoutes';
import { provinceIdSchema, requestParams, versionSchema } from './schemas';

const targetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('mast'), mastId: z.string().trim().min(1).max(100) }),
  z.strictObject({
    kind: z.literal('proposedSite'),
    planId: z.string().uuid(),
    siteId: z.string().trim().min(1).max(100),
  }),
]);

const newRequestSchema = z
  .strictObject({
    provinceId: provinceIdSchema,
    target: targetSchema,
    /** What goes on the mast, e.g. "3 x AAU 64T64R n41 + 1 x RRU B3". */
    equipment: z.string().trim().min(1).max(500),
    antennaHeightM: z.number().positive().max(300),
    /** Band or bands, e.g. "n41", "B3 1800". */
    band: z.string().trim().min(1).max(60),
    windLoadAreaM2: z.number().positive().max(100).nullable().default(null),
    weightKg: z.number().positive().max(10_000).nullable().default(null),
    /** false keeps it as a draft; true (default) submits it to the province at once. */
    submit: z.boolean().default(true),
  })
  .refine((body) => body.windLoadAreaM2 !== null || body.weightKg !== null, {
    message: 'give the wind-load area (windLoadAreaM2) or the weight (weightKg) of the equipment, or both',
    path: ['windLoadAreaM2'],
  });

const transitionBodies = {
  submit: z.strictObject({ version: versionSchema.optional() }).default({}),
  withdraw: z
    .strictObject({ version: versionSchema.optional(), reason: z.string().trim().max(2000).optional() })
    .default({}),
  approve: z
    .strictObject({ version: versionSchema.optional(), note: z.string().trim().max(2000).optional() })
    .default({}),
  reject: z.strictObject({ version: versionSchema.optional(), reason: z.string().trim().min(1).max(2000) }),
  reportBuilt: z
    .strictObject({ version: versionSchema.optional(), builtAt: z.string().datetime({ offset: true }).optional() })
    .default({}),
} as const;

type TransitionBody = { version?: number; reason?: string; note?: string; builtAt?: string };

/** Requests per page of GET /api/requests: by default, and at most. */
export const REQUEST_PAGE_DEFAULT = 1000;
export const REQUEST_PAGE_MAX = 5000;

const capacityError = (problems: { code: string; message: string }[], capacity: unknown) =>
  new HttpError(422, 'capacity', problems.map((problem) => problem.message).join('; '), { problems, capacity });

/**
 * Co-location requests. Operators file and follow their own; the province decides those in its province; the
 * ministry reads all. Every change goes through the state machine and writes its audit row in the same transaction.
 */
export function requestRoutes(app: FastifyInstance, context: AppContext): void {
  // Approvals lapse for everyone: the server does it, as itself, whoever's request brought it about.
  const system = context.db.as(SYSTEM_DB_ACTOR);

  const history = async (db: Sql, requestId: string) =>
    (await listAudit(db, { entityType: 'colocationRequest', entityId: requestId })).reverse().map((row: AuditRow) => {
      const before = row.old_value ? (JSON.parse(row.old_value) as { state?: RequestState }) : null;
      const after = row.new_value
        ? (JSON.parse(row.new_value) as { state?: RequestState; decisionReason?: string | null })
        : null;
      return {
        at: row.at,
        action: row.action,
        actor: { username: row.actor_username, role: row.actor_role },
        fromState: before?.state ?? null,
        toState: after?.state ?? null,
        reason: after?.decisionReason ?? null,
      };
    });

  addRoute(app, {
    method: 'GET',
    url: '/api/requests',
    querystring: z.strictObject({
      provinceId: provinceIdSchema.optional(),
      operator: z.string().max(60).optional(),
      state: z.enum(REQUEST_STATES as [RequestState, ...RequestState[]]).optional(),
      limit: z.coerce.number().int().min(1).max(REQUEST_PAGE_MAX).default(REQUEST_PAGE_DEFAULT),
      after: cursorSchema,
    }),
    handler: async ({ query, user, db }) => {
      const viewer = signedIn(user);
      const now = context.now();
      await lapseDueApprovals(system, now);
      const where: string[] = [];
      const values: (string | number)[] = [];
      const provinceId = viewer.role === 'province' ? viewer.provinceId : query.provinceId;
      const operator = viewer.role === 'operator' ? viewer.operator : query.operator;
      if (provinceId) {
        where.push('province_id = ?');
        values.push(provinceId);
      }
      if (operator) {
        where.push('operator = ?');
        values.push(operator);
      }
      if (query.state) {
        where.push('state = ?');
        values.push(query.state);
      }
      if (query.after !== undefined) {
        // Newest first, ties by id: continue after the last (created_at, id) answered.
        const [createdAt, id] = decodeCursor(query.after, ['string', 'string']);
        where.push('(created_at < ? OR (created_at = ? AND id > ?))');
        values.push(createdAt, createdAt, id);
      }
      const { rows, nextCursor } = page(
        await db.all<RequestRow>(
          `SELECT * FROM colocation_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY created_at DESC, id LIMIT ?`,
          [...values, query.limit + 1],
        ),
        query.limit,
        (row) => [row.created_at, row.id],
      );
      return { requests: rows.map((row) => requestJson(row, viewer.role, now)), nextCursor };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/requests',
    body: newRequestSchema,
    handler: async ({ body, user, reply, db }) => {
      const actor = signedIn(user);
      const operator = actor.operator as string;
      const now = context.now();
      await getProvince(db, body.provinceId);
      const row = await db.transaction(async (tx) => {
        const resolved = await resolveTarget(tx, body.provinceId, body.target, null);
        if (!resolved) {
          const what =
            body.target.kind === 'mast'
              ? `mast ${body.target.mastId}`
              : `proposed site ${body.target.siteId} in a published plan ${body.target.planId}`;
          throw new HttpError(422, 'unknown_target', `there is no ${what} in province ${body.provinceId}`);
        }
        if (resolved.siteMastId) {
          // One mast, one capacity: a proposed site on an existing mast is requested as that mast.
          throw new HttpError(
            409,
            'site_is_mast',
            `proposed site ${body.target.kind === 'proposedSite' ? body.target.siteId : ''} is the existing mast ${resolved.siteMastId}: request co-location on the mast`,
            { mastId: resolved.siteMastId },
          );
        }
        const check = checkColocationRequest({
          target: resolved.target,
          committed: resolved.committed,
          hasOpenRequestForTarget: await hasOpenRequestForTarget(tx, body.provinceId, operator, body.target, null),
          equipment: {
            operator,
            antennaHeightM: body.antennaHeightM,
            windLoadAreaM2: body.windLoadAreaM2,
            weightKg: body.weightKg,
          },
        });
        if (!check.ok) throw capacityError(check.problems, check.capacity);
        const id = randomUUID();
        const state: RequestState = body.submit ? 'submitted' : 'draft';
        await tx.run(
          `INSERT INTO colocation_requests (id, province_id, operator, target_kind, mast_id, plan_id, site_id, equipment,
             antenna_height_m, band, wind_load_area_m2, weight_kg, state, submitted_at, created_at, created_by,
             updated_at, version)
           VALUES (@id, @provinceId, @operator, @kind, @mastId, @planId, @siteId, @equipment, @antennaHeightM, @band,
             @windLoadAreaM2, @weightKg, @state, @submittedAt, @now, @userId, @now, 1)`,
          {
            id,
            provinceId: body.provinceId,
            operator,
            kind: body.target.kind,
            mastId: body.target.kind === 'mast' ? body.target.mastId : null,
            planId: body.target.kind === 'proposedSite' ? body.target.planId : null,
            siteId: body.target.kind === 'proposedSite' ? body.target.siteId : null,
            equipment: body.equipment,
            antennaHeightM: body.antennaHeightM,
            band: body.band,
            windLoadAreaM2: body.windLoadAreaM2,
            weightKg: body.weightKg,
            state,
            submittedAt: body.submit ? now.toISOString() : null,
            now: now.toISOString(),
            userId: actor.id,
          },
        );
        const created = (await getRequest(tx, id)) as RequestRow;
        await writeAudit(tx, {
          at: now,
          actor,
          provinceId: body.provinceId,
          action: body.submit ? 'request.submit' : 'request.create',
          entityType: 'colocationRequest',
          entityId: id,
          oldValue: null,
          newValue: requestAuditValue(created),
        });
        return created;
      });
      return reply.code(201).send({ request: requestJson(row, actor.role, now) });
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/requests/:requestId',
    params: requestParams,
    handler: async ({ params, user, db }) => {
      const viewer = signedIn(user);
      const now = context.now();
      await lapseDueApprovals(system, now);
      const row = await getRequest(db, params.requestId);
      if (!row) throw notFound();
      return { request: { ...requestJson(row, viewer.role, now), history: await history(db, row.id) } };
    },
  });

  const transitionRoute = (path: string, action: Exclude<RequestAction, 'lapse'>) =>
    addRoute(app, {
      method: 'POST',
      url: `/api/requests/:requestId/${path}`,
      params: requestParams,
      body: transitionBodies[action] as z.ZodType<TransitionBody>,
      handler: async ({ params, body, user, db }) => {
        const actor = signedIn(user);
        const now = context.now();
        await lapseDueApprovals(system, now);
        const row = await db.transaction((tx) => applyTransition(tx, actor, params.requestId, action, body, now));
        return { request: requestJson(row, actor.role, now) };
      },
    });

  async function applyTransition(
    tx: Sql,
    actor: SessionUser,
    requestId: string,
    action: Exclude<RequestAction, 'lapse'>,
    body: TransitionBody,
    now: Date,
  ): Promise<RequestRow> {
    const before = await getRequest(tx, requestId);
    if (!before) throw notFound();
    if (body.version !== undefined && body.version !== before.version) {
      throw new HttpError(
        409,
        'conflict',
        `the request changed meanwhile (now ${before.state}, version ${before.version}; you saw version ${body.version}): reload it`,
        { currentVersion: before.version, state: before.state },
      );
    }
    const result = transitionRequest(before.state, action, {
      actor: actor.role === 'ministry' ? 'system' : actor.role,
      now,
      approvalExpiresAt: before.approval_expires_at ? new Date(before.approval_expires_at) : null,
      reason: body.reason,
    });
    if (!result.ok) {
      const status = result.code === 'reason_required' ? 400 : result.code === 'wrong_actor' ? 403 : 409;
      throw new HttpError(status, result.code, result.message, { state: before.state });
    }
    if (action === 'submit' || action === 'approve') {
      const check = await checkStoredRequest(tx, before);
      if (!check) throw new HttpError(409, 'unknown_target', 'the mast or proposed site of this request is gone');
      if (!check.ok) throw capacityError(check.problems, check.capacity);
    }
    const at = now.toISOString();
    const changes: Record<string, string | number | null> = { state: result.to };
    if (action === 'submit') changes.submitted_at = at;
    if (action === 'approve' || action === 'reject') {
      changes.decided_at = at;
      changes.decided_by = actor.id;
      changes.decision_reason = (action === 'approve' ? body.note : body.reason) ?? null;
    }
    if (action === 'approve') {
      const province = await getProvince(tx, before.province_id);
      changes.approval_expires_at = addMonthsUtc(now, province.lapse_months).toISOString();
    }
    if (action === 'withdraw' && body.reason) changes.decision_reason = body.reason;
    if (action === 'reportBuilt') {
      const builtAt = body.builtAt ? new Date(body.builtAt) : now;
      if (builtAt.getTime() > now.getTime()) throw new HttpError(400, 'invalid_input', 'builtAt is in the future');
      changes.built_at = builtAt.toISOString();
    }
    const columns = Object.keys(changes);
    await tx.run(
      `UPDATE colocation_requests SET ${columns.map((column) => `${column} = @${column}`).join(', ')},
         updated_at = @updatedAt, version = version + 1 WHERE id = @id AND version = @version`,
      { ...changes, updatedAt: at, id: before.id, version: before.version },
    );
    const after = (await getRequest(tx, before.id)) as RequestRow;
    await writeAudit(tx, {
      at: now,
      actor,
      provinceId: before.province_id,
      action: `request.${action}`,
      entityType: 'colocationRequest',
      entityId: before.id,
      oldValue: requestAuditValue(before),
      newValue: requestAuditValue(after),
    });
    if (action === 'reportBuilt' && before.target_kind === 'mast') await addTenant(tx, actor, before, now);
    return after;
  }

  /** A built co-location puts the operator on the mast's tenant list (so it is not counted twice later). */
  async function addTenant(tx: Sql, actor: SessionUser, request: RequestRow, now: Date) {
    const mast = await getMast(tx, request.province_id, request.mast_id as string);
    if (!mast) return;
    const tenants = mastTenants(mast);
    if (tenants.includes(request.operator)) return;
    const next = [...tenants, request.operator];
    // A count without names (the file's) grows by the newcomer too: it was not among the named tenants.
    const tenantCount = mast.tenant_count === null ? null : Math.min(8, mast.tenant_count + 1);
    await tx.run('UPDATE masts SET tenants = ?, tenant_count = ?, updated_at = ? WHERE province_id = ? AND id = ?', [
      JSON.stringify(next),
      tenantCount,
      now.toISOString(),
      mast.province_id,
      mast.id,
    ]);
    await writeAudit(tx, {
      at: now,
      actor,
      provinceId: request.province_id,
      action: 'mast.addTenant',
      entityType: 'mast',
      entityId: mast.id,
      oldValue: { tenants },
      newValue: { tenants: next, requestId: request.id },
    });
  }

  transitionRoute('submit', 'submit');
  transitionRoute('withdraw', 'withdraw');
  transitionRoute('report-built', 'reportBuilt');
  transitionRoute('approve', 'approve');
  transitionRoute('reject', 'reject');
}
