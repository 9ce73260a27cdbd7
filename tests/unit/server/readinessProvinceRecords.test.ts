/**
 * The shared sites the ministry's readiness view counts per province: the proposed sites of published plans, and the
 * masts and proposed sites with a co-location approved or built. Counted here by hand from what the test writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ENGINE } from './testDatabase';
import { requestBody, startTestServer, type TestClient, type TestServer } from './testServer';

interface Counts {
  provinceId: string;
  registerMasts: number;
  importedMasts: number;
  register5gMasts: number;
  lastImportAt: string | null;
  publishedPlans: number;
  plannedSharedSites: number;
  approvedSharedSites: number;
}

const site = (id: string, lon: number) => ({
  id,
  lon,
  lat: 16.05,
  heightM: 45,
  mastType: 'A2b',
  tenantSlots: 3,
  tenants: ['MobiFone'],
});

describe(`what each province keeps on the server, for the readiness view (${TEST_ENGINE})`, () => {
  let server: TestServer;
  let ministry: TestClient;
  let planner: TestClient;
  let vinaphone: TestClient;
  let viettel: TestClient;
  beforeAll(async () => {
    server = await startTestServer({ masts: 4 });
    [ministry, planner, vinaphone, viettel] = await Promise.all([
      server.loggedIn('ministry'),
      server.loggedIn('planner'),
      server.loggedIn('vinaphone'),
      server.loggedIn('viettel'),
    ]);
  });
  afterAll(async () => {
    await server.close();
  });

  const counts = async (): Promise<Map<string, Counts>> => {
    const answer = await ministry.get('/api/readiness/province-records');
    expect(answer.status, answer.text).toBe(200);
    const body = answer.body as { provinces: Counts[]; countedAt: string };
    expect(body.countedAt).toBe(server.clock.now.toISOString());
    return new Map(body.provinces.map((row) => [row.provinceId, row]));
  };

  it('lists all 34 provinces with zeros before anything is planned', async () => {
    const before = await counts();
    expect(before.size).toBe(34);
    // The test server's register: 4 masts in VN25 and 2 in VN01, written as from a file at the clock's start.
    expect(before.get('VN25')).toEqual({
      provinceId: 'VN25',
      registerMasts: 4,
      importedMasts: 4,
      register5gMasts: 0,
      lastImportAt: '2026-01-15T08:00:00.000Z',
      publishedPlans: 0,
      plannedSharedSites: 0,
      approvedSharedSites: 0,
    });
  });

  it('counts published versions only, and each approved or built target once', async () => {
    // Plan A: 3 sites, published; then a working version of 5 sites, not published: 3 planned.
    const planA = await planner.post('/api/provinces/VN25/plans', {
      name: 'A',
      document: { proposedSites: [site('S1', 108.2), site('S2', 108.21), site('S3', 108.22)] },
    });
    const planAId = (planA.body as { plan: { id: string } }).plan.id;
    expect((await planner.post(`/api/plans/${planAId}/publish`, { version: 1 })).status).toBe(200);
    const edited = await planner.put(`/api/plans/${planAId}`, {
      document: { proposedSites: ['S1', 'S2', 'S3', 'S4', 'S5'].map((id, i) => site(id, 108.2 + i / 100)) },
      version: 1,
    });
    expect(edited.status, edited.text).toBe(200);
    // Plan B: 2 sites, never published: not counted.
    await planner.post('/api/provinces/VN25/plans', {
      name: 'B',
      document: { proposedSites: [site('S1', 108.3), site('S2', 108.31)] },
    });
    let now = await counts();
    expect(now.get('VN25')).toMatchObject({ publishedPlans: 1, plannedSharedSites: 3, approvedSharedSites: 0 });

    // Approved: site S1 twice (two operators), mast T-0000 once approved then built, mast T-0001 rejected,
    // mast T-0002 only submitted: S1 and T-0000, 2 targets.
    const file = async (client: TestClient, overrides: Record<string, unknown>, mastId = 'x') => {
      const filed = await client.post('/api/requests', requestBody(mastId, overrides));
      expect(filed.status, filed.text).toBe(201);
      return (filed.body as { request: { id: string } }).request.id;
    };
    const onSite = { target: { kind: 'proposedSite', planId: planAId, siteId: 'S1' } };
    for (const id of [await file(vinaphone, onSite), await file(viettel, { ...onSite, band: 'n78' })]) {
      const approved = await planner.post(`/api/requests/${id}/approve`, {});
      expect(approved.status, approved.text).toBe(200);
    }
    const onMast = await file(viettel, {}, 'T-0000');
    await planner.post(`/api/requests/${onMast}/approve`, {});
    expect((await viettel.post(`/api/requests/${onMast}/report-built`, {})).status).toBe(200);
    const rejected = await file(viettel, {}, 'T-0001');
    await planner.post(`/api/requests/${rejected}/reject`, { reason: 'full' });
    await file(vinaphone, {}, 'T-0002');

    now = await counts();
    expect(now.get('VN25')).toMatchObject({ publishedPlans: 1, plannedSharedSites: 3, approvedSharedSites: 2 });
    expect(now.get('VN01')).toMatchObject({ publishedPlans: 0, plannedSharedSites: 0, approvedSharedSites: 0 });
  });

  it("counts a province's register as its imports change it", async () => {
    server.clock.now = new Date('2026-01-15T10:30:00.000Z');
    const imported = await viettel.post('/api/provinces/VN25/masts/import', {
      towers: [
        {
          id: 'VT-1',
          operator: 'Viettel',
          lon: 108.21,
          lat: 16.06,
          heightM: 40,
          mastType: 'A2b',
          tenants: ['Viettel'],
        },
        {
          id: 'VT-2',
          operator: 'Viettel',
          lon: 108.22,
          lat: 16.07,
          heightM: 40,
          mastType: 'A2b',
          tenants: ['Viettel'],
          tenants5g: ['Viettel'],
        },
        // "No 5G" said outright: not a 5G mast.
        { id: 'VT-3', operator: 'Viettel', lon: 108.23, lat: 16.08, tenants: ['Viettel'], tenants5g: [] },
      ],
      mode: 'add',
      sourceName: 'viettel.csv',
    });
    expect(imported.status, imported.text).toBe(200);
    const now = await counts();
    expect(now.get('VN25')).toMatchObject({
      registerMasts: 7,
      importedMasts: 7,
      register5gMasts: 1,
      lastImportAt: '2026-01-15T10:30:00.000Z',
    });
    expect(now.get('VN01')).toMatchObject({ registerMasts: 2, importedMasts: 2 });
    expect(now.get('VN03')).toMatchObject({ registerMasts: 0, importedMasts: 0, lastImportAt: null });
  });
});
