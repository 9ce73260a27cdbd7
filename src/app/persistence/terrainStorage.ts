import type { ElevationRaster } from '../../core/terrain/elevationRaster';
import { openAppDatabase, TERRAIN_STORE } from './projectStorage';

/**
 * The elevation rasters a user imported for a province (the demo's own DEMs are not stored: they come with the app),
 * kept in the browser so that a reload, and the report opened in another tab, predict over the same terrain as the
 * screen did. Stored as read (heights as one Float32Array each: a structured clone, one copy); an SRTM1 tile is
 * about 52 MB, so the browser may refuse (quota): the caller says so.
 */
interface SavedTerrain {
  provinceCode: string;
  rasters: ElevationRaster[];
  savedAt: string;
}

export async function loadSavedTerrain(provinceCode: string): Promise<ElevationRaster[]> {
  try {
    const stored = (await (await openAppDatabase()).get(TERRAIN_STORE, provinceCode)) as SavedTerrain | undefined;
    if (!Array.isArray(stored?.rasters)) return [];
    return stored.rasters.filter((raster) => raster.heightsM instanceof Float32Array);
  } catch {
    return [];
  }
}

/** Keeps the province's imported rasters (replacing what was kept); none forgets them. False when refused. */
export async function saveImportedTerrain(provinceCode: string, rasters: readonly ElevationRaster[]): Promise<boolean> {
  try {
    const database = await openAppDatabase();
    if (rasters.length === 0) {
      await database.delete(TERRAIN_STORE, provinceCode);
      return true;
    }
    const record: SavedTerrain = { provinceCode, rasters: [...rasters], savedAt: new Date().toISOString() };
    await database.put(TERRAIN_STORE, record, provinceCode);
    return true;
  } catch {
    return false;
  }
}
