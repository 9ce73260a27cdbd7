/**
 * Load test of the CoSite server on loopback: the real server process (demo data: 2,318 VN25 masts), autocannon
 * against two scenarios, each for `durationSeconds` with `connections` connections:
 * - read a province's plan: GET /api/plans/:id as an operator (published version: 300 proposed sites, 3 layers);
 * - file co-location requests: POST /api/requests, each for a new (operator, mast) pair, spread over four operators.
 * Reports requests per second and latency; the caller decides what to assert (CI only checks it ran without errors).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon, { type AutocannonResult } from 'autocannon';
import { HttpSession, requestableMasts, startServerProcess } from '../unit/server/serverProcess';
import { createTestDatabaseUrl } from '../unit/server/testDatabase';

export interface LoadFigures {
  scenario: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  total: number;
  errors: number;
  non2xx: number;
}

export interface ServerLoadOptions {
  durationSeconds: number;
  /** Connections in all, spread evenly over the processes. */
  connections: number;
  /** API processes on the one database (each autocannon run targets one process). */
  processes?: number;
  /**
   * The database: a postgres:// URL, 'sqlite' (a file in a temporary folder), or undefined for the test project's
   * engine (a new PostgreSQL database in the server-pg project, SQLite otherwise).
   */
  database?: string;
}

export async function runServerLoad(options: ServerLoadOptions): Promise<LoadFigures[]> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cosite-load-'));
  const database = options.database === undefined ? await createTestDatabaseUrl() : null;
  const databaseUrl = options.database === 'sqlite' ? null : (options.database ?? database?.url ?? null);
  const processes = options.processes ?? 1;
  const servers = [await startServerProcess(dataDir, { demo: true, databaseUrl })];
  try {
    for (let i = 1; i < processes; i++) servers.push(await startServerProcess(dataDir, { databaseUrl }));
    const server = servers[0];
    const planner = await HttpSession.login(server.url, 'vn25-planner');
    const proposedSites = Array.from({ length: 300 }, (_, i) => ({
      id: `S${i}`,
      lon: 108 + (i % 20) * 0.01,
      lat: 15.8 + Math.floor(i / 20) * 0.01,
      heightM: 40,
      mastType: 'A2b',
    }));
    const layers = ['population', 'towers', 'backbone'].map((id) => ({ id, name: id, kind: id, visible: true }));
    const created = await planner.request('POST', '/api/provinces/VN25/plans', {
      name: 'load test plan',
      document: { layers, scenarios: [{ id: 'a', name: 'baseline', parameters: { radiusM: 1500 } }], proposedSites },
    });
    const planId = (created.body as { plan: { id: string } }).plan.id;
    await planner.request('POST', `/api/plans/${planId}/publish`, { version: 1 });

    // Sessions live in the database: one sign-in serves every process.
    const reader = await HttpSession.login(server.url, 'viettel');
    const connectionsEach = Math.max(1, Math.round(options.connections / processes));
    const read = await Promise.all(
      servers.map((target) =>
        autocannon({
          url: `${target.url}/api/plans/${planId}`,
          connections: connectionsEach,
          duration: options.durationSeconds,
          headers: { cookie: reader.cookieHeader },
        }),
      ),
    );

    // One session per operator; each request takes the next (operator, mast) pair so that every filing is valid.
    const operators = [
      ['vinaphone', 'VinaPhone'],
      ['mobifone', 'MobiFone'],
      ['vietnamobile', 'Vietnamobile'],
      ['gmobile', 'Gmobile'],
    ];
    const pairs: { headers: Record<string, string>; mastId: string }[] = [];
    const perOperator = await Promise.all(
      operators.map(async ([username, name]) => {
        const session = await HttpSession.login(server.url, username);
        const headers = {
          cookie: session.cookieHeader,
          'x-csrf-token': session.csrfToken,
          'content-type': 'application/json',
        };
        return (await requestableMasts(session, name)).map((mastId) => ({ headers, mastId }));
      }),
    );
    for (let i = 0; perOperator.some((list) => i < list.length); i++) {
      for (const list of perOperator) if (i < list.length) pairs.push(list[i]);
    }
    let next = 0;
    /** The first few refused filings, printed so that a non-2xx count comes with its reason. */
    const refusals: string[] = [];
    const file = await Promise.all(
      servers.map((target) =>
        autocannon({
          url: target.url,
          connections: connectionsEach,
          duration: options.durationSeconds,
          // Each filing takes a new (operator, mast) pair: stop before they run out (a repeat would be refused).
          maxOverallRequests: Math.floor((pairs.length - 10 * options.connections) / servers.length),
          requests: [
            {
              method: 'POST',
              path: '/api/requests',
              setupRequest: (request) => {
                const pair = pairs[next++ % pairs.length];
                return {
                  ...request,
                  headers: pair.headers,
                  body: JSON.stringify({
                    provinceId: 'VN25',
                    target: { kind: 'mast', mastId: pair.mastId },
                    equipment: 'RRU B3 + 2 x panel',
                    antennaHeightM: 12,
                    band: 'B3',
                    windLoadAreaM2: 0.8,
                    weightKg: 60,
                  }),
                };
              },
              onResponse: (status, body) => {
                if (status >= 300 && refusals.length < 3) refusals.push(`${status} ${body.slice(0, 300)}`);
              },
            },
          ],
        }),
      ),
    );
    if (refusals.length) console.log(`first refused filings:\n${refusals.join('\n')}`);
    return [
      figures('read a province plan (GET /api/plans/:id)', read),
      figures('file requests (POST /api/requests)', file),
    ];
  } finally {
    for (const server of servers) await server.kill('SIGTERM');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * One scenario's figures over the runs against each process: requests and errors summed, p50 the mean of the runs'
 * medians weighted by their requests, p99 the worse of the runs' (autocannon gives percentiles, not histograms).
 */
function figures(scenario: string, results: AutocannonResult[]): LoadFigures {
  const total = results.reduce((sum, result) => sum + result.requests.total, 0);
  return {
    scenario,
    requestsPerSecond: Math.round(results.reduce((sum, result) => sum + result.requests.average, 0)),
    latencyP50Ms: Math.round(
      results.reduce((sum, result) => sum + result.latency.p50 * result.requests.total, 0) / Math.max(1, total),
    ),
    latencyP99Ms: Math.max(...results.map((result) => result.latency.p99)),
    total,
    errors: results.reduce((sum, result) => sum + result.errors, 0),
    non2xx: results.reduce((sum, result) => sum + result.non2xx, 0),
  };
}

export function formatLoadFigures(rows: LoadFigures[]): string {
  return rows
    .map(
      (row) =>
        `${row.scenario}: ${row.requestsPerSecond} req/s, p50 ${row.latencyP50Ms} ms, p99 ${row.latencyP99Ms} ms (${row.total} requests, ${row.errors} errors, ${row.non2xx} non-2xx)`,
    )
    .join('\n');
}
