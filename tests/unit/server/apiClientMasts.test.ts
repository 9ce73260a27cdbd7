/**
 * The app's ApiClient against the real server (fastify inject behind a fetch that keeps cookies like a browser):
 * importMasts sends the towers, listMasts reads them back as core towers with their source.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError } from '../../../src/app/server/apiClient';
import type { Tower } from '../../../src/core/model/tower';
import { upsertMasts } from '../../../src/server/store/masts';
import { browserFetch, startTestServer, TEST_ACCOUNTS, TEST_PASSWORD, type TestServer, testMasts } from './testServer';

const tower = (id: string, operator: string, overrides: Partial<Tower> = {}): Tower => ({
  id,
  operator,
  lon: 108.2,
  lat: 16.05,
  heightM: 40,
  radiusM: 3000,
  mastType: 'A2b',
  tenants: [operator],
  azimuthsDeg: [0, 120, 240],
  source: { kind: 'file', name: 'local.csv' },
  ...overrides,
});

describe('ApiClient: masts', () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ masts: 0 });
    await upsertMasts(server.db, 'VN25', [tower('S-1', 'MobiFone')], server.clock.now, {
      kind: 'synthetic',
      name: 'data/demo/towers.csv',
      importedBy: null,
    });
    vi.stubGlobal('fetch', browserFetch(server));
  });
  afterEach(async () => {
    vi.unstubAllGlobals();
    await server.close();
  });

  it('imports an operator’s towers and reads them back as core towers with their source', async () => {
    const client = new ApiClient();
    await client.signIn(TEST_ACCOUNTS.viettel.username, TEST_PASSWORD);
    const result = await client.importMasts(
      'VN25',
      [
        tower('V-1', 'Viettel', { has4g: true, tenants5g: ['Viettel'], radius5gM: 700, tiltsDeg: [3], bands: ['n78'] }),
        tower('V-2', 'Viettel', { tenantCount: 3, radiusM: null }),
      ],
      'replaceOperator',
      'viettel.csv',
    );
    expect(result).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
      removed: 0,
      skipped: 0,
      keptWithRequests: [],
      // V-2's count of 3: an operator's file claims no more sharing than the register records (none on a new mast).
      foreignTenantsIgnored: 2,
      keptCommitted: [],
    });

    const towers = await client.listMasts('VN25');
    expect(towers).toEqual([
      {
        id: 'S-1',
        operator: 'MobiFone',
        lon: 108.2,
        lat: 16.05,
        heightM: 40,
        radiusM: 3000,
        mastType: 'A2b',
        tenants: ['MobiFone'],
        azimuthsDeg: [0, 120, 240],
        source: { kind: 'synthetic', name: 'data/demo/towers.csv', importedAt: server.clock.now.toISOString() },
      },
      {
        id: 'V-1',
        operator: 'Viettel',
        lon: 108.2,
        lat: 16.05,
        heightM: 40,
        radiusM: 3000,
        mastType: 'A2b',
        tenants: ['Viettel'],
        // What the list said of the radios comes back as it was sent.
        azimuthsDeg: [0, 120, 240],
        has4g: true,
        tenants5g: ['Viettel'],
        radius5gM: 700,
        tiltsDeg: [3],
        bands: ['n78'],
        source: {
          kind: 'server',
          name: 'viettel.csv',
          importedAt: server.clock.now.toISOString(),
          importedBy: 'viettel',
        },
      },
      {
        id: 'V-2',
        operator: 'Viettel',
        lon: 108.2,
        lat: 16.05,
        heightM: 40,
        radiusM: null,
        mastType: 'A2b',
        tenants: ['Viettel'],
        azimuthsDeg: [0, 120, 240],
        source: {
          kind: 'server',
          name: 'viettel.csv',
          importedAt: server.clock.now.toISOString(),
          importedBy: 'viettel',
        },
      },
    ]);
    // One import, one source object.
    expect(towers[1].source).toBe(towers[2].source);
  });

  it('reports the server’s refusal with its status', async () => {
    const client = new ApiClient();
    await client.signIn(TEST_ACCOUNTS.viettel.username, TEST_PASSWORD);
    const refused = client.importMasts('VN25', [tower('S-1', 'Viettel')], 'updateById', 'viettel.csv');
    await expect(refused).rejects.toBeInstanceOf(ApiError);
    await expect(refused).rejects.toMatchObject({ status: 409, code: 'conflict' });
  });

  it('follows the list routes’ cursors: every mast, request and the newest audit entries', async () => {
    await server.db.transaction((tx) => upsertMasts(tx, 'VN25', testMasts(10_050), server.clock.now));
    const client = new ApiClient();
    await client.signIn(TEST_ACCOUNTS.viettel.username, TEST_PASSWORD);
    const towers = await client.listMasts('VN25');
    expect(towers).toHaveLength(10_051); // two pages of 10,000 at most
    expect(new Set(towers.map((t) => t.id)).size).toBe(10_051);
    expect(towers.map((t) => t.id)).toEqual([...towers.map((t) => t.id)].sort());

    for (let i = 0; i < 7; i++) {
      const filed = await client.fileRequest({
        provinceId: 'VN25',
        target: { kind: 'mast', mastId: `T-000${i}` },
        equipment: 'RRU',
        antennaHeightM: 20,
        band: 'n41',
        windLoadAreaM2: 0.5,
        weightKg: null,
        submit: false,
      } as never);
      expect(filed.state).toBe('draft');
    }
    expect(await client.listRequests()).toHaveLength(7);

    await client.signOut();
    await client.signIn(TEST_ACCOUNTS.ministry.username, TEST_PASSWORD);
    const entries = await client.audit(5);
    expect(entries).toHaveLength(5);
    const all = await client.audit(10_000);
    expect(all.length).toBeGreaterThan(5);
    expect(all.slice(0, 5)).toEqual(entries);
  });
});
