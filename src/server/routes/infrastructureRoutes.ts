import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { MAST_TYPES, type MastType } from '../../core/model/tower';
import { spareMastCapacity } from '../domain/spareMastCapacity';
import { addRoute } from '../http/addRoute';
import type { AppContext } from '../http/appContext';
import { signedIn } from '../http/httpError';
import { writeAudit } from '../store/audit';
import { approvedLoadsByMast, type MastRow, mastJson, upsertMasts } from '../store/masts';
import { publishedPlans } from '../store/plans';
import { getProvince } from './provinceRoutes';
import { provinceParams } from './schemas';

const towerSchema = z.strictObject({
  id: z.string().trim().min(1).max(100),
  operator: z.string().trim().min(1).max(60),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  heightM: z.number().positive().max(300).nullable().default(null),
  mastType: z
    .enum(MAST_TYPES as [MastType, ...MastType[]])
    .nullable()
    .default(null),
  tenants: z.array(z.string().trim().min(1).max(60)).max(8).default([]),
});

/**
 * The shared infrastructure of a province that every party may see: existing masts (with their spare capacity) and
 * the proposed shared sites of published plans. Pending requests never show here; approved ones only as used capacity.
 */
export function infrastructureRoutes(app: FastifyInstance, context: AppContext): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId/masts',
    params: provinceParams,
    querystring: z.strictObject({ operator: z.string().max(60).optional() }),
    handler: ({ params, query }) => {
      getProvince(context, params.provinceId);
      const rows = (
        query.operator
          ? context.db
              .prepare('SELECT * FROM masts WHERE province_id = ? AND operator = ? ORDER BY id')
              .all(params.provinceId, query.operator)
          : context.db.prepare('SELECT * FROM masts WHERE province_id = ? ORDER BY id').all(params.provinceId)
      ) as MastRow[];
      const loads = approvedLoadsByMast(context.db, params.provinceId);
      return { masts: rows.map((row) => mastJson(row, loads.get(row.id) ?? [])) };
    },
  });

  addRoute(app, {
    method: 'POST',
    url: '/api/provinces/:provinceId/masts/import',
    params: provinceParams,
    body: z.strictObject({ towers: z.array(towerSchema).min(1).max(100_000) }),
    handler: ({ params, body, user }) => {
      getProvince(context, params.provinceId);
      const now = context.now();
      return context.db.transaction(() => {
        const result = upsertMasts(context.db, params.provinceId, body.towers, now);
        writeAudit(context.db, {
          at: now,
          actor: signedIn(user),
          provinceId: params.provinceId,
          action: 'masts.import',
          entityType: 'masts',
          entityId: params.provinceId,
          oldValue: null,
          newValue: { ...result, ids: body.towers.slice(0, 1000).map((tower) => tower.id) },
        });
        return result;
      })();
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId/proposed-sites',
    params: provinceParams,
    handler: ({ params }) => {
      getProvince(context, params.provinceId);
      const committedRows = context.db
        .prepare(
          `SELECT plan_id, site_id, wind_load_area_m2 AS windLoadAreaM2, weight_kg AS weightKg
           FROM colocation_requests WHERE province_id = ? AND target_kind = 'proposedSite'
           AND state IN ('approved', 'built')`,
        )
        .all(params.provinceId) as {
        plan_id: string;
        site_id: string;
        windLoadAreaM2: number | null;
        weightKg: number | null;
      }[];
      const sites = publishedPlans(context.db, params.provinceId).flatMap((plan) =>
        plan.document.proposedSites.map((site) => {
          const committed = committedRows.filter((row) => row.plan_id === plan.id && row.site_id === site.id);
          return {
            planId: plan.id,
            planName: plan.name,
            publishedVersion: plan.publishedVersion,
            site,
            capacity: spareMastCapacity({
              mastType: site.mastType as MastType | null,
              heightM: site.heightM,
              tenantCount: site.tenants.length,
              committed,
              tenantSlots: site.tenantSlots,
            }),
          };
        }),
      );
      return { sites };
    },
  });
}
