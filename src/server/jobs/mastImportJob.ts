import secureJsonParse from 'secure-json-parse';
import { z } from 'zod';
import {
  MAST_IMPORT_MAX_TOWERS,
  MAST_TYPES,
  MAX_MAST_HEIGHT_M,
  MAX_TOWER_RADIUS_M,
  type MastType,
} from '../../core/model/tower';
import type { DbActor, SqlDatabase } from '../db/sqlDatabase';
import { findTooDeepJson, MAX_JSON_DEPTH } from '../http/jsonBody';
import { validationIssues, validationRefusal } from '../http/validation';
import type { AuditActor } from '../store/audit';
import { importMasts, MAST_IMPORT_MODES, type MastImportMode, type MastImportOutcome } from '../store/importMasts';

export { MAST_IMPORT_MAX_TOWERS };
/** The largest import body: room beyond MAST_IMPORT_MAX_TOWERS' ~35 MB for long ids, tenant lists and sectors. */
export const MAST_IMPORT_BODY_LIMIT_BYTES = 64 * 1024 * 1024;
/** Sectors (azimuths, tilts, bands) per mast, at most: a mast carries a few per operator. */
const MAX_SECTORS = 64;

const towerSchema = z.strictObject({
  id: z.string().trim().min(1).max(100),
  operator: z.string().trim().min(1).max(60),
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  heightM: z.number().min(0).max(MAX_MAST_HEIGHT_M).nullable().default(null),
  mastType: z
    .enum(MAST_TYPES as [MastType, ...MastType[]])
    .nullable()
    .default(null),
  tenants: z.array(z.string().trim().min(1).max(60)).max(8).default([]),
  /** Reach for the fixed-radius coverage mode, m. */
  radiusM: z.number().min(0).max(MAX_TOWER_RADIUS_M).nullable().default(null),
  /** Operators on the mast, owner included, when the file gave a count instead of names (`tenants` the owner). */
  tenantCount: z.number().int().min(1).max(8).nullable().default(null),
  /** False: the file says the mast carries no 4G; null: not said (4G for every tenant). */
  has4g: z.boolean().nullable().default(null),
  /** Tenants running 5G (operators on the mast); null: not said (no 5G). */
  tenants5g: z.array(z.string().trim().min(1).max(60)).max(8).nullable().default(null),
  /** 5G reach for the fixed-radius mode, m. */
  radius5gM: z.number().positive().max(MAX_TOWER_RADIUS_M).nullable().default(null),
  /** Sector azimuths, degrees clockwise from north; downtilts, degrees; bands as written. */
  azimuthsDeg: z.array(z.number().min(0).max(360)).max(MAX_SECTORS).nullable().default(null),
  tiltsDeg: z.array(z.number().min(-90).max(90)).max(MAX_SECTORS).nullable().default(null),
  bands: z.array(z.string().trim().min(1).max(60)).max(MAX_SECTORS).nullable().default(null),
});

/** The body of POST /api/provinces/:provinceId/masts/import. */
export const mastImportBodySchema = z.strictObject({
  towers: z.array(towerSchema).min(1).max(MAST_IMPORT_MAX_TOWERS),
  mode: z.enum(MAST_IMPORT_MODES as [MastImportMode, ...MastImportMode[]]),
  sourceName: z.string().trim().min(1).max(200),
});

/** A mast import as the route hands it over: the body still raw, so that parsing it can run off the event loop. */
export interface MastImportJob {
  /** The request body as received (JSON, not parsed), or null when the request had none. */
  body: Uint8Array | null;
  provinceId: string;
  actor: AuditActor;
  /** See MastImportRequest.ownOperator. */
  ownOperator: string | null;
  /** Who the database acts for (row-level security on PostgreSQL). */
  dbActor: DbActor;
  /** The import time, ISO 8601 (a string: the job may cross to a worker thread). */
  now: string;
}

const invalidJson = (message: string): MastImportOutcome => ({
  ok: false,
  refusal: { status: 400, code: 'invalid_input', message, details: undefined },
});

/**
 * Parse, validate and apply a mast import: the same checks and answers as every other route's body (depth check,
 * fastify's JSON parser rules, the zod schema with every problem listed), then importMasts' one transaction. Runs on
 * the request thread for an in-memory database and in the import worker (mastImportWorker.ts) otherwise, on either
 * engine.
 */
export async function runMastImportJob(db: SqlDatabase, job: MastImportJob): Promise<MastImportOutcome> {
  let value: unknown;
  if (job.body !== null) {
    if (job.body.byteLength === 0) return invalidJson('the JSON body is empty: send {} at least');
    const text = Buffer.from(job.body.buffer, job.body.byteOffset, job.body.byteLength).toString('utf8');
    const tooDeep = findTooDeepJson(text);
    if (tooDeep >= 0) {
      return invalidJson(
        `the JSON body is nested deeper than ${MAX_JSON_DEPTH} levels (at character ${tooDeep}): refused before parsing`,
      );
    }
    try {
      value = secureJsonParse(text, null, { protoAction: 'error', constructorAction: 'error' });
    } catch {
      return invalidJson('the body is not valid JSON');
    }
  }
  const parsed = mastImportBodySchema.safeParse(value);
  if (!parsed.success) return { ok: false, refusal: validationRefusal(validationIssues('body', parsed.error)) };
  const body = parsed.data;
  return importMasts(db.as(job.dbActor), {
    provinceId: job.provinceId,
    towers: body.towers,
    mode: body.mode,
    source: { kind: 'file', name: body.sourceName },
    actor: job.actor,
    ownOperator: job.ownOperator,
    now: new Date(job.now),
  });
}
