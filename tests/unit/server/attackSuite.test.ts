/**
 * The attack suite of issue 17: hostile bodies while health is probed, a rotating X-Forwarded-For against the login
 * limit, formula cells in exports, a foreign Origin, pagination bounds, scrypt rehash. Figures are printed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findTooDeepJson, MAX_JSON_DEPTH } from '../../../src/server/http/jsonBody';
import { probeHealthDuring, sendRawBody } from './healthProbe';
import { requestBody, startTestServer, type TestClient, type TestServer } from './testServer';

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
    const started = performance.now();
    expect(findTooDeepJson(deep)).toBe(MAX_JSON_DEPTH);
    expect(performance.now() - started).toBeLessThan(50);
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

    const baseline = await probeHealthDuring(baseUrl, () => new Promise((resolve) => setTimeout(resolve, 1500)));
    const attack = await probeHealthDuring(baseUrl, async () => {
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
    const rounds = attack.result as (number | string)[][];
    console.log(
      `hostile bodies: health worst ${attack.worstMs.toFixed(1)} ms (median ${attack.medianMs.toFixed(1)} ms, ` +
        `${attack.probes} probes, ${rounds.length} rounds of 6 bodies); baseline worst ${baseline.worstMs.toFixed(1)} ms`,
    );
    // Login: 413 (or the socket cut after the answer); the signed-in route: 400, nested too deep.
    for (const answers of rounds) {
      for (const status of answers.slice(0, 4)) expect([413, 'ECONNRESET', 'EPIPE']).toContain(status);
      expect(answers.slice(4)).toEqual([400, 400]);
    }
    expect(attack.probes).toBeGreaterThan(0);
    expect(attack.worstMs).toBeLessThan(stallAllowanceMs(baseline.worstMs));
    // The server still answers normally.
    expect((await viettel.post('/api/requests', requestBody('T-0000'))).status).toBe(201);
  });
});
