/**
 * Isolation in the database itself (PostgreSQL): the store's own functions and plain SQL, called with one account's
 * context, cannot read or change another operator's or province's rows, as if a route had forgotten its check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../../src/server/auth/users';
import { PostgresDatabase } from '../../../src/server/db/postgresDatabase';
import { type DbActor, type Sql, SYSTEM_DB_ACTOR } from '../../../src/server/db/sqlDatabase';
import { writeAudit } from '../../../src/server/store/audit';
import { getMast, upsertMasts, writeMast } from '../../../src/server/store/masts';
import { getPlan } from '../../../src/server/store/plans';
import { getRequest, resolveTarget } from '../../../src/server/store/requests';
import { openTestDatabase, type TestDatabase } from './testDatabase';
import { TEST_PASSWORD, TEST_SCRYPT_COST } from './testServer';

const NOW = new Date('2026-01-15T08:00:00.000Z');

describe('row-level security on PostgreSQL', () => {
  let database: TestDatabase;
  const ids: Record<string, number> = {};
  let as: (name: 'viettel' | 'vinaphone' | 'planner25' | 'planner01' | 'ministry') => Sql;

  const insertRequest = (sql: Sql, id: string, operator: string, mastId: string, state: string, createdBy: number) =>
    sql.run(
      `INSERT INTO colocation_requests (id, province_id, operator, target_kind, mast_id, equipment, antenna_height_m,
         band, wind_load_area_m2, weight_kg, state, created_at, created_by, updated_at, version)
       VALUES (?, 'VN25', ?, 'mast', ?, 'AAU', 30, 'n78', 1.5, 120, ?, ?, ?, ?, 1)`,
      [id, operator, mastId, state, NOW.toISOString(), createdBy, NOW.toISOString()],
    );

  beforeAll(async () => {
    database = await openTestDatabase();
    const { db } = database;
    expect(db.engine).toBe('postgres');
    const accounts = {
      viettel: { username: 'viettel', role: 'operator', operator: 'Viettel' },
      vinaphone: { username: 'vinaphone', role: 'operator', operator: 'VinaPhone' },
      planner25: { username: 'vn25-planner', role: 'province', provinceId: 'VN25' },
      planner01: { username: 'vn01-planner', role: 'province', provinceId: 'VN01' },
      ministry: { username: 'ministry', role: 'ministry' },
    } as const;
    const actors: Record<string, DbActor> = {};
    for (const [name, account] of Object.entries(accounts)) {
      ids[name] = await createUser(db, { ...account, password: TEST_PASSWORD }, NOW, TEST_SCRYPT_COST);
      actors[name] = {
        userId: ids[name],
        role: account.role,
        provinceId: 'provinceId' in account ? account.provinceId : null,
        operator: 'operator' in account ? account.operator : null,
      };
    }
    as = (name) => db.as(actors[name]);
    const system = db.as(SYSTEM_DB_ACTOR);
    await system.transaction(async (tx) => {
      const mast = (id: string, operator: string) => ({
        id,
        operator,
        lon: 108.2,
        lat: 16.05,
        heightM: 45,
        mastType: 'A2b' as const,
        tenants: [operator],
      });
      await upsertMasts(tx, 'VN25', [mast('V-1', 'Viettel'), mast('P-1', 'VinaPhone')], NOW);
      await insertRequest(tx, 'req-viettel', 'Viettel', 'P-1', 'approved', ids.viettel);
      await insertRequest(tx, 'req-vinaphone', 'VinaPhone', 'V-1', 'draft', ids.vinaphone);
      for (const [id, published] of [
        ['plan-draft', null],
        ['plan-published', 1],
      ] as const) {
        await tx.run(
          `INSERT INTO plans (id, province_id, name, version, published_version, created_at, created_by, updated_at,
             updated_by) VALUES (?, 'VN25', ?, 2, ?, ?, ?, ?, ?)`,
          [id, id, published, NOW.toISOString(), ids.planner25, NOW.toISOString(), ids.planner25],
        );
        for (const version of [1, 2]) {
          await tx.run(
            `INSERT INTO plan_versions (plan_id, version, name, document, created_at, created_by)
             VALUES (?, ?, ?, '{"layers":[],"scenarios":[],"proposedSites":[]}', ?, ?)`,
            [id, version, id, NOW.toISOString(), ids.planner25],
          );
        }
      }
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('runs the routes as the API role: not the owner, no BYPASSRLS, not a superuser', async () => {
    const role = await as('viettel').get<{ who: string; bypass: boolean; superuser: boolean; owns: number }>(
      `SELECT current_user AS who, r.rolbypassrls AS bypass, r.rolsuper AS superuser,
         (SELECT count(*) FROM pg_tables WHERE tableowner = current_user AND schemaname = 'public') AS owns
       FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(role).toEqual({ who: 'cosite_api', bypass: false, superuser: false, owns: 0 });
  });

  it("an operator cannot read another operator's requests, through the store or plain SQL", async () => {
    const viettel = as('viettel');
    expect(await getRequest(viettel, 'req-viettel')).toMatchObject({ operator: 'Viettel' });
    expect(await getRequest(viettel, 'req-vinaphone')).toBeUndefined();
    expect(await viettel.all('SELECT id FROM colocation_requests ORDER BY id')).toEqual([{ id: 'req-viettel' }]);
    // The audit rows of the other operator's request are not there either (none yet: written below).
    expect(await as('vinaphone').all('SELECT id FROM colocation_requests ORDER BY id')).toEqual([
      { id: 'req-vinaphone' },
    ]);
  });

  it("an operator cannot change or file another operator's requests", async () => {
    const viettel = as('viettel');
    const changed = await viettel.run("UPDATE colocation_requests SET state = 'withdrawn' WHERE id = 'req-vinaphone'");
    expect(changed.changes).toBe(0);
    await expect(insertRequest(viettel, 'forged', 'VinaPhone', 'V-1', 'submitted', ids.vinaphone)).rejects.toThrow(
      /row-level security/,
    );
    expect((await getRequest(as('vinaphone'), 'req-vinaphone'))?.state).toBe('draft');
  });

  it("an operator reads every mast but cannot change or remove another operator's", async () => {
    const viettel = as('viettel');
    expect(await getMast(viettel, 'VN25', 'P-1')).toMatchObject({ operator: 'VinaPhone' });
    expect((await viettel.run("DELETE FROM masts WHERE id = 'P-1'")).changes).toBe(0);
    expect((await viettel.run("UPDATE masts SET height_m = 1 WHERE id = 'P-1'")).changes).toBe(0);
    const forged = {
      id: 'P-1',
      operator: 'VinaPhone',
      lon: 108,
      lat: 16,
      heightM: 1,
      mastType: 'A1' as const,
      tenants: ['VinaPhone'],
    };
    await expect(
      writeMast(viettel, 'VN25', forged, { kind: 'file', name: 'x', importedBy: ids.viettel }, NOW),
    ).rejects.toThrow(/row-level security/);
    expect((await getMast(as('vinaphone'), 'VN25', 'P-1'))?.height_m).toBe(45);
    // Its own mast it may change.
    expect((await viettel.run("UPDATE masts SET height_m = 46 WHERE id = 'V-1'")).changes).toBe(1);
  });

  it("still sees the committed load on the other operator's mast (not who), for its capacity check", async () => {
    const resolved = await resolveTarget(as('vinaphone'), 'VN25', { kind: 'mast', mastId: 'P-1' }, null);
    expect(resolved?.committed).toEqual([{ windLoadAreaM2: 1.5, weightKg: 120 }]);
  });

  it('a province sees its own province only; the ministry sees all', async () => {
    expect(await as('planner25').all('SELECT id FROM colocation_requests ORDER BY id')).toEqual([
      { id: 'req-viettel' },
      { id: 'req-vinaphone' },
    ]);
    expect(await as('planner01').all('SELECT id FROM colocation_requests')).toEqual([]);
    expect(await as('planner01').run("UPDATE colocation_requests SET state = 'rejected'")).toEqual({ changes: 0 });
    expect(await getPlan(as('planner01'), 'plan-draft')).toBeUndefined();
    expect(await as('ministry').all('SELECT id FROM colocation_requests ORDER BY id')).toHaveLength(2);
    expect((await as('ministry').run("UPDATE plans SET name = 'x'")).changes).toBe(0);
  });

  it('operators see published plans and only their published version', async () => {
    const viettel = as('viettel');
    expect(await getPlan(viettel, 'plan-draft')).toBeUndefined();
    expect(await getPlan(viettel, 'plan-published')).toMatchObject({ published_version: 1 });
    expect(await viettel.all('SELECT plan_id, version FROM plan_versions ORDER BY plan_id, version')).toEqual([
      { plan_id: 'plan-published', version: 1 },
    ]);
    expect((await viettel.run("UPDATE plans SET name = 'x' WHERE id = 'plan-published'")).changes).toBe(0);
  });

  it('the audit trail: append-only for the API role, each account writes only its own rows, reads its own', async () => {
    const viettel = as('viettel');
    const entry = (actorId: number, username: string) => ({
      at: NOW,
      actor: { id: actorId, username, role: 'operator' as const },
      provinceId: 'VN25',
      action: 'request.submit',
      entityType: 'colocationRequest',
      entityId: 'req-viettel',
      oldValue: null,
      newValue: { state: 'submitted' },
    });
    await writeAudit(viettel, entry(ids.viettel, 'viettel'));
    await expect(writeAudit(viettel, entry(ids.vinaphone, 'vinaphone'))).rejects.toThrow(/row-level security/);
    await writeAudit(as('vinaphone'), { ...entry(ids.vinaphone, 'vinaphone'), entityId: 'req-vinaphone' });
    expect(await viettel.all('SELECT entity_id FROM audit_log')).toEqual([{ entity_id: 'req-viettel' }]);
    await expect(viettel.run("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/permission denied/);
    await expect(viettel.run('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    await expect(as('ministry').run('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    expect(await as('ministry').all('SELECT entity_id FROM audit_log ORDER BY id')).toHaveLength(2);
  });

  it("a request's connection goes back to the pool without the account's role or settings", async () => {
    // One connection in the pool: the request's and the next user's are the same one.
    const single = new PostgresDatabase(database.url as string, { max: 1 });
    try {
      const request = single.forRequest({
        userId: ids.viettel,
        role: 'operator',
        provinceId: null,
        operator: 'Viettel',
      });
      expect(await request.sql.all('SELECT id FROM colocation_requests')).toEqual([{ id: 'req-viettel' }]);
      expect(
        await request.sql.get("SELECT current_user AS who, current_setting('cosite.operator', true) AS op"),
      ).toEqual({
        who: 'cosite_api',
        op: 'Viettel',
      });
      await request.release();
      const after = await single.get<{ who: string; op: string | null }>(
        "SELECT current_user AS who, current_setting('cosite.operator', true) AS op",
      );
      expect(after?.who).not.toBe('cosite_api');
      expect(after?.op ?? '').toBe('');
      // Used after its release (a handler still running when the client went away): short transactions, same rules.
      expect(await request.sql.all('SELECT id FROM colocation_requests')).toEqual([{ id: 'req-viettel' }]);
      expect(single.pool.totalCount).toBe(1);
      expect(single.pool.idleCount).toBe(1);
    } finally {
      await single.close();
    }
  });

  it('no account, no rows', async () => {
    const anonymous = database.db.as({ userId: null, role: 'anonymous', provinceId: null, operator: null });
    expect(await anonymous.all('SELECT id FROM masts')).toEqual([]);
    expect(await anonymous.all('SELECT id FROM colocation_requests')).toEqual([]);
    expect(await anonymous.all('SELECT id FROM audit_log')).toEqual([]);
  });
});
