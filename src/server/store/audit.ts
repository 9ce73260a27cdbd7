import type { SessionUser } from '../auth/sessionUser';
import type { Sql } from '../db/sqlDatabase';

/** Who did something: an account, or the server itself (e.g. an approval lapsing). */
export type AuditActor =
  | Pick<SessionUser, 'id' | 'username' | 'role'>
  | { id: null; username: 'system'; role: 'system' };
export const SYSTEM_ACTOR: AuditActor = { id: null, username: 'system', role: 'system' };

export interface AuditEntry {
  at: Date;
  actor: AuditActor;
  provinceId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface AuditRow {
  id: number;
  at: string;
  actor_user_id: number | null;
  actor_username: string;
  actor_role: string;
  province_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  old_value: string | null;
  new_value: string | null;
}

/**
 * Append one row to the audit trail. Call it inside the transaction that makes the change, so that the change and
 * its record commit together or not at all. The table refuses UPDATE and DELETE (triggers in migration 001).
 */
export async function writeAudit(db: Sql, entry: AuditEntry): Promise<void> {
  await db.run(
    `INSERT INTO audit_log (at, actor_user_id, actor_username, actor_role, province_id, action, entity_type, entity_id,
       old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      entry.at.toISOString(),
      entry.actor.id,
      entry.actor.username,
      entry.actor.role,
      entry.provinceId,
      entry.action,
      entry.entityType,
      entry.entityId,
      entry.oldValue === undefined || entry.oldValue === null ? null : JSON.stringify(entry.oldValue),
      entry.newValue === undefined || entry.newValue === null ? null : JSON.stringify(entry.newValue),
    ],
  );
}

export function auditEntryJson(row: AuditRow) {
  return {
    id: row.id,
    at: row.at,
    actor: { userId: row.actor_user_id, username: row.actor_username, role: row.actor_role },
    provinceId: row.province_id,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    oldValue: row.old_value === null ? null : (JSON.parse(row.old_value) as unknown),
    newValue: row.new_value === null ? null : (JSON.parse(row.new_value) as unknown),
  };
}

export interface AuditQuery {
  provinceId?: string;
  entityType?: string;
  entityId?: string;
  /** Only rows with a smaller id (paging backwards from the newest). */
  beforeId?: number;
  limit?: number;
}

/** Audit rows, newest first. */
export function listAudit(db: Sql, query: AuditQuery): Promise<AuditRow[]> {
  const where: string[] = [];
  const values: (string | number)[] = [];
  if (query.provinceId) {
    where.push('province_id = ?');
    values.push(query.provinceId);
  }
  if (query.entityType) {
    where.push('entity_type = ?');
    values.push(query.entityType);
  }
  if (query.entityId) {
    where.push('entity_id = ?');
    values.push(query.entityId);
  }
  if (query.beforeId) {
    where.push('id < ?');
    values.push(query.beforeId);
  }
  const limit = query.limit ? `LIMIT ${Math.floor(query.limit)}` : '';
  return db.all<AuditRow>(
    `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC ${limit}`,
    values,
  );
}
