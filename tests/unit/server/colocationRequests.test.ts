/** The request lifecycle through the API: capacity and rules, decisions, lapse after the province's period, built. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkColocationRequest } from '../../../src/server/domain/checkColocationRequest';
import { spareMastCapacity } from '../../../src/server/domain/spareMastCapacity';
import { requestBody, startTestServer, type TestClient, type TestServer } from './testServer';

interface RequestJson {
  id: string;
  state: string;
  version: number;
  approvalExpiresAt: string | null;
  actions: string[];
  history?: { action: string; fromState: string | null; toState: string | null; actor: { role: string } }[];
}
const requestOf = (body: unknown) => (body as { request: RequestJson }).request;

describe('capacity check (pure)', () => {
  it('takes the slots from the core slot table and the load budgets from the class', () => {
    const spare = (mastType: 'A1' | 'A2b', heightM: number, tenantCount: number) =>
      spareMastCapacity({ mastType, heightM, tenantCount, committed: [] });
    expect(spare('A2b', 30, 1)).toMatchObject({ tenantSlots: 3, freeSlots: 2, freeWindLoadAreaM2: 14.5 });
    expect(spare('A2b', 45, 1)).toMatchObject({ tenantSlots: 4, freeSlots: 3, maxAntennaHeightM: 45 });
    expect(spare('A1', 20, 2)).toMatchObject({ tenantSlots: 2, freeSlots: 0, freeEquipmentWeightKg: 0 });
  });

  const target = { mastType: 'A1' as const, heightM: 20, tenants: ['Viettel'] };
  const equipment = { operator: 'MobiFone', antennaHeightM: 18, windLoadAreaM2: 1, weightKg: 50 };

  it('accepts a request that fits', () => {
    const check = checkColocationRequest({ target, equipment, committed: [], hasOpenRequestForTarget: false });
    expect(check).toMatchObject({ ok: true, problems: [], capacity: { tenantSlots: 2, freeSlots: 1 } });
  });

  it('names every problem', () => {
    const check = checkColocationRequest({
      target,
      equipment: { operator: 'Viettel', antennaHeightM: 25, windLoadAreaM2: 3, weightKg: 400 },
      committed: [{ windLoadAreaM2: null, weightKg: null }],
      hasOpenRequestForTarget: true,
    });
    expect(check.problems.map((problem) => problem.code).sort()).toEqual(
      ['already_tenant', 'antenna_above_mast', 'duplicate_request', 'no_free_slot', 'weight', 'wind_load'].sort(),
    );
  });
});

describe('co-location requests through the API', () => {
  let server: TestServer;
  let viettel: TestClient;
  let vinaphone: TestClient;
  let planner: TestClient;

  beforeEach(async () => {
    server = await startTestServer({ masts: 5 });
    [viettel, vinaphone, planner] = await Promise.all([
      server.loggedIn('viettel'),
      server.loggedIn('vinaphone'),
      server.loggedIn('planner'),
    ]);
  });
  afterEach(async () => {
    await server.close();
  });

  it('files, approves with the province period, reports built and adds the tenant', async () => {
    const filed = await viettel.post('/api/requests', requestBody('T-0000'));
    expect(filed.status, filed.text).toBe(201);
    const id = requestOf(filed.body).id;
    expect(requestOf(filed.body)).toMatchObject({ state: 'submitted', actions: ['withdraw'] });

    const approved = await planner.post(`/api/requests/${id}/approve`, { note: 'ok, mount at 40 m' });
    expect(requestOf(approved.body)).toMatchObject({
      state: 'approved',
      approvalExpiresAt: '2026-07-15T08:00:00.000Z',
    });

    const built = await viettel.post(`/api/requests/${id}/report-built`, {});
    expect(requestOf(built.body).state).toBe('built');
    const masts = (await viettel.get('/api/provinces/VN25/masts')).body as {
      masts: { id: string; tenants: string[] }[];
    };
    expect(masts.masts.find((mast) => mast.id === 'T-0000')?.tenants).toEqual(['MobiFone', 'Viettel']);

    const detail = requestOf((await viettel.get(`/api/requests/${id}`)).body);
    expect(detail.history?.map((entry) => `${entry.action}:${entry.fromState ?? '-'}>${entry.toState}`)).toEqual([
      'request.submit:->submitted',
      'request.approve:submitted>approved',
      'request.reportBuilt:approved>built',
    ]);
  });

  it('lapses an approval after the province setting, on read, and refuses "built" then', async () => {
    const settings = await planner.patch('/api/provinces/VN25/settings', { lapseMonths: 2, version: 1 });
    expect(settings.status, settings.text).toBe(200);
    const id = requestOf((await viettel.post('/api/requests', requestBody('T-0001'))).body).id;
    const approved = requestOf((await planner.post(`/api/requests/${id}/approve`, {})).body);
    expect(approved.approvalExpiresAt).toBe('2026-03-15T08:00:00.000Z');

    server.clock.now = new Date('2026-03-15T08:00:00.000Z');
    viettel = await server.loggedIn('viettel'); // sessions last 12 hours
    const read = requestOf((await viettel.get(`/api/requests/${id}`)).body);
    expect(read.state).toBe('lapsed');
    expect(read.history?.at(-1)).toMatchObject({ action: 'request.lapse', actor: { role: 'system' } });
    const built = await viettel.post(`/api/requests/${id}/report-built`, {});
    expect(built.status).toBe(409);
    expect((built.body as { message: string }).message).toMatch(/cannot report as built a request that is lapsed/);
  });

  it('lapses due approvals in the background sweep too', async () => {
    await server.close();
    server = await startTestServer({ masts: 2, sweepIntervalMs: 20 });
    viettel = await server.loggedIn('viettel');
    planner = await server.loggedIn('planner');
    const id = requestOf((await viettel.post('/api/requests', requestBody('T-0001'))).body).id;
    await planner.post(`/api/requests/${id}/approve`, {});
    server.clock.now = new Date('2026-08-01T00:00:00.000Z');
    const stateOf = async () =>
      ((await server.db.get('SELECT state FROM colocation_requests WHERE id = ?', [id])) as { state: string }).state;
    for (let i = 0; i < 100 && (await stateOf()) !== 'lapsed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(await stateOf()).toBe('lapsed');
  });

  it('refuses requests that do not fit, with the reasons', async () => {
    const tooHigh = await viettel.post('/api/requests', requestBody('T-0002', { antennaHeightM: 75 }));
    expect(tooHigh.status).toBe(422);
    expect(tooHigh.body).toMatchObject({ error: 'capacity', details: { problems: [{ code: 'antenna_above_mast' }] } });

    const own = await (await server.loggedIn('viettel')).post(
      '/api/requests',
      requestBody('T-0002', { windLoadAreaM2: 50 }),
    );
    expect((own.body as { details: { problems: { code: string }[] } }).details.problems[0].code).toBe('wind_load');

    expect((await viettel.post('/api/requests', requestBody('T-0002'))).status).toBe(201);
    const again = await viettel.post('/api/requests', requestBody('T-0002'));
    expect(again.body).toMatchObject({ details: { problems: [{ code: 'duplicate_request' }] } });

    const missing = await viettel.post('/api/requests', requestBody('NOPE'));
    expect(missing.status).toBe(422);
    expect(missing.body).toMatchObject({ error: 'unknown_target' });
  });

  it('re-checks capacity at approval: the last slot goes to the first approved', async () => {
    // T-0003 is A2c (4 slots); with three tenants one slot is left.
    const ids: string[] = [];
    for (const client of [viettel, vinaphone]) {
      ids.push(requestOf((await client.post('/api/requests', requestBody('T-0003'))).body).id);
    }
    await server.db.run('UPDATE masts SET tenants = \'["MobiFone","Vietnamobile","Gmobile"]\' WHERE id = \'T-0003\'');
    expect((await planner.post(`/api/requests/${ids[0]}/approve`, {})).status).toBe(200);
    const second = await planner.post(`/api/requests/${ids[1]}/approve`, {});
    expect(second.status).toBe(422);
    expect(second.body).toMatchObject({ details: { problems: [{ code: 'no_free_slot' }] } });
    const reject = await planner.post(`/api/requests/${ids[1]}/reject`, { reason: 'no free slot left' });
    expect(requestOf(reject.body).state).toBe('rejected');
  });

  it('answers 409 for a decision on a request that changed, and 400 for a rejection without reason', async () => {
    const id = requestOf((await viettel.post('/api/requests', requestBody('T-0004'))).body).id;
    expect((await viettel.post(`/api/requests/${id}/withdraw`, { version: 1 })).status).toBe(200);
    const late = await planner.post(`/api/requests/${id}/approve`, { version: 1 });
    expect(late.status).toBe(409);
    expect((late.body as { message: string }).message).toMatch(/changed meanwhile/);
    const stale = await planner.post(`/api/requests/${id}/approve`, {});
    expect(stale.body).toMatchObject({ error: 'invalid_transition' });
    const noReason = await planner.post(`/api/requests/${id}/reject`, {});
    expect(noReason.status).toBe(400);
  });

  it('files against a proposed site of a published plan only', async () => {
    const site = {
      id: 'S1',
      lon: 108.2,
      lat: 16.05,
      heightM: 45,
      mastType: 'A2b',
      tenantSlots: 3,
      tenants: ['Viettel'],
    };
    const plan = await planner.post('/api/provinces/VN25/plans', {
      name: '5G shared sites',
      document: { proposedSites: [site] },
    });
    const planId = (plan.body as { plan: { id: string } }).plan.id;
    const target = { kind: 'proposedSite', planId, siteId: 'S1' };
    const early = await vinaphone.post('/api/requests', requestBody('x', { target }));
    expect(early.body).toMatchObject({ error: 'unknown_target' });
    await planner.post(`/api/plans/${planId}/publish`, { version: 1 });
    const sites = (await vinaphone.get('/api/provinces/VN25/proposed-sites')).body as {
      sites: { site: { id: string }; capacity: { freeSlots: number } }[];
    };
    expect(sites.sites).toMatchObject([{ site: { id: 'S1' }, capacity: { freeSlots: 2 } }]);
    const filed = await vinaphone.post('/api/requests', requestBody('x', { target }));
    expect(filed.status, filed.text).toBe(201);
  });

  it('takes a proposed site on an existing mast as that mast: one capacity, requests filed on the mast', async () => {
    // S1 stands where mast T-0000 stands (positions copied); S2 names mast T-0001 but is placed 0.5 m off; S3 is new.
    const base = { heightM: 45, mastType: 'A2b', tenantSlots: null, tenants: ['MobiFone'] };
    const plan = await planner.post('/api/provinces/VN25/plans', {
      name: 'sites on masts',
      document: {
        proposedSites: [
          { ...base, id: 'S1', lon: 108, lat: 16 },
          { ...base, id: 'S2', lon: 108.001, lat: 16.0000045, mastId: 'T-0001' },
          { ...base, id: 'S3', lon: 108.3, lat: 16.2, tenants: [] },
        ],
      },
    });
    const planId = (plan.body as { plan: { id: string } }).plan.id;
    await planner.post(`/api/plans/${planId}/publish`, { version: 1 });
    // An approved request on the mast T-0000 takes one of its slots.
    const onMast = await viettel.post('/api/requests', requestBody('T-0000'));
    expect(onMast.status, onMast.text).toBe(201);
    await planner.post(`/api/requests/${requestOf(onMast.body).id}/approve`, {});

    const listed = (await vinaphone.get('/api/provinces/VN25/proposed-sites')).body as {
      sites: { site: { id: string }; mastId: string | null; capacity: { freeSlots: number } }[];
    };
    const masts = (await vinaphone.get('/api/provinces/VN25/masts')).body as {
      masts: { id: string; capacity: { freeSlots: number } }[];
    };
    const mastFree = (id: string) => masts.masts.find((mast) => mast.id === id)?.capacity.freeSlots;
    expect(listed.sites.map((entry) => [entry.site.id, entry.mastId])).toEqual([
      ['S1', 'T-0000'],
      ['S2', 'T-0001'],
      ['S3', null],
    ]);
    // The sites on masts show the masts' own room: T-0000 has one slot less than T-0001 (Viettel's approval).
    expect(listed.sites[0].capacity.freeSlots).toBe(mastFree('T-0000'));
    expect(listed.sites[1].capacity.freeSlots).toBe(mastFree('T-0001'));
    expect(mastFree('T-0000')).toBe((mastFree('T-0001') ?? 0) - 1);

    // Filing on the site of a mast is refused, naming the mast; on the new site it is taken.
    for (const [siteId, mastId] of [
      ['S1', 'T-0000'],
      ['S2', 'T-0001'],
    ]) {
      const refused = await vinaphone.post(
        '/api/requests',
        requestBody('x', { target: { kind: 'proposedSite', planId, siteId } }),
      );
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: 'site_is_mast', details: { mastId } });
    }
    const onSite = await vinaphone.post(
      '/api/requests',
      requestBody('x', { target: { kind: 'proposedSite', planId, siteId: 'S3' } }),
    );
    expect(onSite.status, onSite.text).toBe(201);
  });
});
