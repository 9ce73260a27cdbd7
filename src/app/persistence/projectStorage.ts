import { type IDBPDatabase, openDB } from 'idb';
import { normalizeProject, type ProjectDocument } from '../store/projectDocument';

/**
 * Projects kept in the browser (IndexedDB), one per province, saved automatically after each change so that a reload
 * or a crash loses nothing. Storage failures (private mode, quota) are reported to the caller, never thrown at the UI.
 */
const DATABASE = 'cosite';
const STORE = 'projects';
/** Imported masts of each province (see towerStorage), since version 2. */
export const TOWER_STORE = 'towers';
/** Imported elevation rasters of each province (see terrainStorage), since version 3. */
export const TERRAIN_STORE = 'terrain';

let database: Promise<IDBPDatabase> | null = null;

/** The app's IndexedDB database (projects, imported masts and imported DEMs), opened once. */
export function openAppDatabase(): Promise<IDBPDatabase> {
  database ??= openDB(DATABASE, 3, {
    upgrade(db) {
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
      if (!db.objectStoreNames.contains(TOWER_STORE)) db.createObjectStore(TOWER_STORE);
      if (!db.objectStoreNames.contains(TERRAIN_STORE)) db.createObjectStore(TERRAIN_STORE);
    },
  });
  return database;
}

const open = openAppDatabase;

export async function loadSavedProject(provinceCode: string): Promise<ProjectDocument | null> {
  try {
    const stored = await (await open()).get(STORE, provinceCode);
    return stored ? normalizeProject(stored, provinceCode) : null;
  } catch {
    return null;
  }
}

export async function saveProject(project: ProjectDocument): Promise<boolean> {
  try {
    await (await open()).put(STORE, project, project.provinceCode);
    return true;
  } catch {
    return false;
  }
}
