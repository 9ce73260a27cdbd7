import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseTowers } from '../core/io/parseTowers';
import { OPERATORS } from '../core/model/operators';
import { hashPassword } from './auth/password';
import { checkNewUser, findUserByName, insertUser, type NewUser } from './auth/users';
import { type SqlDatabase, SYSTEM_DB_ACTOR } from './db/sqlDatabase';
import { SYSTEM_ACTOR, writeAudit } from './store/audit';
import { importMasts } from './store/importMasts';
import { type BackboneLineInput, replaceBackbone } from './store/spatial';

export const DEMO_PROVINCE_ID = 'VN25';
export const DEMO_TOWERS_FILE = fileURLToPath(new URL('../../data/demo/towers.csv', import.meta.url));
export const DEMO_BACKBONE_FILE = fileURLToPath(new URL('../../data/demo/backbone.geojson', import.meta.url));
/** The source name the demo masts carry (the file's path in the repository). */
export const DEMO_TOWERS_SOURCE_NAME = 'data/demo/towers.csv';

/** The demo accounts: the ministry, the planner of the demo province, one account per operator. */
export const DEMO_ACCOUNTS: readonly Omit<NewUser, 'password'>[] = [
  { username: 'ministry', role: 'ministry' },
  { username: 'vn25-planner', role: 'province', provinceId: DEMO_PROVINCE_ID },
  ...OPERATORS.map((operator) => ({
    username: operator.name.toLowerCase(),
    role: 'operator' as const,
    operator: operator.name,
  })),
];

export interface SeedResult {
  /** Accounts created by this run with their passwords (existing accounts are left alone and not listed). */
  created: { username: string; role: string; password: string }[];
  masts: { inserted: number; updated: number; unchanged: number; rejected: number };
}

/**
 * Demo data: the accounts above and the synthetic masts of data/demo/towers.csv in VN25 (read with the core's tower
 * reader), marked synthetic. Safe to run again: existing accounts keep their passwords, masts are updated in place.
 * Passwords: `password` for every account when given (e.g. from COSITE_DEMO_PASSWORD), else a random one each.
 */
export async function seedDemo(
  database: SqlDatabase,
  options: { password?: string; now?: Date; towersFile?: string } = {},
): Promise<SeedResult> {
  const now = options.now ?? new Date();
  // The server itself seeds: on PostgreSQL the policies let the system actor write any province's masts.
  const db = database.as(SYSTEM_DB_ACTOR);
  const created: SeedResult['created'] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await findUserByName(db, account.username)) continue;
    const password = options.password ?? randomBytes(12).toString('base64url');
    checkNewUser({ ...account, password });
    const passwordHash = await hashPassword(password);
    await db.transaction(async (tx) => {
      const id = await insertUser(tx, account, passwordHash, now);
      await writeAudit(tx, {
        at: now,
        actor: SYSTEM_ACTOR,
        provinceId: account.provinceId ?? null,
        action: 'user.create',
        entityType: 'user',
        entityId: String(id),
        oldValue: null,
        newValue: {
          username: account.username,
          role: account.role,
          provinceId: account.provinceId ?? null,
          operator: account.operator ?? null,
        },
      });
    });
    created.push({ username: account.username, role: account.role, password });
  }
  const parsed = parseTowers(
    readFileSync(options.towersFile ?? DEMO_TOWERS_FILE),
    options.towersFile ?? DEMO_TOWERS_FILE,
  );
  const outcome = await importMasts(db, {
    provinceId: DEMO_PROVINCE_ID,
    towers: parsed.towers,
    mode: 'updateById',
    source: { kind: 'synthetic', name: options.towersFile ?? DEMO_TOWERS_SOURCE_NAME },
    actor: SYSTEM_ACTOR,
    ownOperator: null,
    now,
  });
  if (!outcome.ok) throw new Error(`demo masts: ${outcome.refusal.message}`);
  const backbone = readBackboneLines(readFileSync(DEMO_BACKBONE_FILE, 'utf8'));
  await db.transaction((tx) => replaceBackbone(tx, DEMO_PROVINCE_ID, backbone, now));
  const { inserted, updated, unchanged } = outcome.result;
  const masts = { inserted, updated, unchanged };
  return { created, masts: { ...masts, rejected: parsed.rejected.length } };
}

export async function hasAnyUser(db: SqlDatabase): Promise<boolean> {
  return (await db.get('SELECT 1 AS found FROM users LIMIT 1')) !== undefined;
}

/**
 * The lines of the demo backbone file (data/demo/backbone.geojson, derived from OpenStreetMap), one row per
 * LineString with its name and kind; a MultiLineString gives one row per part. Ids: the feature's index, and the
 * part's.
 */
export function readBackboneLines(text: string): BackboneLineInput[] {
  const collection = JSON.parse(text) as {
    features: {
      properties?: { name?: string; kind?: string } | null;
      geometry: { type: string; coordinates: unknown } | null;
    }[];
  };
  const lines: BackboneLineInput[] = [];
  for (const [index, feature] of collection.features.entries()) {
    const name = feature.properties?.name ?? null;
    const kind = feature.properties?.kind ?? null;
    const geometry = feature.geometry;
    if (geometry?.type === 'LineString') {
      lines.push({ id: String(index), name, kind, coordinates: geometry.coordinates as number[][] });
    } else if (geometry?.type === 'MultiLineString') {
      for (const [part, coordinates] of (geometry.coordinates as number[][][]).entries()) {
        lines.push({ id: `${index}.${part}`, name, kind, coordinates });
      }
    }
  }
  return lines;
}
