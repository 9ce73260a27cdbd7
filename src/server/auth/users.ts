import type Database from 'better-sqlite3';
import { OPERATORS } from '../../core/model/operators';
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
export async function createUser(
  db: Database.Database,
  user: NewUser,
  now = new Date(),
  cost?: ScryptCost,
): Promise<number> {
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

/** Insert an account whose password is already hashed (synchronous, so it can share a transaction). */
export function insertUser(
  db: Database.Database,
  user: Omit<NewUser, 'password'>,
  passwordHash: string,
  now: Date,
): number {
  const result = db
    .prepare(
      `INSERT INTO users (username, password_hash, role, province_id, operator, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(
      user.username,
      passwordHash,
      user.role,
      user.role === 'province' ? user.provinceId : null,
      user.role === 'operator' ? user.operator : null,
      now.toISOString(),
    );
  return Number(result.lastInsertRowid);
}

export function findUserByName(db: Database.Database, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}
