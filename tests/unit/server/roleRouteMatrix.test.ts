/**
 * Every role against every API route, asserted against an explicit table of allowed / denied answers, including
 * cross-province (the VN01 planner on VN25) and cross-operator (VinaPhone on Viettel's requests) attempts.
 * "ok" means a 2xx answer; denials are 401 (no session), 403 (role or province not allowed) or 404 (a record of another
 * party, answered exactly like a record that does not exist).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_RULES } from '../../../src/server/authorization/routeRules';
import {
  type AccountName,
  requestBody,
  startTestServer,
  TEST_ACCOUNTS,
  TEST_PASSWORD,
  type TestClient,
  type TestServer,
} from './testServer';

type Actor = 'anonymous' | AccountName;
type Expected = 'ok' | 401 | 403 | 404;
const ACTORS: Actor[] = ['anonymous', 'ministry', 'planner', 'otherPlanner', 'viettel', 'vinaphone'];

interface Call {
  method: string;
  url: string;
  body?: unknown;
}

interface MatrixCase {
  route: string;
  variant?: string;
  /** Prepares the records the call needs (run once per actor, so each actor gets a fresh record). */
  call: (actor: Actor) => Promise<Call> | Call;
  expected: Record<Actor, Expected>;
  /** Use a newly logged-in client (for calls that end the session). */
  freshClient?: boolean;
}

/** Shorthand rows of the table. */
const everyone = (): Record<Actor, Expected> => ({
  anonymous: 'ok',
  ministry: 'ok',
  planner: 'ok',
  otherPlanner: 'ok',
  viettel: 'ok',
  vinaphone: 'ok',
});
const signedIn = (): Record<Actor, Expected> => ({ ...everyone(), anonymous: 401 });
const readProvince = (): Record<Actor, Expected> => ({ ...signedIn(), otherPlanner: 403 });
const editProvince = (): Record<Actor, Expected> => ({
  anonymous: 401,
  ministry: 403,
  planner: 'ok',
  otherPlanner: 403,
  viettel: 403,
  vinaphone: 403,
});
const editPlan = (): Record<Actor, Expected> => ({ ...editProvince(), otherPlanner: 404 });
const readPlanHistory = (): Record<Actor, Expected> => ({ ...editPlan(), ministry: 'ok' });
const viettelActsOnOwnRequest = (): Record<Actor, Expected> => ({
  anonymous: 401,
  ministry: 403,
  planner: 403,
  otherPlanner: 403,
  viettel: 'ok',
  vinaphone: 404,
});
const provinceDecides = (): Record<Actor, Expected> => ({
  anonymous: 401,
  ministry: 403,
  planner: 'ok',
  otherPlanner: 404,
  viettel: 403,
  vinaphone: 403,
});
const readAudit = (): Record<Actor, Expected> => ({ ...signedIn(), viettel: 403, vinaphone: 403 });

