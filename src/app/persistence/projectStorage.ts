import { type IDBPDatabase, openDB } from 'idb';
import { normalizeProject, type ProjectDocument } from '../store/projectDocument';

/**
 * Projects kept in the browser (IndexedDB), one per province, saved automatically after each change so that a reload
 * or a crash loses nothing. Storage failures (private mode, quota) are reported to the caller, never thrown at the UI.
 */
const DATABASE = 'cosite';
const STORE = 'projects';

let database: Promise<IDBPDatabase> | null = null;

function open(): Promise<IDBPDatabase> {
  database ??= openDB(DATABASE, 1, {
    upgrade(db) {
      if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE);
    },
  });
  return database;
}

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
