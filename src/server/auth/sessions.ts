import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../db/sqlDatabase';
import type { SessionUser } from './sessionUser';
import type { UserRow } from './users';

export const SESSION_COOKIE = 'cosite_session';
/** A session ends this long after login (no sliding renewal: log in again). */
export const SESSION_LIFETIME_MS = 12 * 60 * 60 * 1000;

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Start a session: a random 256-bit token for the cookie; only its hash is stored. */
export async function createSession(db: Sql, userId: number, now: Date): Promise<{ token: string; hash: string }> {
  const token = randomBytes(32).toString('base64url');
  const hash = hashToken(token);
  await db.run('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [
    hash,
    userId,
    now.toISOString(),
    new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
  ]);
  return { token, hash };
}

/** The account of a session cookie, or null when the token is unknown or expired. */
export async function resolveSession(db: Sql, token: string | undefined, now: Date): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const hash = hashToken(token);
  const row = await db.get<Omit<UserRow, 'password_hash'> & { expires_at: string }>(
    `SELECT u.id, u.username, u.role, u.province_id, u.operator, s.expires_at
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`,
    [hash],
  );
  if (!row || row.expires_at <= now.toISOString()) return null;
  return {
    id: row.id,
    username: row.username,
    role: row.role,
    provinceId: row.province_id,
    operator: row.operator,
    sessionHash: hash,
  };
}

export async function deleteSession(db: Sql, hash: string): Promise<void> {
  await db.run('DELETE FROM sessions WHERE token_hash = ?', [hash]);
}

export async function deleteExpiredSessions(db: Sql, now: Date): Promise<number> {
  return (await db.run('DELETE FROM sessions WHERE expires_at <= ?', [now.toISOString()])).changes;
}
