import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { PostgresDatabase } from './postgresDatabase';
import type { SqlDatabase } from './sqlDatabase';
import { SqliteDatabase } from './sqliteDatabase';

export const DATABASE_FILE_NAME = 'cosite.sqlite';

/**
 * Open (creating when missing) the server's SQLite database in `dataDir` and migrate it.
 *
 * Durability: WAL journal with synchronous=FULL. In WAL mode a commit appends to the -wal file; with FULL, SQLite
 * fsyncs the WAL at every commit before `COMMIT` returns, and the server answers only after the commit returned. So an
 * acknowledged change survives the process being killed *and* the machine losing power. (synchronous=NORMAL would be
 * enough against a killed process, since the WAL write has reached the OS, but could lose the last commits on power
 * loss or an OS crash; the cost of FULL is one fsync per write transaction.)
 * Pass `:memory:` as `dataDir` for a throwaway database (tests).
 */
export async function openDatabase(dataDir: string, options: { readonly?: boolean } = {}): Promise<SqliteDatabase> {
  let file = ':memory:';
  if (dataDir !== ':memory:') {
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, DATABASE_FILE_NAME);
  }
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  if (options.readonly) return new SqliteDatabase(db);
  if (file !== ':memory:') {
    const mode = db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`could not switch ${file} to WAL mode (got ${String(mode)})`);
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Wait for a concurrent writer (e.g. the backup command) instead of failing at once.
  db.pragma('busy_timeout = 5000');
  const database = new SqliteDatabase(db);
  await migrate(database);
  return database;
}

/** True for a postgres:// or postgresql:// connection string. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//.test(location);
}

/**
 * The server's database: PostgreSQL when `databaseUrl` (COSITE_DATABASE_URL) is a postgres:// URL, else SQLite in
 * `dataDir`; opened and migrated.
 */
export async function openServerDatabase(options: {
  dataDir: string;
  databaseUrl?: string | null;
}): Promise<SqlDatabase> {
  const url = options.databaseUrl?.trim();
  if (url) {
    if (!isPostgresUrl(url))
      throw new Error('COSITE_DATABASE_URL must be a postgres:// URL (SQLite is chosen by --data)');
    return openPostgresDatabase(url);
  }
  return openDatabase(options.dataDir);
}

/** A pool on a PostgreSQL database, migrated. */
export async function openPostgresDatabase(url: string, options: { max?: number } = {}): Promise<PostgresDatabase> {
  const database = new PostgresDatabase(url, options);
  try {
    await migrate(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

/**
 * A second connection to a server database that was opened and migrated (a worker thread's): the same durability
 * and waits, no migration. A SQLite file must be in WAL mode, so that this connection's writes never stop the
 * server's connection from reading; a PostgreSQL URL gets a pool of one connection.
 */
export function openWorkerConnection(location: string): SqlDatabase {
  if (isPostgresUrl(location)) return new PostgresDatabase(location, { max: 1 });
  return new SqliteDatabase(openSqliteWorkerConnection(location));
}

function openSqliteWorkerConnection(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true });
  const mode = db.pragma('journal_mode', { simple: true });
  if (mode !== 'wal') {
    db.close();
    throw new Error(`${file} is not in WAL mode (got ${String(mode)})`);
  }
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}
