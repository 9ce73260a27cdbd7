import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addRoute } from '../http/addRoute';
import type { AppContext } from '../http/appContext';
import { HttpError, notFound, signedIn } from '../http/httpError';
import { writeAudit } from '../store/audit';
import { provinceParams, versionSchema } from './schemas';

interface ProvinceRow {
  id: string;
  name: string;
  lapse_months: number;
  version: number;
  updated_at: string | null;
}

const provinceJson = (row: ProvinceRow) => ({
  id: row.id,
  name: row.name,
  settings: { lapseMonths: row.lapse_months },
  version: row.version,
  updatedAt: row.updated_at,
});

export function getProvince(context: AppContext, provinceId: string): ProvinceRow {
  const row = context.db.prepare('SELECT * FROM provinces WHERE id = ?').get(provinceId) as ProvinceRow | undefined;
  if (!row) throw notFound(`no province ${provinceId}`);
  return row;
}

export function provinceRoutes(app: FastifyInstance, context: AppContext): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/provinces',
    handler: () => ({
      provinces: (context.db.prepare('SELECT * FROM provinces ORDER BY id').all() as ProvinceRow[]).map(provinceJson),
    }),
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId',
    params: provinceParams,
    handler: ({ params }) => ({ province: provinceJson(getProvince(context, params.provinceId)) }),
  });

  addRoute(app, {
    method: 'PATCH',
    url: '/api/provinces/:provinceId/settings',
    params: provinceParams,
    body: z.strictObject({
      /** Months after which an approval lapses unless the site is reported built. */
      lapseMonths: z.number().int().min(1).max(60),
      version: versionSchema,
    }),
    handler: ({ params, body, user }) => {
      const now = context.now();
      return context.db.transaction(() => {
        const before = getProvince(context, params.provinceId);
        if (before.version !== body.version) {
          throw new HttpError(
            409,
            'conflict',
            `the settings of ${before.name} were changed meanwhile (now version ${before.version}, your edit is based on version ${body.version}): reload and try again`,
            { currentVersion: before.version },
          );
        }
        context.db
          .prepare('UPDATE provinces SET lapse_months = ?, version = version + 1, updated_at = ? WHERE id = ?')
          .run(body.lapseMonths, now.toISOString(), params.provinceId);
        const after = getProvince(context, params.provinceId);
        writeAudit(context.db, {
          at: now,
          actor: signedIn(user),
          provinceId: params.provinceId,
          action: 'province.settings',
          entityType: 'province',
          entityId: params.provinceId,
          oldValue: provinceJson(before).settings,
          newValue: provinceJson(after).settings,
        });
        return { province: provinceJson(after) };
      })();
    },
  });
}
