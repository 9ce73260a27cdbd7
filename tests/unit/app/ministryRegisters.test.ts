/**
 * The provinces the ministry's figures count on their own register: signed in as the ministry, each province whose
 * register on the server holds masts from imported files is read whole and packed for the run, speaking for the
 * operators whose lists were imported; a register of synthetic masts only is not; a register the server does not give is named with its refusal. Against the real
 * server (fastify inject behind a fetch that keeps cookies).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readRegistersForRun } from '../../../src/app/ministry/ministryStore';
import { signIn, signOut, useServerStore } from '../../../src/app/server/serverStore';
import { upsertMasts } from '../../../src/server/store/masts';
import {
  browserFetch,
  startTestServer,
  TEST_ACCOUNTS,
  TEST_PASSWORD,
  type TestServer,
  testMasts,
} from '../server/testServer';

describe("the registers the ministry's figures count", () => {
  let server: TestServer;
  let fetch: ReturnType<typeof browserFetch>;
  beforeEach(async () => {
    // VN25: 1,203 masts from files, VN01: 2 from files, VN03: 3 synthetic ones.
    server = await startTestServer({ masts: 1203 });
    await upsertMasts(server.db, 'VN03', testMasts(3, 'S'), server.clock.now, {
      kind: 'synthetic',
      name: 'demo',
      importedBy: null,
    });
    fetch = browserFetch(server);
    vi.stubGlobal('fetch', fetch);
    useServerStore.setState({ available: true });
  });
  afterEach(async () => {
    await signOut();
    vi.unstubAllGlobals();
    await server.close();
  });

  it('reads each register with imported masts whole, for the ministry only, and names one the server refuses', async () => {
    // Signed out, and for a planner: no register (the province records are the ministry's).
    expect((await readRegistersForRun()).towers).toEqual([]);
    expect(await signIn(TEST_ACCOUNTS.planner.username, TEST_PASSWORD)).toBe(true);
    expect((await readRegistersForRun()).towers).toEqual([]);
    await signOut();

    expect(await signIn(TEST_ACCOUNTS.ministry.username, TEST_PASSWORD)).toBe(true);
    const { towers, used, failures } = await readRegistersForRun();
    expect(towers.map((register) => register.provinceCode)).toEqual(['VN01', 'VN25']);
    const vn25 = towers[1].towers;
    expect(vn25.count).toBe(1203);
    expect(vn25.operatorNames).toEqual(['MobiFone']);
    // testMasts: MobiFone at 108 + 0.001 i °E, 16°N.
    expect(vn25.lon[1202]).toBeCloseTo(108 + 1.202, 9);
    expect(vn25.lat[0]).toBe(16);
    expect(used.get('VN25')).toMatchObject({ masts: 1203, imported: 1203, operators: ['MobiFone'] });
    expect(used.get('VN01')).toMatchObject({ masts: 2, imported: 2, operators: ['MobiFone'] });
    expect(towers[1].operators).toEqual(['MobiFone']);
    expect(used.has('VN03')).toBe(false);
    expect(failures.size).toBe(0);

    // Viettel imports its list for VN03: VN03's register now speaks for Viettel (its 2 masts), not for the synthetic
    // MobiFone masts beside them, which count for no more than the national set's.
    const viettel = await server.loggedIn('viettel');
    const imported = await viettel.post('/api/provinces/VN03/masts/import', {
      towers: [
        { id: 'V-1', operator: 'Viettel', lon: 106.2, lat: 22.6, tenants: ['Viettel'] },
        { id: 'V-2', operator: 'Viettel', lon: 106.3, lat: 22.7, tenants: ['Viettel'], tenants5g: ['Viettel'] },
      ],
      mode: 'replaceOperator',
      sourceName: 'viettel-cao-bang.csv',
    });
    expect(imported.status).toBe(200);
    const withViettel = await readRegistersForRun();
    const vn03 = withViettel.towers.find((register) => register.provinceCode === 'VN03');
    expect(vn03?.operators).toEqual(['Viettel']);
    expect(vn03?.towers.count).toBe(2);
    expect(withViettel.used.get('VN03')).toMatchObject({ masts: 2, imported: 2, fiveG: 1, operators: ['Viettel'] });

    // The server refuses VN25's masts: VN25 is named with the refusal, VN01 still counted.
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) =>
      String(input).startsWith('/api/provinces/VN25/masts')
        ? new Response(JSON.stringify({ error: 'unavailable', message: 'busy' }), {
            status: 503,
            headers: { 'content-type': 'application/json' },
          })
        : fetch(input as string, init),
    );
    const refused = await readRegistersForRun();
    expect(refused.towers.map((register) => register.provinceCode)).toEqual(['VN01', 'VN03']);
    expect([...refused.failures.keys()]).toEqual(['VN25']);
    expect(refused.used.has('VN25')).toBe(false);
  }, 30_000);
});
