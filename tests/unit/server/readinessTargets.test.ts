/** The ministry's readiness targets on the server: versioned, saved by the ministry only, read by everyone. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_READINESS_TARGETS } from '../../../src/core/readiness/readinessTypes';
import { TEST_ENGINE } from './testDatabase';
import { startTestServer, type TestClient, type TestServer } from './testServer';

describe(`readiness targets (${TEST_ENGINE})`, () => {
  let server: TestServer;
  let ministry: TestClient;
  let planner: TestClient;
  beforeAll(async () => {
    server = await startTestServer({ masts: 0 });
    ministry = await server.loggedIn('ministry');
    planner = await server.loggedIn('planner');
  });
  afterAll(async () => {
    await server.close();
  });

  it('starts from the built-in defaults, version 0', async () => {
    const answer = await planner.get('/api/readiness/targets');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      targets: { targets: DEFAULT_READINESS_TARGETS, version: 0, updatedAt: null, updatedBy: null },
    });
  });

  it('saves a new version by the ministry, seen by everyone, with its audit row; a stale save is 409', async () => {
    const targets = { coverage_4g_share: 0.97, shared_share: 0.35, tenancy_ratio: 1.4 };
    const saved = await ministry.put('/api/readiness/targets', { targets, version: 0 });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body).toEqual({
      targets: { targets, version: 1, updatedAt: server.clock.now.toISOString(), updatedBy: 'ministry' },
    });
    expect(
      ((await planner.get('/api/readiness/targets')).body as { targets: { version: number } }).targets.version,
    ).toBe(1);

    const stale = await ministry.put('/api/readiness/targets', { targets: { coverage_4g_share: 0.9 }, version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ error: 'conflict', details: { currentVersion: 1, updatedBy: 'ministry' } });

    const cleared = await ministry.put('/api/readiness/targets', { targets: { coverage_4g_share: 0.97 }, version: 1 });
    expect((cleared.body as { targets: { targets: unknown; version: number } }).targets).toMatchObject({
      targets: { coverage_4g_share: 0.97 },
      version: 2,
    });
    const audit = (await ministry.get('/api/audit?entityType=readinessTargets')).body as {
      entries: { action: string; newValue: { version: number } }[];
    };
    expect(audit.entries.map((entry) => [entry.action, entry.newValue.version])).toEqual([
      ['readiness.targets', 2],
      ['readiness.targets', 1],
    ]);
  });

  it('refuses a share over 100% and an unknown figure, and anyone but the ministry', async () => {
    expect((await ministry.put('/api/readiness/targets', { targets: { shared_share: 1.5 }, version: 2 })).status).toBe(
      400,
    );
    expect((await ministry.put('/api/readiness/targets', { targets: { speed: 1 }, version: 2 })).status).toBe(400);
    expect((await planner.put('/api/readiness/targets', { targets: {}, version: 2 })).status).toBe(403);
  });
});
