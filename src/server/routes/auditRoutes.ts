import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from '../http/addRoute';
import type { AppContext } from '../http/appContext';
import { cursorSchema, decodeCursor, page } from '../http/cursor';
import { signedIn } from '../http/httpError';
import { toCsv } from '../http/toCsv';
import { type AuditQuery, auditEntryJson, listAudit } from '../store/audit';
import { provinceIdSchema } from './schemas';

/** Audit entries per page: by default, and at most. */
export const AUDIT_PAGE_DEFAULT = 200;
export const AUDIT_PAGE_MAX = 1000;

const filterSchema = {
  provinceId: provinceIdSchema.optional(),
  entityType: z.string().max(60).optional(),
  entityId: z.string().max(100).optional(),
};

/**
 * The audit trail, newest first. A province planner sees its own province's rows; the ministry sees every row
 * (including those of no province, such as operators' logins) and may filter by province.
 */
export function auditRoutes(app: FastifyInstance, context: AppContext): void {
  const scopedQuery = (query: AuditQuery, role: string, provinceId: string | null): AuditQuery =>
    role === 'province' ? { ...query, provinceId: provinceId ?? '' } : query;

  addRoute(app, {
    method: 'GET',
    url: '/api/audit',
    querystring: z.strictObject({
      ...filterSchema,
      /** Kept for older callers: the same as a cursor of that id. */
      beforeId: z.coerce.number().int().positive().optional(),
      after: cursorSchema,
      limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
    }),
    handler: async ({ query, user, db }) => {
      const viewer = signedIn(user);
      const { after, limit, ...filters } = query;
      const beforeId = after === undefined ? filters.beforeId : Number(decodeCursor(after, ['number'])[0]);
      const scoped = scopedQuery({ ...filters, beforeId, limit: limit + 1 }, viewer.role, viewer.provinceId);
      const { rows, nextCursor } = page(await listAudit(db, scoped), limit, (row) => [row.id]);
      return {
        entries: rows.map(auditEntryJson),
        nextCursor,
        nextBeforeId: nextCursor === null ? null : rows[rows.length - 1].id,
      };
    },
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/audit.csv',
    querystring: z.strictObject(filterSchema),
    handler: async ({ query, user, reply, db }) => {
      const viewer = signedIn(user);
      const scoped = scopedQuery(query, viewer.role, viewer.provinceId);
      const rows = await listAudit(db, { ...scoped, limit: 1_000_000 });
      const csv = toCsv(
        ['id', 'at', 'actor', 'role', 'province', 'action', 'entity_type', 'entity_id', 'old_value', 'new_value'],
        rows.map((row) => [
          row.id,
          row.at,
          row.actor_username,
          row.actor_role,
          row.province_id,
          row.action,
          row.entity_type,
          row.entity_id,
          row.old_value,
          row.new_value,
        ]),
      );
      const date = context.now().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="cosite-audit-${scoped.provinceId ?? 'all'}-${date}.csv"`)
        .send(csv);
    },
  });
}
