import { MIGRATIONS, type Migration } from './migrations';
import type { SqlDatabase } from './sqlDatabase';

/** Any fixed number: PostgreSQL's advisory lock that lets one server migrate while others starting wait. */
const MIGRATION_LOCK = 4_202_512;

/**
 * Bring the schema up to the newest migration, in the database's engine. Each migration runs in its own transaction
 * together with its row in `schema_migrations`, so a crash leaves the database at the previous version, never
 * half-migrated. A database migrated by a newer server (a version this one does not know) is refused rather than
 * used. On PostgreSQL, API processes starting together migrate one at a time (an advisory lock).
 */
export async function migrate(db: SqlDatabase, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(
    async (tx) => {
      if (db.engine === 'postgres') await tx.get('SELECT pg_advisory_xact_lock(?)', [MIGRATION_LOCK]);
      await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
      const applied = new Set(
        (await tx.all<{ version: number }>('SELECT version FROM schema_migrations')).map((row) => row.version),
      );
      const newest = Math.max(0, ...migrations.map((migration) => migration.version));
      const unknown = [...applied].filter((version) => version > newest);
      if (unknown.length > 0) {
        throw new Error(
          `the database has schema version ${Math.max(...unknown)}, newer than this server knows (${newest}): use a newer server`,
        );
      }
      const ran: number[] = [];
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(migration.version)) continue;
        await tx.exec(db.engine === 'postgres' ? migration.postgres : migration.sqlite);
        await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.name,
          new Date().toISOString(),
        ]);
        ran.push(migration.version);
      }
      return ran;
    },
    { isolation: 'readCommitted' },
  );
}

export async function schemaVersion(db: SqlDatabase): Promise<number> {
  const row = await db.get<{ version: number | null }>('SELECT MAX(version) AS version FROM schema_migrations');
  return row?.version ?? 0;
}
