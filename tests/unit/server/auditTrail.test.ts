/** The audit trail: one row per change in the same transaction, append-only, scoped views, CSV export. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/server/http/toCsv';
import { requestBody, startTestServer, type TestServer } from './testServer';

describe('audit trail', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ masts: 3 });
  });
  afterEach(async () => {
    await server.close();
  });

  it('records who changed what, with old and new values', async () => {
    const viettel = await server.loggedIn('viettel');
    const planner = await server.loggedIn('planner');
    const id = ((await viettel.post('/api/requests', requestBody('T-0000'))).body as { request: { id: string } })
      .request.id;
    await planner.post(`/api/requests/${id}/reject`, { reason: 'structural limit' });
    const audit = (await planner.get(`/api/audit?entityId=${id}`)).body as {
      entries: { action: string; actor: { username: string; role: string }; oldValue: unknown; newValue: unknown }[];
    };
    expect(audit.entries).toMatchObject([
      {
        action: 'request.reject',
        actor: { username: 'vn25-planner', role: 'province' },
        oldValue: { state: 'submitted' },
        newValue: { state: 'rejected', decisionReason: 'structural limit' },
      },
      { action: 'request.submit', actor: { username: 'viettel', role: 'operator' }, oldValue: null },
    ]);
  });

  it('refuses UPDATE and DELETE on the audit table', async () => {
    await (await server.loggedIn('planner')).post('/api/provinces/VN25/plans', { name: 'p' });
    const count = async () => ((await server.db.get('SELECT COUNT(*) AS n FROM audit_log')) as { n: number }).n;
    const before = await count();
    expect(before).toBeGreaterThan(0);
    await expect(server.db.run("UPDATE audit_log SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(server.db.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(server.db.run('DELETE FROM plan_versions')).rejects.toThrow(/append-only/);
    expect(await count()).toBe(before);
  });

  it('shows a planner only its province, the ministry everything, and exports CSV', async () => {
    const planner = await server.loggedIn('planner');
    const other = await server.loggedIn('otherPlanner');
    await planner.patch('/api/provinces/VN25/settings', { lapseMonths: 9, version: 1 });
    await other.post('/api/provinces/VN01/plans', { name: 'An Giang' });
    const provincesOf = async (client: typeof planner) =>
      new Set(
        ((await client.get('/api/audit')).body as { entries: { provinceId: string }[] }).entries.map(
          (e) => e.provinceId,
        ),
      );
    expect(await provincesOf(planner)).toEqual(new Set(['VN25']));
    expect(await provincesOf(other)).toEqual(new Set(['VN01']));
    const ministry = await server.loggedIn('ministry');
    expect(await provincesOf(ministry)).toEqual(new Set(['VN25', 'VN01', null]));

    const csv = await planner.get('/api/audit.csv');
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(csv.headers['content-disposition'])).toMatch(
      /attachment; filename="cosite-audit-VN25-2026-01-15.csv"/,
    );
    expect(
      csv.text.startsWith(
        '\uFEFF"id","at","actor","role","province","action","entity_type","entity_id","old_value","new_value"\r\n',
      ),
    ).toBe(true);
    expect(csv.text).toContain('province.settings');
    expect(csv.text).toContain('"{""lapseMonths"":6}","{""lapseMonths"":9}"');
    expect(csv.text).not.toContain('VN01');
  });

  it('quotes CSV fields and neutralises spreadsheet formulas', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['=1+1', 'x,"y"'],
          [null, 3],
        ],
      ),
    ).toBe('\uFEFF"a","b"\r\n"\'=1+1","x,""y"""\r\n,3\r\n');
  });
});
