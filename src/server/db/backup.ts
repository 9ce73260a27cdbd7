import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME } from './openDatabase';

/**
 * Online backup of the server's database into `targetFile`, while the server keeps running: SQLite's backup API
 * copies pages in steps and restarts a step when a writer changes the source, so the copy is one consistent snapshot.
 * Refuses to overwrite an existing file. Returns the number of pages copied.
 */
export async function backupDatabase(dataDir: string, targetFile: string): Promise<{ totalPages: number }> {
  const source = path.join(dataDir, DATABASE_FILE_NAME);
  if (!existsSync(source)) throw new Error(`no database at ${source}`);
  if (existsSync(targetFile)) throw new Error(`${targetFile} exists already: choose a new file name`);
  mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const result = await db.backup(targetFile);
    return { totalPages: result.totalPages };
  } finally {
    db.close();
  }
}
