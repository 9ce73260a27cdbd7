import { describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, seedDemo } from '../../../src/server/seedDemo';
import { openTestDatabase } from './testDatabase';

describe('demo seed', () => {
  it('creates the demo accounts and the VN25 masts once, with audit rows, and can run again', async () => {
    const { db, drop } = await openTestDatabase();
    const first = await seedDemo(db, { password: 'demo-password-x' });
    expect(first.created.map((account) => account.username)).toEqual([
      'ministry',
      'vn25-planner',
      'viettel',
      'vinaphone',
      'mobifone',
      'vietnamobile',
      'gmobile',
    ]);
    expect(first.masts).toEqual({ inserted: 2318, updated: 0, unchanged: 0, rejected: 0 });
    expect(await db.get("SELECT COUNT(*) AS n FROM masts WHERE province_id = 'VN25'")).toEqual({ n: 2318 });
    expect(
      await db.all(
        "SELECT source_kind, source_name, COUNT(*) AS n FROM masts WHERE province_id = 'VN25' GROUP BY 1, 2",
      ),
    ).toEqual([{ source_kind: 'synthetic', source_name: 'data/demo/towers.csv', n: 2318 }]);
    const audit = await db.get("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'user.create'");
    expect(audit).toEqual({ n: DEMO_ACCOUNTS.length });

    const again = await seedDemo(db);
    expect(again.created).toEqual([]);
    expect(again.masts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2318 });
    await drop();
  });
});
