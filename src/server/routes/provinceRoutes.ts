import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Sql } from '../db/sqlDatabase';
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

export async function getProvince(db: Sql, provinceId: string): Promise<ProvinceRow> {
  const row = await db.get<ProvinceRow>('SELECT * FROM provinces WHERE id = ?', [provinceId]);
  if (!row) throw notFound(`no province ${provinceId}`);
  return row;
}

export function provinceRoutes(app: FastifyInstance, context: AppContext): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/provinces',
    handler: async ({ db }) => ({
      provinces: (await db.all<ProvinceRow>('SELECT * FROM provinces ORDER BY id')).map(provinceJson),
    }),
  });

  addRoute(app, {
    method: 'GET',
    url: '/api/provinces/:provinceId',
    params: provinceParams,
    handler: async ({ params, db }) => ({ province: provinceJson(await getProvince(db, params.provinceId)) }),
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
    handler: ({ params, body, user, db }) => {
      const now = context.now();
      return db.transaction(async (tx) => {
        const before = await getProvince(tx, params.provinceId);
        if (before.version !== body.version) {
          throw new HttpError(
            409,
            'conflict',
            `the settings of ${before.name} were changed meanwhile (now version ${before.version}, your edit is based on version ${body.version}): reload and try again`,
            { currentVersion: before.version },
          );
        }
        await tx.run('UPDATE provinces SET lapse_months = ?, version = version + 1, updated_at = ? WHERE id = ?', [
          body.lapseMonths,
          now.toISOString(),
          params.provinceId,
        ]);
        const after = await getProvince(tx, params.provinceId);
        await writeAudit(tx, {
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
      });
    },
  });
}