describe('role x route matrix', () => {
  let server: TestServer;
  const clients = new Map<Actor, TestClient>();
  let planner: TestClient;
  let viettel: TestClient;
  let draftPlanId: string;
  let publishedPlanId: string;
  let nextMast = 0;

  const newMastId = () => `T-${String(nextMast++).padStart(4, '0')}`;
  const planVersion = async (planId: string) =>
    ((await server.db.get('SELECT version FROM plans WHERE id = ?', [planId])) as { version: number }).version;

  async function viettelRequest(state: 'draft' | 'submitted' | 'approved'): Promise<string> {
    const created = await viettel.post('/api/requests', requestBody(newMastId(), { submit: state !== 'draft' }));
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { request: { id: string } }).request.id;
    if (state === 'approved') {
      const approved = await planner.post(`/api/requests/${id}/approve`, {});
      expect(approved.status, approved.text).toBe(200);
    }
    return id;
  }

  async function createPlan(client: TestClient, provinceId: string, publish: boolean): Promise<string> {
    const created = await client.post(`/api/provinces/${provinceId}/plans`, { name: `plan ${provinceId}` });
    expect(created.status, created.text).toBe(201);
    const id = (created.body as { plan: { id: string } }).plan.id;
    if (publish) expect((await client.post(`/api/plans/${id}/publish`, { version: 1 })).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer();
    clients.set('anonymous', server.client());
    await clients.get('anonymous')?.fetchCsrf();
    for (const actor of ACTORS.filter((name): name is AccountName => name !== 'anonymous')) {
      clients.set(actor, await server.loggedIn(actor));
    }
    planner = await server.loggedIn('planner');
    viettel = await server.loggedIn('viettel');
    draftPlanId = await createPlan(planner, 'VN25', false);
    publishedPlanId = await createPlan(planner, 'VN25', true);
  });
  afterAll(async () => {
    await server.close();
  });

  const cases: MatrixCase[] = [
    { route: 'GET /api/health', call: () => ({ method: 'GET', url: '/api/health' }), expected: everyone() },
    { route: 'GET /api/csrf', call: () => ({ method: 'GET', url: '/api/csrf' }), expected: everyone() },
    {
      route: 'POST /api/session',
      call: (actor) => ({
        method: 'POST',
        url: '/api/session',
        body: {
          username: TEST_ACCOUNTS[actor === 'anonymous' ? 'ministry' : actor].username,
          password: TEST_PASSWORD,
        },
      }),
      expected: everyone(),
    },
    { route: 'GET /api/session', call: () => ({ method: 'GET', url: '/api/session' }), expected: signedIn() },
    {
      route: 'DELETE /api/session',
      call: () => ({ method: 'DELETE', url: '/api/session' }),
      expected: signedIn(),
      freshClient: true,
    },
    { route: 'GET /api/provinces', call: () => ({ method: 'GET', url: '/api/provinces' }), expected: signedIn() },
    {
      route: 'GET /api/provinces/:provinceId',
      call: () => ({ method: 'GET', url: '/api/provinces/VN25' }),
      expected: readProvince(),
    },
    {
      route: 'PATCH /api/provinces/:provinceId/settings',
      call: async () => {
        const { version } = (await server.db.get("SELECT version FROM provinces WHERE id = 'VN25'")) as {
          version: number;
        };
        return { method: 'PATCH', url: '/api/provinces/VN25/settings', body: { lapseMonths: 6, version } };
      },
      expected: editProvince(),
    },
    {
      route: 'GET /api/provinces/:provinceId/masts',
      call: () => ({ method: 'GET', url: '/api/provinces/VN25/masts' }),
      expected: readProvince(),
    },
    {
      route: 'GET /api/provinces/:provinceId/masts/near',
      call: () => ({ method: 'GET', url: '/api/provinces/VN25/masts/near?lon=108.01&lat=16&radiusM=2000' }),
      expected: readProvince(),
    },
    {
      route: 'GET /api/provinces/:provinceId/proposed-sites/backbone',
      call: () => ({ method: 'GET', url: '/api/provinces/VN25/proposed-sites/backbone?withinM=2000' }),
      expected: readProvince(),
    },
    {
      route: 'POST /api/provinces/:provinceId/masts/import',
      variant: "Viettel's masts",
      call: () => ({
        method: 'POST',
        url: '/api/provinces/VN25/masts/import',
        body: {
          towers: [{ id: 'IMPORTED-1', operator: 'Viettel', lon: 108.2, lat: 16.05 }],
          mode: 'updateById',
          sourceName: 'viettel.csv',
        },
      }),
      // VinaPhone: 403, a row of another operator.
      expected: { ...editProvince(), viettel: 'ok' },
    },
    {
      route: 'POST /api/provinces/:provinceId/masts/import',
      variant: "each operator its own masts, in the planner's province",
      call: (actor) => {
        const operator = actor === 'vinaphone' ? 'VinaPhone' : 'Viettel';
        return {
          method: 'POST',
          url: '/api/provinces/VN25/masts/import',
          body: {
            towers: [{ id: `IMPORTED-${operator}-2`, operator, lon: 108.21, lat: 16.05 }],
            mode: 'add',
            sourceName: `${operator}.csv`,
          },
        };
      },
      expected: { ...editProvince(), viettel: 'ok', vinaphone: 'ok' },
    },
    {
      route: 'POST /api/provinces/:provinceId/masts/import',
      variant: 'operators in a province without a planner account here',
      call: (actor) => {
        const operator = actor === 'vinaphone' ? 'VinaPhone' : 'Viettel';
        return {
          method: 'POST',
          url: '/api/provinces/VN03/masts/import',
          body: {
            towers: [{ id: `IMPORTED-${operator}-3`, operator, lon: 106.25, lat: 22.66 }],
            mode: 'updateById',
            sourceName: `${operator}.csv`,
          },
        };
      },
      expected: { ...editProvince(), planner: 403, viettel: 'ok', vinaphone: 'ok' },
    },
    {
      route: 'GET /api/provinces/:provinceId/proposed-sites',
      call: () => ({ method: 'GET', url: '/api/provinces/VN25/proposed-sites' }),
      expected: readProvince(),
    },
    {
      route: 'GET /api/provinces/:provinceId/plans',
      call: () => ({ method: 'GET', url: '/api/provinces/VN25/plans' }),
      expected: readProvince(),
    },
    {
      route: 'POST /api/provinces/:provinceId/plans',
      call: () => ({ method: 'POST', url: '/api/provinces/VN25/plans', body: { name: 'matrix plan' } }),
      expected: editProvince(),
    },
    {
      route: 'GET /api/plans/:planId',
      variant: 'unpublished plan',
      call: () => ({ method: 'GET', url: `/api/plans/${draftPlanId}` }),
      expected: { ...signedIn(), otherPlanner: 404, viettel: 404, vinaphone: 404 },
    },
    {
      route: 'GET /api/plans/:planId',
      variant: 'published plan',
      call: () => ({ method: 'GET', url: `/api/plans/${publishedPlanId}` }),
      expected: { ...signedIn(), otherPlanner: 404 },
    },
    {
      route: 'PUT /api/plans/:planId',
      call: async () => ({
        method: 'PUT',
        url: `/api/plans/${draftPlanId}`,
        body: { document: { layers: [], scenarios: [], proposedSites: [] }, version: await planVersion(draftPlanId) },
      }),
      expected: editPlan(),
    },
    {
      route: 'POST /api/plans/:planId/publish',
      call: async () => ({
        method: 'POST',
        url: `/api/plans/${publishedPlanId}/publish`,
        body: { version: await planVersion(publishedPlanId) },
      }),
      expected: editPlan(),
    },
    {
      route: 'GET /api/plans/:planId/versions',
      call: () => ({ method: 'GET', url: `/api/plans/${draftPlanId}/versions` }),
      expected: readPlanHistory(),
    },
    {
      route: 'GET /api/plans/:planId/versions/:version',
      call: () => ({ method: 'GET', url: `/api/plans/${draftPlanId}/versions/1` }),
      expected: readPlanHistory(),
    },
    { route: 'GET /api/requests', call: () => ({ method: 'GET', url: '/api/requests' }), expected: signedIn() },
    {
      route: 'GET /api/requests',
      variant: 'filtered on another operator',
      call: () => ({ method: 'GET', url: '/api/requests?operator=VinaPhone' }),
      expected: { ...signedIn(), viettel: 403 },
    },
    {
      route: 'GET /api/requests',
      variant: 'filtered on VN25',
      call: () => ({ method: 'GET', url: '/api/requests?provinceId=VN25' }),
      expected: readProvince(),
    },
    {
      route: 'POST /api/requests',
      call: () => ({ method: 'POST', url: '/api/requests', body: requestBody(newMastId()) }),
      expected: { anonymous: 401, ministry: 403, planner: 403, otherPlanner: 403, viettel: 'ok', vinaphone: 'ok' },
    },
    {
      route: 'GET /api/requests/:requestId',
      call: async () => ({ method: 'GET', url: `/api/requests/${await viettelRequest('submitted')}` }),
      expected: { ...signedIn(), otherPlanner: 404, vinaphone: 404 },
    },
    {
      route: 'POST /api/requests/:requestId/submit',
      call: async () => ({ method: 'POST', url: `/api/requests/${await viettelRequest('draft')}/submit`, body: {} }),
      expected: viettelActsOnOwnRequest(),
    },
    {
      route: 'POST /api/requests/:requestId/withdraw',
      call: async () => ({
        method: 'POST',
        url: `/api/requests/${await viettelRequest('submitted')}/withdraw`,
        body: {},
      }),
      expected: viettelActsOnOwnRequest(),
    },
    {
      route: 'POST /api/requests/:requestId/report-built',
      call: async () => ({
        method: 'POST',
        url: `/api/requests/${await viettelRequest('approved')}/report-built`,
        body: {},
      }),
      expected: viettelActsOnOwnRequest(),
    },
    {
      route: 'POST /api/requests/:requestId/approve',
      call: async () => ({
        method: 'POST',
        url: `/api/requests/${await viettelRequest('submitted')}/approve`,
        body: {},
      }),
      expected: provinceDecides(),
    },
    {
      route: 'POST /api/requests/:requestId/reject',
      call: async () => ({
        method: 'POST',
        url: `/api/requests/${await viettelRequest('submitted')}/reject`,
        body: { reason: 'mast full' },
      }),
      expected: provinceDecides(),
    },
    {
      route: 'GET /api/readiness/targets',
      call: () => ({ method: 'GET', url: '/api/readiness/targets' }),
      expected: signedIn(),
    },
    {
      route: 'GET /api/readiness/province-records',
      call: () => ({ method: 'GET', url: '/api/readiness/province-records' }),
      expected: { anonymous: 401, ministry: 'ok', planner: 403, otherPlanner: 403, viettel: 403, vinaphone: 403 },
    },
    {
      route: 'PUT /api/readiness/targets',
      call: async () => {
        const row = await server.db.get<{ version: number | null }>(
          'SELECT MAX(version) AS version FROM readiness_targets',
        );
        return {
          method: 'PUT',
          url: '/api/readiness/targets',
          body: { targets: { coverage_4g_share: 0.98 }, version: row?.version ?? 0 },
        };
      },
      expected: {
        anonymous: 401,
        ministry: 'ok',
        planner: 403,
        otherPlanner: 403,
        viettel: 403,
        vinaphone: 403,
      },
    },
    { route: 'GET /api/audit', call: () => ({ method: 'GET', url: '/api/audit' }), expected: readAudit() },
    {
      route: 'GET /api/audit',
      variant: 'filtered on VN25',
      call: () => ({ method: 'GET', url: '/api/audit?provinceId=VN25' }),
      expected: { ...readAudit(), otherPlanner: 403 },
    },
    { route: 'GET /api/audit.csv', call: () => ({ method: 'GET', url: '/api/audit.csv' }), expected: readAudit() },
    {
      route: 'GET /api/audit.csv',
      variant: 'filtered on VN25',
      call: () => ({ method: 'GET', url: '/api/audit.csv?provinceId=VN25' }),
      expected: { ...readAudit(), otherPlanner: 403 },
    },
  ];

  it('has a case for every rule, and every rule is a registered route', () => {
    const covered = new Set(cases.map((matrixCase) => matrixCase.route));
    expect([...covered].sort()).toEqual(Object.keys(ROUTE_RULES).sort());
    for (const key of Object.keys(ROUTE_RULES)) {
      const [method, url] = key.split(' ');
      expect(server.app.hasRoute({ method: method as 'GET', url }), key).toBe(true);
    }
  });

  for (const matrixCase of cases) {
    const title = `${matrixCase.route}${matrixCase.variant ? ` (${matrixCase.variant})` : ''}`;
    it(title, async () => {
      const outcomes: Record<string, Expected | number> = {};
      for (const actor of ACTORS) {
        let client = clients.get(actor) as TestClient;
        if (matrixCase.freshClient && actor !== 'anonymous') client = await server.loggedIn(actor);
        const call = await matrixCase.call(actor);
        const response = await client.request(call.method, call.url, call.body);
        outcomes[actor] = response.status >= 200 && response.status < 300 ? 'ok' : response.status;
        if (matrixCase.route === 'POST /api/session' && actor === 'anonymous') {
          // The anonymous client just logged in as the ministry: log it out again for the next cases.
          await client.request('DELETE', '/api/session');
        }
      }
      expect(outcomes).toEqual(matrixCase.expected);
    });
  }
});

