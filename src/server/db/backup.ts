import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE_NAME, isPostgresUrl } from './openDatabase';

/**
 * Online backup of the server's database into `targetFile`, while the server keeps running. Refuses to overwrite an
 * existing file.
 * - SQLite: the backup API copies pages in steps and restarts a step when a writer changes the source, so the copy
 *   is one consistent snapshot.
 * - PostgreSQL: `pg_dump --format=custom`, one transaction's snapshot (restore with `pg_restore`). Continuous
 *   protection (base backups and WAL archiving, point-in-time recovery) is the deployment's: see the README.
 */
export async function backupDatabase(
  source: { dataDir: string; databaseUrl?: string | null },
  targetFile: string,
): Promise<{ summary: string }> {
  if (existsSync(targetFile)) throw new Error(`${targetFile} exists already: choose a new file name`);
  mkdirSync(path.dirname(path.resolve(targetFile)), { recursive: true });
  const url = source.databaseUrl?.trim();
  if (url) {
    if (!isPostgresUrl(url)) throw new Error('the database URL must be a postgres:// URL');
    await pgDump(url, targetFile);
    return { summary: `pg_dump custom format, ${statSync(targetFile).size} bytes` };
  }
  const file = path.join(source.dataDir, DATABASE_FILE_NAME);
  if (!existsSync(file)) throw new Error(`no database at ${file}`);
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const result = await db.backup(targetFile);
    return { summary: `${result.totalPages} pages` };
  } finally {
    db.close();
  }
}

function pgDump(url: string, targetFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('pg_dump', ['--format=custom', `--file=${targetFile}`, `--dbname=${url}`], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) =>
      reject(new Error(`pg_dump could not start (${error.message}): install postgresql-client`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`pg_dump failed (exit ${code}): ${stderr.trim().split('\n').pop() ?? ''}`));
    });
  });
}
