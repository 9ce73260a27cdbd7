import type { Tower } from '../../core/model/tower';
import { decodeTowerColumnsInSlices, encodeTowerColumns, type TowerColumns } from '../../core/model/towerColumns';
import { openAppDatabase, TOWER_STORE } from './projectStorage';

/**
 * The masts of a province as the user left them after an import (all operators', with their sources), kept in the
 * browser so that a reload brings them back. Stored as columns (typed arrays clone with one copy each, where 100,000
 * Tower objects would cost the page a long task). Absent: the province's own masts (the synthetic demo) are used.
 */
interface SavedTowerColumns {
  provinceCode: string;
  columns: TowerColumns;
  savedAt: string;
}

export async function loadSavedTowers(provinceCode: string): Promise<{ towers: Tower[]; savedAt: string } | null> {
  try {
    const stored = (await (await openAppDatabase()).get(TOWER_STORE, provinceCode)) as SavedTowerColumns | undefined;
    if (!stored?.columns || typeof stored.columns.count !== 'number') return null;
    return { towers: await decodeTowerColumnsInSlices(stored.columns), savedAt: stored.savedAt };
  } catch {
    return null;
  }
}

/** Saves the province's masts given as columns; false when the browser refuses (quota, private). */
export async function saveTowerColumns(provinceCode: string, columns: TowerColumns): Promise<boolean> {
  try {
    // IndexedDB stores a structured clone: one copy of each typed array.
    const record: SavedTowerColumns = { provinceCode, columns, savedAt: new Date().toISOString() };
    await (await openAppDatabase()).put(TOWER_STORE, record, provinceCode);
    return true;
  } catch {
    return false;
  }
}

/** Saves the province's masts, encoded in slices first. */
export async function saveTowers(provinceCode: string, towers: readonly Tower[]): Promise<boolean> {
  return saveTowerColumns(provinceCode, await encodeTowerColumns(towers));
}

/** Forgets the imported masts: the province's own masts come back on the next load. */
export async function clearSavedTowers(provinceCode: string): Promise<void> {
  try {
    await (await openAppDatabase()).delete(TOWER_STORE, provinceCode);
  } catch {
    // Nothing saved, or storage disabled: nothing to forget.
  }
}
