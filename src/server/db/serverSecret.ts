import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A random secret kept in the database (created on first use), so that it survives restarts without being in the
 * repository, a config file or the environment. Used as the HMAC key of CSRF tokens.
 */
export function serverSecret(db: Database.Database, name: string): string {
  const row = db.prepare('SELECT value FROM server_secrets WHERE name = ?').get(name) as { value: string } | undefined;
  if (row) return row.value;
  const value = randomBytes(32).toString('base64url');
  db.prepare('INSERT OR IGNORE INTO server_secrets (name, value) VALUES (?, ?)').run(name, value);
  return (db.prepare('SELECT value FROM server_secrets WHERE name = ?').get(name) as { value: string }).value;
}
