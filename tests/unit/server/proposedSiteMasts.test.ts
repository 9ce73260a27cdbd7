/**
 * Which existing mast a proposed site is: the list's one-read grid lookup gives what the per-site queries give (the
 * site's own mastId, else the nearest mast within 1 m, ties by id), on seeded sites around real test masts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../../src/core/util/seededRandom';
import { proposedSiteMastId, proposedSiteMasts, SITE_ON_MAST_M } from '../../../src/server/store/proposedSiteMasts';
import { TEST_ENGINE } from './testDatabase';
import { startTestServer, type TestServer } from './testServer';

const METRES_PER_DEGREE_LAT = 111_195;

describe(`proposed sites on existing masts (${TEST_ENGINE})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    // 300 masts 0.001° apart along latitude 16 (about 107 m).
    server = await startTestServer({ masts: 300 });
  });
  afterAll(async () => {
    await server.close();
  });

  it('agrees site by site with the per-site rule', async () => {
    const next = seededRandom(7);
    const sites = Array.from({ length: 200 }, (_, i) => {
      const mast = Math.floor(next() * 300);
      // Within, around and beyond the metre: 0 to 2 m north of a mast; every tenth names a mast, some a missing one.
      const offsetM = next() * 2 * SITE_ON_MAST_M;
      const named =
        i % 10 === 0 ? `T-${String(Math.floor(next() * 300)).padStart(4, '0')}` : i % 10 === 5 ? 'NOPE' : null;
      return { lon: 108 + mast * 0.001, lat: 16 + offsetM / METRES_PER_DEGREE_LAT, mastId: named };
    });
    const batch = await proposedSiteMasts(server.db, 'VN25', sites);
    const single = await Promise.all(sites.map((site) => proposedSiteMastId(server.db, 'VN25', site)));
    expect(batch.map((row) => row?.id ?? null)).toEqual(single);
    // Both kinds happen: sites on masts and new ones.
    expect(single.filter((id) => id === null).length).toBeGreaterThan(20);
    expect(single.filter((id) => id !== null).length).toBeGreaterThan(20);
    // Another province's masts are not this one's: VN01 has two test masts (X-...), at the first two T- positions.
    const other = await proposedSiteMasts(server.db, 'VN01', sites);
    expect(other.every((row) => row === null || (row.province_id === 'VN01' && row.id.startsWith('X-')))).toBe(true);
  });
});
