import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MastType } from '../../core/model/tower';
import { dbActorOf } from '../db/sqlDatabase';
import { spareMastCapacity } from '../domain/spareMastCapacity';
import { addRoute, RAW_JSON_BODY } from '../http/addRoute';
import type { AppContext } from '../http/appContext';
import { cursorSchema, decodeCursor, page } from '../http/cursor';
import { HttpError, signedIn } from '../http/httpError';
import { MAST_IMPORT_BODY_LIMIT_BYTES, type MastImportJob, runMastImportJob } from '../jobs/mastImportJob';
import { approvedLoadsByMast, listMasts, mastJson, mastTenantCount } from '../store/masts';
import { publishedPlans } from '../store/plans';
import { proposedSiteMasts } from '../store/proposedSiteMasts';
import { mastsNear, proposedSitesBackboneDistance } from '../store/spatial';
import { getProvince } from './provinceRoutes';
import { provinceParams } from './schemas';

/** GET .../masts/near: the largest radius, m, and the most masts answered. */
export const MASTS_NEAR_MAX_RADIUS_M = 50_000;
export const MASTS_NEAR_MAX_LIMIT = 1000;

/** Masts per page of GET .../masts: by default, and at most (a mast is ~400 bytes of JSON). */
export const MAST_PAGE_DEFAULT = 5000;
export const MAST_PAGE_MAX = 10_000;

export { MAST_IMPORT_BODY_LIMIT_BYTES, MAST_IMPORT_MAX_TOWERS } from '../jobs/mastImportJob';

/**
 * The shared infrastructure of a province that every party may see: existing masts (with their spare capacity) and
 * the proposed shared sites of published plans. Pending requests never show here; approved ones only as used capacity.
 */
export function infrastructureRoutes(app: FastifyInstance, context: AppContext): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId/masts',
    params: provinceParams,
    querystring: z.strictObject({
      operator: z.string().max(60).optional(),
      limit: z.coerce.number().int().min(1).max(MAST_PAGE_MAX).default(MAST_PAGE_DEFAULT),
      after: cursorSchema,
    }),
    handler: async ({ params, query, db }) => {
      await getProvince(db, params.provinceId);
      const afterId = query.after === undefined ? undefined : String(decodeCursor(query.after, ['string'])[0]);
      const { rows, nextCursor } = page(
        await listMasts(db, params.provinceId, query.operator || undefined, {
          afterId,
          limit: query.limit + 1,
        }),
        query.limit,
        (row) => [row.id],
      );
      const loads = await approvedLoadsByMast(db, params.provinceId);
      return { masts: rows.map((row) => mastJson(row, loads.get(row.id) ?? [])), nextCursor };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId/masts/near',
    params: provinceParams,
    querystring: z.strictObject({
      lon: z.coerce.number().min(-180).max(180),
      lat: z.coerce.number().min(-90).max(90),
      radiusM: z.coerce.number().positive().max(MASTS_NEAR_MAX_RADIUS_M),
      limit: z.coerce.number().int().min(1).max(MASTS_NEAR_MAX_LIMIT).default(100),
    }),
    handler: async ({ params, query, db }) => {
      await getProvince(db, params.provinceId);
      const masts = await mastsNear(db, params.provinceId, query, query.radiusM, query.limit);
      return { masts };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/provinces/:provinceId/masts/import',
    params: provinceParams,
    // Parsed and validated with the import (mastImportBodySchema), in the worker thread for a database file.
    body: RAW_JSON_BODY,
    // Only this route takes bodies this large; every other keeps the server's default limit.
    bodyLimit: MAST_IMPORT_BODY_LIMIT_BYTES,
    handler: async ({ params, body, user, db }) => {
      await getProvince(db, params.provinceId);
      const actor = signedIn(user);
      const job: MastImportJob = {
        body: body ?? null,
        provinceId: params.provinceId,
        actor: { id: actor.id, username: actor.username, role: actor.role },
        // Fail closed: every account but the province's is held to its own operator (none: no tower passes).
        ownOperator: actor.role === 'province' ? null : (actor.operator ?? ''),
        dbActor: dbActorOf(actor),
        now: context.now().toISOString(),
      };
      // JSON.parse, validation and the transaction of 100,000 masts take over a second: in the worker, holding the
      // write gate on SQLite (other writes wait, reads go on; PostgreSQL's writers need no gate).
      const thread = context.mastImports;
      const outcome = !thread
        ? await runMastImportJob(context.db, job)
        : context.db.engine === 'sqlite'
          ? await context.writes.hold(() => thread.run(job))
          : await thread.run(job);
      if (!outcome.ok) {
        const { status, code, message, details } = outcome.refusal;
        throw new HttpError(status, code, message, details);
      }
      return outcome.result;
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId/proposed-sites',
    params: provinceParams,
    handler: async ({ params, db }) => {
      await getProvince(db, params.provinceId);
      const committedRows = await db.all<{
        plan_id: string;
        site_id: string;
        windLoadAreaM2: number | null;
        weightKg: number | null;
      }>(
        `SELECT plan_id, site_id, wind_load_area_m2 AS "windLoadAreaM2", weight_kg AS "weightKg"
         FROM request_targets WHERE province_id = ? AND target_kind = 'proposedSite'
         AND state IN ('approved', 'built')`,
        [params.provinceId],
      );
      const mastLoads = await approvedLoadsByMast(db, params.provinceId);
      const plans = await publishedPlans(db, params.provinceId);
      // A site on an existing mast is that mast: its capacity is the mast's, and requests go to the mast.
      const mastOf = await proposedSiteMasts(
        db,
        params.provinceId,
        plans.flatMap((plan) => plan.document.proposedSites),
      );
      let next = 0;
      const sites = [];
      for (const plan of plans) {
        for (const site of plan.document.proposedSites) {
          const mast = mastOf[next++];
          const committed = committedRows.filter((row) => row.plan_id === plan.id && row.site_id === site.id);
          sites.push({
            planId: plan.id,
            planName: plan.name,
            publishedVersion: plan.publishedVersion,
            site,
            mastId: mast ? mast.id : null,
            capacity: mast
              ? spareMastCapacity({
                  mastType: mast.mast_type,
                  heightM: mast.height_m,
                  tenantCount: mastTenantCount(mast),
                  committed: mastLoads.get(mast.id) ?? [],
                })
              : spareMastCapacity({
                  mastType: site.mastType as MastType | null,
                  heightM: site.heightM,
                  tenantCount: site.tenants.length,
                  committed,
                  tenantSlots: site.tenantSlots,
                }),
          });
        }
      }
      return { sites };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId/proposed-sites/backbone',
    params: provinceParams,
    querystring: z.strictObject({
      /** Mark each site within this distance of the backbone (e.g. the province's 2 km rule). */
      withinM: z.coerce.number().positive().max(1_000_000).optional(),
    }),
    handler: async ({ params, query, db }) => {
      await getProvince(db, params.provinceId);
      const sites = await proposedSitesBackboneDistance(db, params.provinceId);
      return {
        sites: sites.map((site) => ({
          ...site,
          ...(query.withinM === undefined
            ? {}
            : { withinM: site.distanceM !== null && site.distanceM <= query.withinM }),
        })),
      };
    },
  });
}
