/**
 * The database a server test runs on. The `unit` project runs the server tests on SQLite; the `server-pg` project
 * runs the same tests on a throwaway PostgreSQL cluster that its global setup started (postgresCluster.ts), giving
 * each test server its own database copied from a migrated template.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, openPostgresDatabase } from '../../../src/server/db/openDatabase';
import type { SqlDatabase, SqlEngine } from '../../../src/server/db/sqlDatabase';

/** The cluster's admin URL (set by the server-pg project's global setup), or undefined on SQLite. */
const ADMIN_URL = process.env.COSITE_TEST_POSTGRES_URL;
export const TEMPLATE_DATABASE = 'cosite_template';

export const TEST_ENGINE: SqlEngine = ADMIN_URL ? 'postgres' : 'sqlite';

export interface TestDatabase {
  db: SqlDatabase;
  /** The URL of the PostgreSQL database (for a second process on it), or null on SQLite. */
  url: string | null;
  /** Close the database and remove it (PostgreSQL) */
  drop: () => Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A new PostgreSQL database copied from the migrated template, for a server process; null on SQLite. */
export async function createTestDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> } | null> {
  if (!ADMIN_URL) return null;
  const name = `cosite_test_${randomUUID().replaceAll('-', '')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    drop: () => admin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}

/** A fresh, migrated database: SQLite in `dataDir` (in memory without), or a new PostgreSQL database. */
export async function openTestDatabase(options: { dataDir?: string } = {}): Promise<TestDatabase> {
  if (!ADMIN_URL) {
    const db = await openDatabase(options.dataDir ?? ':memory:');
    return { db, url: null, drop: () => db.close() };
  }
  const created = (await createTestDatabaseUrl()) as { url: string; drop: () => Promise<void> };
  const db = await openPostgresDatabase(created.url);
  return {
    db,
    url: created.url,
    drop: async () => {
      await db.close();
      await created.drop();
    },
  };
}
