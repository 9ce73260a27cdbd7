import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DEFAULT_READINESS_TARGETS, READINESS_KPIS, type ReadinessTargets } from '../../core/readiness/readinessTypes';
import type { Sql } from '../db/sqlDatabase';
import { addRoute } from '../http/addRoute';
import type { AppContext } from '../http/appContext';
import { HttpError, signedIn } from '../http/httpError';
import { writeAudit } from '../store/audit';
import { countProvinceRecords } from '../store/countProvinceRecords';
import { usernameOf } from '../store/plans';

/** A share is a fraction 0..1; the tenancy ratio (operators per mast) 1..8. */
const targetsSchema = z.strictObject(
  Object.fromEntries(
    READINESS_KPIS.map((kpi) => [
      kpi,
      (kpi === 'tenancy_ratio' ? z.number().min(0).max(8) : z.number().min(0).max(1)).optional(),
    ]),
  ) as Record<(typeof READINESS_KPIS)[number], z.ZodOptional<z.ZodNumber>>,
);

interface TargetsRow {
  version: number;
  targets: string;
  created_at: string;
  created_by: number;
}

async function currentTargets(db: Sql) {
  const row = await db.get<TargetsRow>('SELECT * FROM readiness_targets ORDER BY version DESC LIMIT 1');
  if (!row) return { targets: { ...DEFAULT_READINESS_TARGETS }, version: 0, updatedAt: null, updatedBy: null };
  return {
    targets: JSON.parse(row.targets) as ReadinessTargets,
    version: row.version,
    updatedAt: row.created_at,
    updatedBy: await usernameOf(db, row.created_by),
  };
}

/**
 * The ministry's readiness targets: read by everyone signed in (provinces see what they are judged against), saved
 * by the ministry as a new version based on the version it saw (409 naming who changed them and when otherwise).
 * Version 0 is the built-in defaults (nothing saved yet).
 */
export function readinessRoutes(app: FastifyInstance, context: AppContext): void {
  addRoute(app, {
    method: 'GET',
    url: '/api/readiness/targets',
    handler: async ({ db }) => ({ targets: await currentTargets(db) }),
  });

  // The shared sites of every province (see countProvinceRecords): the ministry's readiness view reads them beside the
  // national files' figures.
  addRoute(app, {
    method: 'GET',
    url: '/api/readiness/province-records',
    handler: async ({ db }) => ({ provinces: await countProvinceRecords(db), countedAt: context.now().toISOString() }),
  });

  addRoute(app, {
    method: 'PUT',
    url: '/api/readiness/targets',
    body: z.strictObject({ targets: targetsSchema, version: z.number().int().min(0) }),
    handler: async ({ body, user, db }) => {
      const actor = signedIn(user);
      const now = context.now();
      return db.transaction(async (tx) => {
        const before = await currentTargets(tx);
        if (before.version !== body.version) {
          throw new HttpError(
            409,
            'conflict',
            `the targets were changed by ${before.updatedBy} at ${before.updatedAt} (now version ${before.version}); your change is based on version ${body.version}. Nothing was saved: reload and change them again.`,
            { currentVersion: before.version, updatedBy: before.updatedBy, updatedAt: before.updatedAt },
          );
        }
        const targets = Object.fromEntries(
          READINESS_KPIS.filter((kpi) => body.targets[kpi] !== undefined).map((kpi) => [kpi, body.targets[kpi]]),
        );
        await tx.run('INSERT INTO readiness_targets (version, targets, created_at, created_by) VALUES (?, ?, ?, ?)', [
          before.version + 1,
          JSON.stringify(targets),
          now.toISOString(),
          actor.id,
        ]);
        await writeAudit(tx, {
          at: now,
          actor,
          provinceId: null,
          action: 'readiness.targets',
          entityType: 'readinessTargets',
          entityId: 'national',
          oldValue: { version: before.version, targets: before.targets },
          newValue: { version: before.version + 1, targets },
        });
        return { targets: await currentTargets(tx) };
      });
    },
  });
}
