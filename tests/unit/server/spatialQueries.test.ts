/**
 * The server's spatial questions on the test project's engine (PostGIS on PostgreSQL, JavaScript on SQLite), each
 * against a brute force written here: every mast measured by the haversine formula, every backbone segment sampled
 * densely. Both projects run this file, so both engines are held to the same answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertMasts } from '../../../src/server/store/masts';
import { replaceBackbone } from '../../../src/server/store/spatial';
import { TEST_ENGINE } from './testDatabase';
import { startTestServer, type TestClient, type TestServer } from './testServer';

const R = 6_371_008.8;
const rad = (degrees: number) => (degrees * Math.PI) / 180;
function greatCircleM(lon1: number, lat1: number, lon2: number, lat2: number) {
  const a =
    Math.sin(rad(lat2 - lat1) / 2) ** 2 +
    Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lon2 - lon1) / 2) ** 2;
  return 2 * R * Math.asin(Math.sqrt(a));
}

/** A seeded generator (mulberry32), so that every run measures the same layout. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(2026);
const MASTS = Array.from({ length: 400 }, (_, i) => ({
  id: `N-${String(i).padStart(3, '0')}`,
  operator: ['Viettel', 'VinaPhone', 'MobiFone'][i % 3],
  lon: 108.1 + next() * 0.25,
  lat: 15.95 + next() * 0.2,
  heightM: 40,
  mastType: 'A2b' as const,
  tenants: [],
}));
const BACKBONE = [0, 1, 2].map((line) => ({
  id: `L${line}`,
  name: `line ${line}`,
  kind: 'road',
  coordinates: Array.from({ length: 8 }, (_, k) => [
    108.1 + k * 0.03 + next() * 0.01,
    15.97 + line * 0.07 + next() * 0.01,
  ]),
}));
const SITES = Array.from({ length: 25 }, (_, i) => ({
  id: `S${i + 1}`,
  lon: 108.1 + next() * 0.25,
  lat: 15.95 + next() * 0.2,
  heightM: 40,
  mastType: 'A2b',
}));

function bruteBackboneM(lon: number, lat: number) {
  let best = Number.POSITIVE_INFINITY;
  for (const line of BACKBONE) {
    for (let k = 0; k + 1 < line.coordinates.length; k++) {
      const [lon1, lat1] = line.coordinates[k];
      const [lon2, lat2] = line.coordinates[k + 1];
      for (let step = 0; step <= 4000; step++) {
        const t = step / 4000;
        best = Math.min(best, greatCircleM(lon, lat, lon1 + t * (lon2 - lon1), lat1 + t * (lat2 - lat1)));
      }
    }
  }
  return best;
}

describe(`spatial questions on ${TEST_ENGINE}`, () => {
  let server: TestServer;
  let operator: TestClient;
  beforeAll(async () => {
    server = await startTestServer({ masts: 0 });
    await server.db.transaction(async (tx) => {
      await upsertMasts(tx, 'VN25', MASTS, server.clock.now);
      await replaceBackbone(tx, 'VN25', BACKBONE, server.clock.now);
    });
    const planner = await server.loggedIn('planner');
    const created = await planner.post('/api/provinces/VN25/plans', {
      name: 'sites',
      document: { layers: [], scenarios: [], proposedSites: SITES },
    });
    const planId = (created.body as { plan: { id: string } }).plan.id;
    expect((await planner.post(`/api/plans/${planId}/publish`, { version: 1 })).status).toBe(200);
    operator = await server.loggedIn('viettel');
  });
  afterAll(async () => {
    await server.close();
  });

  it('masts near a point: the same masts, order and distances as measuring every mast', async () => {
    const probes = [
      { lon: 108.2, lat: 16.05, radiusM: 3000, limit: 1000 },
      { lon: 108.15, lat: 16.0, radiusM: 8000, limit: 25 },
      { lon: 108.33, lat: 16.14, radiusM: 1500, limit: 1000 },
      { lon: 107.5, lat: 16.0, radiusM: 5000, limit: 10 },
    ];
    let answered = 0;
    for (const probe of probes) {
      const query = new URLSearchParams(Object.entries(probe).map(([key, value]) => [key, String(value)]));
      const response = await operator.get(`/api/provinces/VN25/masts/near?${query}`);
      expect(response.status).toBe(200);
      const masts = (response.body as { masts: { id: string; distanceM: number }[] }).masts;
      const expected = MASTS.map((mast) => ({
        id: mast.id,
        distanceM: greatCircleM(probe.lon, probe.lat, mast.lon, mast.lat),
      }))
        .filter((mast) => mast.distanceM <= probe.radiusM)
        .sort((a, b) => a.distanceM - b.distanceM || (a.id < b.id ? -1 : 1))
        .slice(0, probe.limit);
      expect(masts.map((mast) => mast.id)).toEqual(expected.map((mast) => mast.id));
      for (const [index, mast] of masts.entries()) expect(mast.distanceM).toBeCloseTo(expected[index].distanceM, 2);
      answered += masts.length;
    }
    expect(answered).toBeGreaterThan(40);
  });

  it("the published sites' distance to the backbone, and which are within 2 km", async () => {
    const response = await operator.get('/api/provinces/VN25/proposed-sites/backbone?withinM=2000');
    expect(response.status).toBe(200);
    const sites = (response.body as { sites: { siteId: string; distanceM: number; withinM: boolean }[] }).sites;
    const byId = [...SITES].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(sites.map((site) => site.siteId)).toEqual(byId.map((site) => site.id));
    for (const [index, site] of sites.entries()) {
      const expected = bruteBackboneM(byId[index].lon, byId[index].lat);
      expect(Math.abs(site.distanceM - expected), site.siteId).toBeLessThan(0.5);
      expect(site.withinM).toBe(expected <= 2000);
    }
    expect(sites.filter((site) => site.withinM).length).toBeGreaterThan(0);
    expect(sites.filter((site) => !site.withinM).length).toBeGreaterThan(0);
  });

  it('refuses a radius over 50 km and a point that is not a position', async () => {
    expect((await operator.get('/api/provinces/VN25/masts/near?lon=108&lat=16&radiusM=60000')).status).toBe(400);
    expect((await operator.get('/api/provinces/VN25/masts/near?lon=200&lat=16&radiusM=100')).status).toBe(400);
  });
});
