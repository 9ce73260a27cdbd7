import { describe, expect, it } from 'vitest';
import { towerLayerData } from '../../../src/app/map/towerLayerData';
import type { Tower } from '../../../src/core/model/tower';
import { packTowers } from '../../../src/core/model/towerArrays';

const tower = (id: string, lon: number, lat: number, tenants: string[]): Tower => ({
  id,
  operator: tenants[0],
  lon,
  lat,
  heightM: null,
  radiusM: null,
  mastType: null,
  tenants,
});

// 0 and 1 share a spot with 2 (shared, so drawn on top); 3 is far east.
const towers = packTowers([
  tower('a', 108.2, 16.05, ['Viettel']),
  tower('b', 108.20001, 16.05, ['MobiFone']),
  tower('c', 108.20002, 16.05001, ['VinaPhone', 'Viettel']),
  tower('d', 109.5, 16.05, ['Viettel']),
]);

describe('towerLayerData (the masts layer as binary attributes)', () => {
  it('draws every mast, shared masts last (on top), with positions in draw order', () => {
    const data = towerLayerData(towers, null);
    expect(Array.from(data.towerIndex)).toEqual([0, 1, 3, 2]);
    expect(Array.from(data.positions.subarray(4, 6))).toEqual([109.5, 16.05]);
    expect(data.radiiPx[3]).toBeGreaterThan(data.radiiPx[0]);
  });

  it('draws only the masts in the window, and one per cell (the one on top) when asked', () => {
    const box: [number, number, number, number] = [108, 16, 109, 16.1];
    expect(Array.from(towerLayerData(towers, { box, cellDeg: 0 }).towerIndex)).toEqual([0, 1, 2]);
    expect(Array.from(towerLayerData(towers, { box, cellDeg: 0.01 }).towerIndex)).toEqual([2]);
    expect(Array.from(towerLayerData(towers, { box: [108, 16, 110, 16.1], cellDeg: 0.01 }).towerIndex)).toEqual([3, 2]);
  });

  it('returns the same object for the same dataset and window, so deck.gl keeps its buffers', () => {
    const window = { box: [108, 16, 109, 16.1] as [number, number, number, number], cellDeg: 0 };
    expect(towerLayerData(towers, window)).toBe(
      towerLayerData(towers, { ...window, box: [...window.box] as typeof window.box }),
    );
  });
});
