/** Sessions, CSRF on every mutating route, login rate limit, input validation, cookie flags. */
import { afterEach, describe, expect, it } from 'vitest';
import { ROUTE_RULES } from '../../../src/server/authorization/routeRules';
import { requestBody, startTestServer, TEST_PASSWORD, type TestServer } from './testServer';

describe('security', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('sets an HTTP-only, SameSite=Strict session cookie, Secure only when configured', async () => {
    server = await startTestServer({ masts: 1 });
    const client = server.client();
    await client.fetchCsrf();
    const login = await client.post('/api/session', { username: 'viettel', password: TEST_PASSWORD });
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toMatch(/cosite_session=[^;]+;.*HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toMatch(/Secure/);
    await server.close();

    server = await startTestServer({ masts: 1, secureCookies: true });
    const secure = server.client();
    await secure.fetchCsrf();
    const secureLogin = await secure.post('/api/session', { username: 'viettel', password: TEST_PASSWORD });
    expect(String(secureLogin.headers['set-cookie'])).toMatch(/cosite_session=[^;]+;.*Secure/);
  });

  it('refuses every mutating route without a CSRF token, or with one from another session', async () => {
    server = await startTestServer({ masts: 3 });
    const viettel = await server.loggedIn('viettel');
    const planner = await server.loggedIn('planner');
    const ministry = await server.loggedIn('ministry');
    const mutating = Object.keys(ROUTE_RULES).filter((key) => !key.startsWith('GET '));
    expect(mutating.length).toBeGreaterThan(10);
    for (const key of mutating) {
      const [method, path] = key.split(' ');
      const url = path
        .replace(':provinceId', 'VN25')
        .replace(':planId', '00000000-0000-4000-8000-000000000000')
        .replace(':requestId', '00000000-0000-4000-8000-000000000000');
      // An account the route's rule lets in, so that the CSRF check is what refuses it.
      const roles = (ROUTE_RULES[key] as { roles?: Record<string, unknown> }).roles ?? {};
      const client =
        key.includes('/requests') && !key.endsWith('approve') && !key.endsWith('reject')
          ? viettel
          : roles.province
            ? planner
            : roles.ministry
              ? ministry
              : viettel;
      const response = await client.request(method, url, {}, { csrf: false });
      expect(response.status, key).toBe(403);
      expect(response.body, key).toMatchObject({ error: 'csrf' });
    }
    // A token bound to the planner's session does not work in Viettel's session.
    const stolen = await viettel.request('POST', '/api/requests', requestBody('T-0000'), {
      csrf: false,
      headers: { 'x-csrf-token': planner.csrfToken ?? '' },
    });
    expect(stolen.status).toBe(403);
    expect((await viettel.post('/api/requests', requestBody('T-0000'))).status).toBe(201);
  });

  it('rate-limits login attempts per client address', async () => {
    server = await startTestServer({ masts: 1, loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const client = server.client();
    await client.fetchCsrf();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await client.post('/api/session', { username: 'viettel', password: 'wrong password' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const blocked = await client.post('/api/session', { username: 'viettel', password: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body).toMatchObject({ error: 'rate_limited' });
  });

  it("answers at most 16 of one account's requests at once; the rest wait their turn with 429 and Retry-After", async () => {
    server = await startTestServer({ masts: 2000 });
    const viettel = await server.loggedIn('viettel');
    const vinaphone = await server.loggedIn('vinaphone');
    // 40 reads of the whole province at once, as a script would fire them.
    const burst = await Promise.all(
      Array.from({ length: 40 }, () => viettel.get('/api/provinces/VN25/masts?limit=10000')),
    );
    const statuses = burst.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200).length).toBeGreaterThanOrEqual(16);
    const refused = burst.filter((answer) => answer.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
    expect(refused[0].headers['retry-after']).toBe('1');
    expect(refused[0].body).toMatchObject({ error: 'rate_limited' });
    // Once answered, the account reads again; another account was never held back.
    expect((await viettel.get('/api/provinces/VN25/masts?limit=10')).status).toBe(200);
    const both = await Promise.all([
      ...Array.from({ length: 16 }, () => viettel.get('/api/provinces/VN25/masts?limit=10000')),
      vinaphone.get('/api/provinces/VN25/masts?limit=10'),
      server.client().get('/api/health'),
    ]);
    expect(both.map((answer) => answer.status)).toEqual(Array.from({ length: 18 }, () => 200));
  });

  it('does not tell unknown accounts from wrong passwords', async () => {
    server = await startTestServer({ masts: 1 });
    const client = server.client();
    await client.fetchCsrf();
    const unknown = await client.post('/api/session', { username: 'nobody', password: 'whatever123' });
    const wrong = await client.post('/api/session', { username: 'viettel', password: 'whatever123' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  it('ends the session on logout and answers 401 afterwards', async () => {
    server = await startTestServer({ masts: 1 });
    const client = await server.loggedIn('ministry');
    expect((await client.get('/api/session')).status).toBe(200);
    expect((await client.delete('/api/session')).status).toBe(204);
    expect((await client.get('/api/requests')).status).toBe(401);
    expect(await server.db.get('SELECT COUNT(*) AS n FROM sessions')).toEqual({ n: 0 });
  });

  it('answers clear 4xx errors for bad input', async () => {
    server = await startTestServer({ masts: 1 });
    const viettel = await server.loggedIn('viettel');
    const notJson = await viettel.request('POST', '/api/requests', '{"provinceId":', {
      headers: { 'content-type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ error: 'invalid_input' });
    const badQuery = await viettel.get('/api/requests?state=maybe&limit=0');
    expect(badQuery.status).toBe(400);
    expect((badQuery.body as { details: { issues: { path: string }[] } }).details.issues.map((i) => i.path)).toEqual([
      'state',
      'limit',
    ]);
    const badId = await viettel.get('/api/requests/not-a-uuid');
    expect(badId.status).toBe(400);
    const badProvince = await viettel.get('/api/provinces/XX/masts');
    expect(badProvince.status).toBe(400);
    const missingProvince = await viettel.get('/api/provinces/VN99/masts');
    expect(missingProvince.status).toBe(404);
    const unknownRoute = await viettel.get('/api/nothing-here');
    expect(unknownRoute.body).toMatchObject({ error: 'not_found' });
  });
});
