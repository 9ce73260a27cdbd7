import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SessionUser } from '../auth/sessionUser';
import type { Sql } from '../db/sqlDatabase';
import {
  EMPTY_PLAN_DOCUMENT,
  type PlanDocument,
  planDocumentSchema,
  summarizePlanDocument,
} from '../domain/planDocument';
import { addRoute } from '../http/addRoute';
import type { AppContext } from '../http/appContext';
import { HttpError, notFound, signedIn } from '../http/httpError';
import { BODY_LIMITS } from '../http/jsonBody';
import { writeAudit } from '../store/audit';
import { getPlan, getPlanVersion, type PlanRow, parseStoredDocument, publishedPlans, usernameOf } from '../store/plans';
import { getProvince } from './provinceRoutes';
import { planParams, provinceParams, versionSchema } from './schemas';

const planNameSchema = z.string().trim().min(1).max(200);

/**
 * Plans (a province's layers, scenarios and proposed shared sites), versioned: every save makes a new version and
 * keeps the old ones. Saves name the version they are based on; if someone saved in between, the save is refused
 * with 409 and a message naming who changed the plan and when (optimistic concurrency, nothing is overwritten).
 * Operators see only published versions; planners and the ministry see the working version.
 */
export function planRoutes(app: FastifyInstance, context: AppContext): void {
  const planSummary = async (sql: Sql, row: PlanRow) => ({
    id: row.id,
    provinceId: row.province_id,
    name: row.name,
    version: row.version,
    publishedVersion: row.published_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: await usernameOf(sql, row.updated_by),
  });

  const workingPlanJson = async (sql: Sql, row: PlanRow) => {
    const version = await getPlanVersion(sql, row.id, row.version);
    if (!version) throw new Error(`plan ${row.id} has no version ${row.version}`);
    return { ...(await planSummary(sql, row)), document: parseStoredDocument(version.document) };
  };

  const publishedPlanJson = async (db: Sql, row: PlanRow) => {
    const version =
      row.published_version === null ? undefined : await getPlanVersion(db, row.id, row.published_version);
    if (!version) throw notFound();
    return {
      id: row.id,
      provinceId: row.province_id,
      name: version.name,
      version: version.version,
      publishedVersion: version.version,
      createdAt: row.created_at,
      updatedAt: version.created_at,
      updatedBy: null,
      document: parseStoredDocument(version.document),
    };
  };

  const planForViewer = (db: Sql, row: PlanRow, user: SessionUser) =>
    user.role === 'operator' ? publishedPlanJson(db, row) : workingPlanJson(db, row);

  /** The version a save is based on: the body's `version`, or an If-Match header holding the number. */
  const baseVersion = (bodyVersion: number | undefined, ifMatch: string | string[] | undefined): number => {
    const header = Array.isArray(ifMatch) ? ifMatch[0] : ifMatch;
    const fromHeader = header ? Number(header.replace(/^W\//, '').replaceAll('"', '')) : undefined;
    const version = bodyVersion ?? fromHeader;
    if (version === undefined || !Number.isInteger(version) || version < 1) {
      throw new HttpError(
        428,
        'version_required',
        'say which version your edit is based on (body "version" or an If-Match header)',
      );
    }
    return version;
  };

  const conflict = async (sql: Sql, row: PlanRow, based: number) => {
    const updatedBy = await usernameOf(sql, row.updated_by);
    return new HttpError(
      409,
      'conflict',
      `plan "${row.name}" was changed by ${updatedBy} at ${row.updated_at} (now version ${row.version}); your edit is based on version ${based}. Nothing was saved: reload the plan, apply your changes again and save.`,
      { currentVersion: row.version, updatedBy, updatedAt: row.updated_at },
    );
  };

  const insertVersion = (
    sql: Sql,
    planId: string,
    version: number,
    name: string,
    document: PlanDocument,
    userId: number,
    at: Date,
  ) =>
    sql.run(
      'INSERT INTO plan_versions (plan_id, version, name, document, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?)',
      [planId, version, name, JSON.stringify(document), at.toISOString(), userId],
    );

  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId/plans',
    params: provinceParams,
    handler: async ({ params, user, db }) => {
      await getProvince(db, params.provinceId);
      if (signedIn(user).role === 'operator') {
        return {
          plans: (await publishedPlans(db, params.provinceId)).map((plan) => ({
            id: plan.id,
            provinceId: plan.provinceId,
            name: plan.name,
            version: plan.publishedVersion,
            publishedVersion: plan.publishedVersion,
            updatedAt: plan.publishedVersionCreatedAt,
          })),
        };
      }
      const rows = await db.all<PlanRow>('SELECT * FROM plans WHERE province_id = ? ORDER BY created_at, id', [
        params.provinceId,
      ]);
      return { plans: await Promise.all(rows.map((row) => planSummary(db, row))) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/provinces/:provinceId/plans',
    bodyLimit: BODY_LIMITS.plan,
    params: provinceParams,
    body: z.strictObject({ name: planNameSchema, document: planDocumentSchema.optional() }),
    handler: async ({ params, body, user, reply, db }) => {
      await getProvince(db, params.provinceId);
      const actor = signedIn(user);
      const now = context.now();
      const id = randomUUID();
      const document = body.document ?? EMPTY_PLAN_DOCUMENT;
      const plan = await db.transaction(async (tx) => {
        await tx.run(
          `INSERT INTO plans (id, province_id, name, version, published_version, created_at, created_by, updated_at,
             updated_by) VALUES (?, ?, ?, 1, NULL, ?, ?, ?, ?)`,
          [id, params.provinceId, body.name, now.toISOString(), actor.id, now.toISOString(), actor.id],
        );
        await insertVersion(tx, id, 1, body.name, document, actor.id, now);
        await writeAudit(tx, {
          at: now,
          actor,
          provinceId: params.provinceId,
          action: 'plan.create',
          entityType: 'plan',
          entityId: id,
          oldValue: null,
          newValue: { version: 1, name: body.name, ...summarizePlanDocument(document) },
        });
        return workingPlanJson(tx, (await getPlan(tx, id)) as PlanRow);
      });
      reply.header('etag', `"${plan.version}"`);
      return reply.code(201).send({ plan });
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/plans/:planId',
    params: planParams,
    handler: async ({ params, user, reply, db }) => {
      const row = await getPlan(db, params.planId);
      if (!row) throw notFound();
      const plan = await planForViewer(db, row, signedIn(user));
      reply.header('etag', `"${plan.version}"`);
      return { plan };
    },
  });

  addRoute(app, {
    method: 'PUT',
    url: '/api/plans/:planId',
    bodyLimit: BODY_LIMITS.plan,
    params: planParams,
    body: z.strictObject({
      name: planNameSchema.optional(),
      document: planDocumentSchema,
      version: versionSchema.optional(),
    }),
    handler: async ({ params, body, user, request, reply, db }) => {
      const actor = signedIn(user);
      const based = baseVersion(body.version, request.headers['if-match']);
      const now = context.now();
      const plan = await db.transaction(async (tx) => {
        const before = await getPlan(tx, params.planId);
        if (!before) throw notFound();
        const beforeVersion = await getPlanVersion(tx, before.id, before.version);
        const name = body.name ?? before.name;
        const next = before.version + 1;
        // The version condition makes the check and the write one step: a save based on an old version changes nothing.
        const { changes } = await tx.run(
          'UPDATE plans SET name = ?, version = ?, updated_at = ?, updated_by = ? WHERE id = ? AND version = ?',
          [name, next, now.toISOString(), actor.id, before.id, based],
        );
        if (changes === 0) throw await conflict(tx, before, based);
        await insertVersion(tx, before.id, next, name, body.document, actor.id, now);
        await writeAudit(tx, {
          at: now,
          actor,
          provinceId: before.province_id,
          action: 'plan.update',
          entityType: 'plan',
          entityId: before.id,
          oldValue: {
            version: before.version,
            name: before.name,
            ...(beforeVersion ? summarizePlanDocument(parseStoredDocument(beforeVersion.document)) : {}),
          },
          newValue: { version: next, name, ...summarizePlanDocument(body.document) },
        });
        return workingPlanJson(tx, (await getPlan(tx, before.id)) as PlanRow);
      });
      reply.header('etag', `"${plan.version}"`);
      return { plan };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/plans/:planId/publish',
    params: planParams,
    body: z.strictObject({ version: versionSchema }),
    handler: async ({ params, body, user, db }) => {
      const actor = signedIn(user);
      const now = context.now();
      return db.transaction(async (tx) => {
        const before = await getPlan(tx, params.planId);
        if (!before) throw notFound();
        // Publish only what the planner has seen: the version named must still be the working version.
        if (before.version !== body.version) throw await conflict(tx, before, body.version);
        await tx.run('UPDATE plans SET published_version = ? WHERE id = ?', [body.version, before.id]);
        await writeAudit(tx, {
          at: now,
          actor,
          provinceId: before.province_id,
          action: 'plan.publish',
          entityType: 'plan',
          entityId: before.id,
          oldValue: { publishedVersion: before.published_version },
          newValue: { publishedVersion: body.version },
        });
        return { plan: await workingPlanJson(tx, (await getPlan(tx, before.id)) as PlanRow) };
      });
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/plans/:planId/versions',
    params: planParams,
    handler: async ({ params, db }) => {
      if (!(await getPlan(db, params.planId))) throw notFound();
      const rows = await db.all<{ version: number; name: string; created_at: string; username: string }>(
        `SELECT v.version, v.name, v.created_at, u.username FROM plan_versions v JOIN users u ON u.id = v.created_by
         WHERE v.plan_id = ? ORDER BY v.version DESC`,
        [params.planId],
      );
      return {
        versions: rows.map((row) => ({
          version: row.version,
          name: row.name,
          createdAt: row.created_at,
          createdBy: row.username,
        })),
      };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/plans/:planId/versions/:version',
    params: planParams.extend({ version: z.coerce.number().int().positive() }),
    handler: async ({ params, db }) => {
      const row = await getPlanVersion(db, params.planId, params.version);
      if (!row) throw notFound();
      return {
        version: {
          planId: row.plan_id,
          version: row.version,
          name: row.name,
          document: parseStoredDocument(row.document),
          createdAt: row.created_at,
          createdBy: await usernameOf(db, row.created_by),
        },
      };
    },
  });
}
