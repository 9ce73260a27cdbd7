import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { ElevationFileRead } from '../../../workers/terrainApi';
import type { ElevationRaster } from '../../core/terrain/elevationRaster';
import { isElevationFileName } from '../../core/terrain/readElevationFile';
import type { ElevationRasterSummary } from '../../core/terrain/summarizeElevationRaster';
import { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from '../data/provinceDataset';
import { buildProvinceTerrain } from '../data/provinceTerrain';
import { saveImportedTerrain } from '../persistence/terrainStorage';
import { useAppStore } from '../store/appStore';

export { isElevationFileName };

/** What became of one DEM file: being read, added (with its summary) or refused (with the reason). */
export interface DemFileMessage {
  fileName: string;
  status: 'reading' | 'added' | 'refused';
  summary: ElevationRasterSummary | null;
  /** Why it was refused: the reader's one-line reason (English, from the core), or 'outside-province'. */
  reason: string | null;
  /** The reason's code and values, when the core gives them (WordedMessage): the UI words it in its language. */
  code?: string;
  params?: Record<string, string | number>;
}

export const useTerrainImportStore = create<{
  messages: DemFileMessage[];
  /** Whether the imported DEMs were kept in this browser for the next visit (null: nothing to keep yet). */
  kept: boolean | null;
}>(() => ({ messages: [], kept: null }));

/** [west, south, east, north] of all the province's parts, degrees. */
function provinceBox(dataset: ProvinceDataset): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of dataset.province.features) {
    const polygons =
      feature.geometry.type === 'Polygon' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
    for (const polygon of polygons) {
      for (const [lon, lat] of polygon[0]) {
        box[0] = Math.min(box[0], lon);
        box[1] = Math.min(box[1], lat);
        box[2] = Math.max(box[2], lon);
        box[3] = Math.max(box[3], lat);
      }
    }
  }
  return box;
}

function overlaps(summary: ElevationRasterSummary, box: [number, number, number, number]): boolean {
  return (
    summary.westDeg <= box[2] && summary.eastDeg >= box[0] && summary.southDeg <= box[3] && summary.northDeg >= box[1]
  );
}

/**
 * Reads DEM files (in the workers, several at once) and adds those that are elevation rasters over the province to
 * its terrain; the mosaic takes the finest where they overlap. A file with the name of a DEM already there replaces
 * it. Each file gets a message. The imported rasters are kept in the browser (terrainStorage), so that a reload and the
 * report predict over the same terrain; the panel says when the browser refused to keep them.
 */
export async function importElevationFiles(files: File[]): Promise<void> {
  if (files.length === 0) return;
  const messages: DemFileMessage[] = files.map((file) => ({
    fileName: file.name,
    status: 'reading',
    summary: null,
    reason: null,
  }));
  useTerrainImportStore.setState({ messages: [...messages] });
  const pool = getAnalysisPool();
  const reads = await Promise.all(
    files.map(async (file): Promise<ElevationFileRead> => {
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        return await pool.run<ElevationFileRead>((api) =>
          api.readElevationFile(Comlink.transfer(bytes, [bytes.buffer]), file.name),
        );
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const dataset = useAppStore.getState().dataset;
  if (!dataset) return;
  const box = provinceBox(dataset);
  const added: ElevationRaster[] = [];
  reads.forEach((read, index) => {
    if ('error' in read) {
      messages[index] = {
        ...messages[index],
        status: 'refused',
        reason: read.error,
        code: read.code,
        params: read.params,
      };
    } else if (read.summary.notElevationWorded) {
      const { reason, code, params } = read.summary.notElevationWorded;
      messages[index] = { ...messages[index], status: 'refused', summary: read.summary, reason, code, params };
    } else if (!overlaps(read.summary, box)) {
      messages[index] = { ...messages[index], status: 'refused', summary: read.summary, reason: 'outside-province' };
    } else {
      messages[index] = { ...messages[index], status: 'added', summary: read.summary };
      added.push(read.raster);
    }
  });
  useTerrainImportStore.setState({ messages });
  if (added.length === 0) return;
  const addedNames = new Set(added.map((raster) => raster.name));
  const { demoRasters } = dataset.terrain;
  const kept = dataset.terrain.rasters.filter((raster) => !addedNames.has(raster.name) || demoRasters.includes(raster));
  const terrain = buildProvinceTerrain([...kept, ...added], demoRasters);
  useAppStore.setState({ dataset: { ...dataset, terrain } });
  const imported = terrain.rasters.filter((raster) => !demoRasters.includes(raster));
  const saved = await saveImportedTerrain(dataset.provinceCode, imported);
  useTerrainImportStore.setState({ kept: saved });
}

/** Back to the demo's DEMs only (they are still in memory). */
export function restoreDemoTerrain(): void {
  const dataset = useAppStore.getState().dataset;
  if (!dataset) return;
  const { demoRasters } = dataset.terrain;
  useAppStore.setState({ dataset: { ...dataset, terrain: buildProvinceTerrain([...demoRasters], demoRasters) } });
  useTerrainImportStore.setState({ messages: [], kept: null });
  void saveImportedTerrain(dataset.provinceCode, []);
}
