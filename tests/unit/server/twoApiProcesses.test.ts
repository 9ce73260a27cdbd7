/**
 * Stateless API servers: two server processes on one database (PostgreSQL in the server-pg project, one SQLite file
 * in the unit project) serve the same users. Sessions, the CSRF key and the rate-limit counters live in the
 * database, and concurrent saves on different processes are decided by the database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, HttpSession, type ServerProcess, startServerProcess } from './serverProcess';
import { createTestDatabaseUrl, TEST_ENGINE } from './testDatabase';

describe(`two API processes on one ${TEST_ENGINE} database`, () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cosite-two-'));
  let database: Awaited<ReturnType<typeof createTestDatabaseUrl>> = null;
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.kill('SIGTERM');
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs in on one and acts on the other; one of two concurrent saves wins, the other is 409; one login limit', async () => {
    database = await createTestDatabaseUrl();
    const a = await startServerProcess(dataDir, { demo: true, databaseUrl: database?.url });
    servers.push(a);
    const b = await startServerProcess(dataDir, { databaseUrl: database?.url });
    servers.push(b);
    expect(a.url).not.toBe(b.url);

    // Signed in on A: B knows the session, and takes A's CSRF token (the key is in the database).
    const plannerOnA = await HttpSession.login(a.url, 'vn25-planner');
    const plannerOnB = plannerOnA.on(b.url);
    expect((await plannerOnB.request('GET', '/api/session')).body).toMatchObject({
      user: { username: 'vn25-planner', role: 'province' },
    });
    const created = await plannerOnB.request('POST', '/api/provinces/VN25/plans', { name: 'made on B' });
    expect(created.status).toBe(201);
    const planId = (created.body as { plan: { id: string } }).plan.id;
    expect((await plannerOnA.request('GET', `/api/plans/${planId}`)).status).toBe(200);

    // Two saves based on version 1, at once, on different processes: one is saved, the other refused.
    const secondPlanner = await HttpSession.login(b.url, 'vn25-planner');
    const document = (name: string) => ({
      version: 1,
      name,
      document: { layers: [], scenarios: [], proposedSites: [] },
    });
    const saves = await Promise.all([
      plannerOnA.request('PUT', `/api/plans/${planId}`, document('saved on A')),
      secondPlanner.request('PUT', `/api/plans/${planId}`, document('saved on B')),
    ]);
    expect(saves.map((save) => save.status).sort()).toEqual([200, 409]);
    const versions = (await plannerOnA.request('GET', `/api/plans/${planId}/versions`)).body as {
      versions: { version: number }[];
    };
    expect(versions.versions.map((v) => v.version)).toEqual([2, 1]);

    // Signing out on B ends the session on A too (the cookie B cleared is the one A would be sent).
    const sessionCookie = plannerOnA.cookieHeader;
    expect((await plannerOnB.request('DELETE', '/api/session')).status).toBe(204);
    const stale = new HttpSession(a.url);
    stale.cookies = new Map(sessionCookie.split('; ').map((pair) => pair.split('=') as [string, string]));
    expect((await stale.request('GET', '/api/session')).status).toBe(401);

    // The login limit (10 a minute per address) counts attempts on both processes together: two sign-ins so far,
    // then wrong passwords alternating between the processes until the first 429.
    let attempts = 2;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const session = new HttpSession(i % 2 === 0 ? a.url : b.url);
      await session.request('GET', '/api/csrf');
      const answer = await session.request('POST', '/api/session', {
        username: 'viettel',
        password: `${DEMO_PASSWORD}-wrong`,
      });
      attempts++;
      statuses.push(answer.status);
      if (answer.status === 429) break;
    }
    expect(statuses.slice(0, -1).every((status) => status === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(attempts).toBe(11);
  }, 120_000);
});
