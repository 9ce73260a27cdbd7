import { OPERATORS } from '../../core/model/operators';
import type { Sql } from '../db/sqlDatabase';
import { hashPassword, type ScryptCost } from './password';
import type { Role } from './sessionUser';

export interface NewUser {
  username: string;
  password: string;
  role: Role;
  provinceId?: string | null;
  operator?: string | null;
}

export interface UserRow {
  id: number;
  username: string;
  password_hash: string;
  role: Role;
  province_id: string | null;
  operator: string | null;
}

/** Create an account. Province planners need a province, operator accounts a known operator's canonical name. */
/** `cost` overrides scrypt's parameters (tests use a cheap one; the stored hash records what was used). */
export async function createUser(db: Sql, user: NewUser, now = new Date(), cost?: ScryptCost): Promise<number> {
  checkNewUser(user);
  return insertUser(db, user, await hashPassword(user.password, cost), now);
}

export function checkNewUser(user: NewUser): void {
  if (user.password.length < 10) throw new Error(`password of ${user.username} is shorter than 10 characters`);
  if (user.role === 'province' && !user.provinceId) throw new Error('a province planner needs a province');
  if (user.role === 'operator' && !OPERATORS.some((operator) => operator.name === user.operator)) {
    throw new Error(`unknown operator "${user.operator}" (use ${OPERATORS.map((o) => o.name).join(', ')})`);
  }
}

/** Insert an account whose password is already hashed (so that it can share a transaction); returns its id. */
export async function insertUser(
  db: Sql,
  user: Omit<NewUser, 'password'>,
  passwordHash: string,
  now: Date,
): Promise<number> {
  const row = await db.get<{ id: number }>(
    `INSERT INTO users (username, password_hash, role, province_id, operator, created_at)
     VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    [
      user.username,
      passwordHash,
      user.role,
      user.role === 'province' ? (user.provinceId ?? null) : null,
      user.role === 'operator' ? (user.operator ?? null) : null,
      now.toISOString(),
    ],
  );
  return Number(row?.id);
}

/** The account of a user name, compared without case (NOCASE on SQLite, citext on PostgreSQL). */
export function findUserByName(db: Sql, username: string): Promise<UserRow | undefined> {
  return db.get<UserRow>('SELECT * FROM users WHERE username = ?', [username]);
}