describe('authorization is deny-by-default', () => {
  it('refuses to start with an /api route that has no rule', async () => {
    const server = await startTestServer({ masts: 1 });
    try {
      expect(() => server.app.get('/api/unruled', async () => ({ secret: true }))).toThrow(/no authorization rule/);
    } finally {
      await server.close();
    }
  });

  it('answers a record of another operator exactly like a record that does not exist', async () => {
    const server = await startTestServer({ masts: 5 });
    try {
      const viettel = await server.loggedIn('viettel');
      const vinaphone = await server.loggedIn('vinaphone');
      const created = await viettel.post('/api/requests', requestBody('T-0001'));
      const id = (created.body as { request: { id: string } }).request.id;
      const theirs = await vinaphone.get(`/api/requests/${id}`);
      const missing = await vinaphone.get('/api/requests/00000000-0000-4000-8000-000000000000');
      expect(theirs.status).toBe(404);
      expect(theirs.body).toEqual(missing.body);
      const list = (await vinaphone.get('/api/requests')).body as { requests: { operator: string }[] };
      expect(list.requests.every((request) => request.operator === 'VinaPhone')).toBe(true);
      const all = (await (await server.loggedIn('ministry')).get('/api/requests')).body as { requests: unknown[] };
      expect(all.requests).toHaveLength(1);
    } finally {
      await server.close();
    }
  });
});
