/** Versioned plans with optimistic concurrency: two planners saving at once never overwrite each other silently. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestClient, type TestServer } from './testServer';

interface PlanJson {
  id: string;
  version: number;
  publishedVersion: number | null;
  name: string;
  document: { layers: { id: string }[]; proposedSites: { id: string }[] };
}
const planOf = (body: unknown) => (body as { plan: PlanJson }).plan;
const layer = (id: string) => ({
  id,
  name: `layer ${id}`,
  kind: 'geojson',
  data: { type: 'FeatureCollection', features: [] },
});

describe('plans', () => {
  let server: TestServer;
  let alice: TestClient;
  let bob: TestClient;
  let planId: string;

  beforeEach(async () => {
    server = await startTestServer({ masts: 1 });
    alice = await server.loggedIn('planner');
    bob = await server.loggedIn('planner');
    planId = planOf((await alice.post('/api/provinces/VN25/plans', { name: 'Đà Nẵng 5G 2026' })).body).id;
  });
  afterEach(async () => {
    await server.close();
  });

  it('refuses the second of two saves based on the same version, with a clear message, and keeps the first', async () => {
    const first = await alice.put(`/api/plans/${planId}`, { document: { layers: [layer('a')] }, version: 1 });
    expect(first.status).toBe(200);
    expect(planOf(first.body).version).toBe(2);
    expect(first.headers.etag).toBe('"2"');

    const second = await bob.put(`/api/plans/${planId}`, { document: { layers: [layer('b')] }, version: 1 });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      error: 'conflict',
      details: { currentVersion: 2, updatedBy: 'vn25-planner' },
    });
    expect((second.body as { message: string }).message).toMatch(
      /changed by vn25-planner at .* \(now version 2\); your edit is based on version 1\. Nothing was saved/,
    );
    const current = planOf((await bob.get(`/api/plans/${planId}`)).body);
    expect(current.document.layers.map((l) => l.id)).toEqual(['a']);

    const retried = await bob.request(
      'PUT',
      `/api/plans/${planId}`,
      { document: { layers: [layer('a'), layer('b')] } },
      {
        headers: { 'if-match': '"2"' },
      },
    );
    expect(retried.status, retried.text).toBe(200);
    expect(planOf(retried.body).version).toBe(3);
  });

  it('needs the base version (428) and validates the document (400)', async () => {
    const noVersion = await alice.put(`/api/plans/${planId}`, { document: {} });
    expect(noVersion.status).toBe(428);
    const bad = await alice.put(`/api/plans/${planId}`, {
      document: {
        proposedSites: [
          { id: 'S1', lon: 200, lat: 16, heightM: 30 },
          { id: 'S1', lon: 108, lat: 16, heightM: 30 },
        ],
      },
      version: 1,
    });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toMatch(/proposedSites\.0\.lon.*duplicate id "S1"/);
  });

  it('keeps every version, and operators see only the published one', async () => {
    await alice.put(`/api/plans/${planId}`, { document: { layers: [layer('v2')] }, version: 1 });
    expect((await alice.post(`/api/plans/${planId}/publish`, { version: 2 })).status).toBe(200);
    await alice.put(`/api/plans/${planId}`, { document: { layers: [layer('v3-draft')] }, version: 2 });

    const versions = (await alice.get(`/api/plans/${planId}/versions`)).body as { versions: { version: number }[] };
    expect(versions.versions.map((v) => v.version)).toEqual([3, 2, 1]);
    const v1 = (await alice.get(`/api/plans/${planId}/versions/1`)).body as { version: { document: unknown } };
    expect(v1.version.document).toEqual({ layers: [], scenarios: [], proposedSites: [] });

    const viettel = await server.loggedIn('viettel');
    const seen = planOf((await viettel.get(`/api/plans/${planId}`)).body);
    expect(seen.version).toBe(2);
    expect(seen.document.layers.map((l) => l.id)).toEqual(['v2']);
    const list = (await viettel.get('/api/provinces/VN25/plans')).body as { plans: { version: number }[] };
    expect(list.plans).toMatchObject([{ version: 2, publishedVersion: 2 }]);

    const stalePublish = await alice.post(`/api/plans/${planId}/publish`, { version: 2 });
    expect(stalePublish.status).toBe(409);
  });
});
