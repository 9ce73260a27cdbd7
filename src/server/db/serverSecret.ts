import { randomBytes } from 'node:crypto';
import type { Sql } from './sqlDatabase';

/**
 * A random secret kept in the database (created on first use), so that it survives restarts without being in the
 * repository, a config file or the environment, and every API process on the database uses the same one. Used as
 * the HMAC key of CSRF tokens.
 */
export async function serverSecret(db: Sql, name: string): Promise<string> {
  const row = await db.get<{ value: string }>('SELECT value FROM server_secrets WHERE name = ?', [name]);
  if (row) return row.value;
  // Two processes starting together: the first insert wins and both read its value.
  await db.run('INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING', [
    name,
    randomBytes(32).toString('base64url'),
  ]);
  const stored = await db.get<{ value: string }>('SELECT value FROM server_secrets WHERE name = ?', [name]);
  if (!stored) throw new Error(`the server secret ${name} could not be stored`);
  return stored.value;
}
