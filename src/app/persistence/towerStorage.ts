import type { Tower } from '../../core/model/tower';
import { openAppDatabase, TOWER_STORE } from './projectStorage';

/**
 * The masts of a province as the user left them after an import (all operators', with their sources), kept in the
 * browser so that a reload brings them back. Absent: the province's own masts (the synthetic demo) are used.
 */
export interface SavedTowers {
  provinceCode: string;
  towers: Tower[];
  savedAt: string;
}

export async function loadSavedTowers(provinceCode: string): Promise<SavedTowers | null> {
  try {
    const stored = (await (await openAppDatabase()).get(TOWER_STORE, provinceCode)) as SavedTowers | undefined;
    return stored && Array.isArray(stored.towers) ? stored : null;
  } catch {
    return null;
  }
}

/** Saves the province's masts; false when the browser refuses (private mode, quota). */
export async function saveTowers(provinceCode: string, towers: Tower[]): Promise<boolean> {
  try {
    const record: SavedTowers = { provinceCode, towers, savedAt: new Date().toISOString() };
    await (await openAppDatabase()).put(TOWER_STORE, record, provinceCode);
    return true;
  } catch {
    return false;
  }
}

/** Forgets the imported masts: the province's own masts come back on the next load. */
export async function clearSavedTowers(provinceCode: string): Promise<void> {
  try {
    await (await openAppDatabase()).delete(TOWER_STORE, provinceCode);
  } catch {
    // Nothing saved, or storage disabled: nothing to forget.
  }
}
