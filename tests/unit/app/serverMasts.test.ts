import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProvinceDataset } from '../../../src/app/data/provinceDataset';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';

// The two boundaries of loadServerMasts: the server (HTTP) and the browser's storage (IndexedDB).
const listMasts = vi.fn<(provinceCode: string) => Promise<Tower[]>>();
const saveTowers = vi.fn(async () => true);
vi.mock('../../../src/app/server/apiClient', () => ({ apiClient: { listMasts: (code: string) => listMasts(code) } }));
vi.mock('../../../src/app/persistence/towerStorage', () => ({ saveTowers: () => saveTowers() }));

const { loadServerMasts } = await import('../../../src/app/data/serverMasts');
const { showDataset, useAppStore } = await import('../../../src/app/store/appStore');
const { useServerStore } = await import('../../../src/app/server/serverStore');

function tower(id: string, operator: string, lon: number): Tower {
  return { id, operator, lon, lat: 16, heightM: 30, radiusM: 1500, mastType: null, tenants: [operator] };
}

function dataset(provinceCode: string, towers: Tower[]): ProvinceDataset {
  const empty = { type: 'FeatureCollection' as const, features: [] };
  return {
    provinceName: provinceCode,
    provinceCode,
    province: empty,
    provinces: empty,
    communes: empty,
    backbone: empty,
    towers,
    towerArrays: packTowers(towers),
    rejectedRowCount: 0,
    towersAreSynthetic: false,
    population: {
      width: 1,
      height: 1,
      originLon: 108,
      originLat: 16,
      cellSizeLonDeg: 0.01,
      cellSizeLatDeg: 0.01,
      nodata: null,
      values: new Float32Array([100]),
    },
    populationTotal: 100,
    backboneKm: 0,
    terrain: { rasters: [], mosaic: { rasters: [] }, demoRasters: [], rangeM: null } as never,
  };
}

const onScreen = [tower('A1', 'Viettel', 108.1)];
const fromServer = [tower('A1', 'Viettel', 108.1), tower('B7', 'MobiFone', 108.2), tower('C3', 'VNPT', 108.3)];

afterEach(() => {
  listMasts.mockReset();
  saveTowers.mockClear();
  useAppStore.setState({ dataset: null });
  useServerStore.setState({ serverMasts: 'idle', refusals: {} });
});

describe('loadServerMasts', () => {
  it("puts the server's masts on screen and keeps them in the browser", async () => {
    useAppStore.setState({ dataset: dataset('VN25', onScreen) });
    let whileOnTheirWay: string | null = null;
    listMasts.mockImplementation(async () => {
      whileOnTheirWay = useServerStore.getState().serverMasts;
      return fromServer;
    });
    expect(await loadServerMasts()).toBe(true);
    expect(listMasts).toHaveBeenCalledWith('VN25');
    // The panels are told they are coming (a search waits for them), then that they are here.
    expect(whileOnTheirWay).toBe('loading');
    expect(useServerStore.getState().serverMasts).toBe('loaded');
    const shown = useAppStore.getState().dataset;
    expect(shown?.towers.map((t) => t.id)).toEqual(['A1', 'B7', 'C3']);
    expect(shown?.towerArrays.count).toBe(3);
    expect(saveTowers).toHaveBeenCalledTimes(1);
  });

  it('still puts them on screen when the dataset changed while they were on their way', async () => {
    useAppStore.setState({ dataset: dataset('VN25', onScreen) });
    listMasts.mockImplementation(async () => {
      // Another layer arrives meanwhile: a new dataset object of the same province.
      const current = useAppStore.getState().dataset as ProvinceDataset;
      showDataset({ ...current, backboneKm: 12.5 });
      return fromServer;
    });
    expect(await loadServerMasts()).toBe(true);
    const shown = useAppStore.getState().dataset;
    expect(shown?.towers.map((t) => t.id)).toEqual(['A1', 'B7', 'C3']);
    // The change that came meanwhile is kept.
    expect(shown?.backboneKm).toBe(12.5);
  });

  it('leaves another province on screen as it is', async () => {
    useAppStore.setState({ dataset: dataset('VN25', onScreen) });
    listMasts.mockImplementation(async () => {
      showDataset(dataset('VN01', onScreen));
      return fromServer;
    });
    expect(await loadServerMasts()).toBe(false);
    expect(useAppStore.getState().dataset?.provinceCode).toBe('VN01');
    expect(useAppStore.getState().dataset?.towers.map((t) => t.id)).toEqual(['A1']);
    expect(saveTowers).not.toHaveBeenCalled();
  });

  it('leaves the masts on screen when the server cannot answer', async () => {
    useAppStore.setState({ dataset: dataset('VN25', onScreen) });
    const refusal = new TypeError('Failed to fetch');
    listMasts.mockRejectedValue(refusal);
    expect(await loadServerMasts()).toBe(false);
    expect(useAppStore.getState().dataset?.towers.map((t) => t.id)).toEqual(['A1']);
    // Said where the person looks (the requests tab), with the reason, not left as if the masts were the server's.
    expect(useServerStore.getState().serverMasts).toBe('failed');
    expect(useServerStore.getState().refusals.loadMasts).toEqual({ action: 'loadMasts', error: refusal });
    // Trying again clears the refusal and, answered, says the masts are here.
    listMasts.mockResolvedValue(fromServer);
    expect(await loadServerMasts()).toBe(true);
    expect(useServerStore.getState().serverMasts).toBe('loaded');
    expect(useServerStore.getState().refusals.loadMasts).toBeUndefined();
  });
});
