import { describe, expect, it } from 'vitest';
import type { Tower } from '../../../src/core/model/tower';
import { filterAndSortTowers } from '../../../src/core/model/towerTableIndex';

const tower = (id: string, operator: string, heightM: number | null, tenants = [operator]): Tower => ({
  id,
  operator,
  lon: 108,
  lat: 16,
  heightM,
  radiusM: null,
  mastType: 'A2b',
  tenants,
});

const towers = [
  tower('S-10', 'Viettel', 40),
  tower('S-2', 'MobiFone', null),
  tower('S-1', 'VinaPhone', 25, ['VinaPhone', 'Viettel']),
  tower('Trạm Đồng', 'Vietnamobile', 30),
];

describe('filterAndSortTowers', () => {
  it('sorts ids naturally and numbers numerically, empty values last in both directions', () => {
    expect(filterAndSortTowers(towers, '', 'id', false)).toEqual([2, 1, 0, 3]);
    expect(filterAndSortTowers(towers, '', 'heightM', false)).toEqual([2, 3, 0, 1]);
    expect(filterAndSortTowers(towers, '', 'heightM', true)).toEqual([0, 3, 2, 1]);
  });

  it('filters on every word across columns, ignoring case and Vietnamese diacritics', () => {
    expect(filterAndSortTowers(towers, 'viettel', 'id', false)).toEqual([2, 0]);
    expect(filterAndSortTowers(towers, 'viettel vinaphone', 'id', false)).toEqual([2]);
    expect(filterAndSortTowers(towers, 'tram dong', 'id', false)).toEqual([3]);
    expect(filterAndSortTowers(towers, 'nothing-like-this', 'id', false)).toEqual([]);
  });
});
