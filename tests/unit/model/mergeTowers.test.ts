import { describe, expect, it } from 'vitest';
import { defaultMergeMode, mergeTowers } from '../../../src/core/model/mergeTowers';
import type { Tower } from '../../../src/core/model/tower';

const mast = (id: string, operator: string, lon = 108.2, heightM: number | null = 30): Tower => ({
  id,
  operator,
  lon,
  lat: 16.05,
  heightM,
  radiusM: null,
  mastType: null,
  tenants: [operator],
});

// Loaded: V1, V2 (Viettel), M1 (MobiFone), S1 (VinaPhone). The file: V1 unchanged, V2 moved, V3 new (Viettel only).
const loaded = [mast('V1', 'Viettel'), mast('V2', 'Viettel'), mast('M1', 'MobiFone'), mast('S1', 'VinaPhone')];
const file = [mast('V1', 'Viettel'), mast('V2', 'Viettel', 108.3), mast('V3', 'Viettel')];

describe('mergeTowers', () => {
  it("replaces only the file's operator's masts, keeping every other operator's", () => {
    const { towers, diff } = mergeTowers(
      loaded,
      [mast('V2', 'Viettel', 108.3), mast('V3', 'Viettel')],
      'replaceOperator',
    );
    expect(towers.map((tower) => tower.id)).toEqual(['V2', 'M1', 'S1', 'V3']);
    expect(towers[0].lon).toBe(108.3);
    expect(diff).toEqual({
      added: 1,
      changed: 1,
      removed: 1,
      removedShared: 0,
      unchanged: 0,
      skipped: 0,
      operators: ['Viettel'],
    });
  });

  it('counts the removed masts other operators are on (a named tenant, or a count of 2 or more)', () => {
    const shared = { ...mast('V1', 'Viettel'), tenants: ['Viettel', 'MobiFone'] };
    const counted = { ...mast('V2', 'Viettel'), tenantCount: 3 };
    const { diff } = mergeTowers([shared, counted, mast('V4', 'Viettel')], [mast('V3', 'Viettel')], 'replaceOperator');
    expect([diff.removed, diff.removedShared]).toEqual([3, 2]);
  });

  it('updates by id without removing anything', () => {
    const { towers, diff } = mergeTowers(loaded, file, 'updateById');
    expect(towers.map((tower) => tower.id)).toEqual(['V1', 'V2', 'M1', 'S1', 'V3']);
    expect(towers[1].lon).toBe(108.3);
    // V1 is the same in every field: the loaded record stays.
    expect(towers[0]).toBe(loaded[0]);
    expect(diff).toMatchObject({ added: 1, changed: 1, removed: 0, unchanged: 1, skipped: 0 });
  });

  it('adds new ids and skips ids already loaded', () => {
    const { towers, diff } = mergeTowers(loaded, file, 'add');
    expect(towers.map((tower) => tower.id)).toEqual(['V1', 'V2', 'M1', 'S1', 'V3']);
    expect(towers[1].lon).toBe(108.2);
    expect(diff).toMatchObject({ added: 1, changed: 0, removed: 0, unchanged: 0, skipped: 2 });
  });

  it('accounts for every mast: kept + added = result, loaded = kept + removed', () => {
    for (const mode of ['replaceOperator', 'add', 'updateById'] as const) {
      const { towers, diff } = mergeTowers(loaded, file, mode);
      expect(towers.length).toBe(loaded.length - diff.removed + diff.added);
      expect(new Set(towers.map((tower) => tower.id)).size).toBe(towers.length);
    }
  });

  it('proposes replacing the operator when the file holds one operator, else updating by id', () => {
    expect(defaultMergeMode(file)).toBe('replaceOperator');
    expect(defaultMergeMode([...file, mast('X', 'MobiFone')])).toBe('updateById');
  });
});
