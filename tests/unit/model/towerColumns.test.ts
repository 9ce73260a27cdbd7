import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTowers } from '../../../src/core/io/parseTowers';
import type { Tower } from '../../../src/core/model/tower';
import {
  copyTowerColumns,
  decodeTowerColumns,
  decodeTowerColumnsInSlices,
  encodeTowerColumns,
  towerColumnBuffers,
} from '../../../src/core/model/towerColumns';

const source = { kind: 'file' as const, name: 'tram.csv', importedAt: '2026-12-06T07:00:00Z' };

/** Every optional field present, absent and empty somewhere. */
const HAND_MADE: Tower[] = [
  { id: 'A', operator: 'Viettel', lon: 108.2, lat: 16.05, heightM: null, radiusM: null, mastType: null, tenants: [] },
  {
    id: 'Trạm Đà Nẵng 2',
    operator: 'VinaPhone',
    lon: 108.21,
    lat: 16.06,
    heightM: 35,
    radiusM: 1500,
    mastType: 'A2b',
    tenants: ['VinaPhone', 'Viettel', 'Nhà mạng lạ'],
    azimuthsDeg: [0, 120, 240],
    tiltsDeg: [],
    bands: ['1800', 'n78'],
    has4g: false,
    tenants5g: ['VinaPhone'],
    radius5gM: 800,
    tenantCount: 4,
    source,
  },
  {
    id: '',
    operator: 'MobiFone',
    lon: 108.3,
    lat: 15.9,
    heightM: 12.5,
    radiusM: 900,
    mastType: 'A1',
    tenants: ['MobiFone'],
    has4g: true,
    tenants5g: [],
    source,
  },
];

describe('towers as columns (what the page sends the workers)', () => {
  it('gives back the same towers, optional fields present exactly where they were', async () => {
    const decoded = decodeTowerColumns(await encodeTowerColumns(HAND_MADE));
    expect(decoded).toStrictEqual(HAND_MADE);
    // Towers of one import still share one source object.
    expect(decoded[1].source).toBe(decoded[2].source);
  });

  it('gives back the demo and national towers unchanged', async () => {
    for (const file of ['data/demo/towers.csv', 'data/national/towers.csv']) {
      const towers = parseTowers(readFileSync(file, 'utf8'), 'towers.csv').towers;
      expect(decodeTowerColumns(await encodeTowerColumns(towers))).toStrictEqual(towers);
    }
  });

  it('decodes in slices to the same towers', async () => {
    const towers = parseTowers(readFileSync('data/demo/towers.csv', 'utf8'), 'towers.csv').towers;
    const columns = await encodeTowerColumns([...towers, ...HAND_MADE]);
    await expect(decodeTowerColumnsInSlices(columns, { sliceMs: 1 })).resolves.toStrictEqual([...towers, ...HAND_MADE]);
  });

  it('carries fields it does not know as they are', async () => {
    const newer = [{ ...HAND_MADE[0], sectors: [{ azimuthDeg: 30 }] }] as unknown as Tower[];
    expect(decodeTowerColumns(await encodeTowerColumns(newer))).toStrictEqual(newer);
  });

  it('copies into buffers of its own, so one copy can be transferred per worker', async () => {
    const columns = await encodeTowerColumns(HAND_MADE);
    const copy = copyTowerColumns(columns);
    const buffers = towerColumnBuffers(copy);
    expect(buffers.length).toBeGreaterThan(10);
    for (const buffer of towerColumnBuffers(columns)) expect(buffers).not.toContain(buffer);
    structuredClone(copy, { transfer: buffers });
    expect(decodeTowerColumns(columns)).toStrictEqual(HAND_MADE);
  });
});
