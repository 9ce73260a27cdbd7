import { DEFAULT_HILLSHADE } from '../../core/terrain/computeHillshade';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { type ProvinceTerrain, rastersCoarseFirst } from '../data/provinceTerrain';
import { type TerrainImage, useAppStore } from '../store/appStore';

/**
 * Vertical exaggeration of the shading: the 2 km national grid smooths the slopes so much that true relief barely
 * shows, while 1″ data shows it at 1.
 */
function exaggerationFor(spacingM: number): number {
  return spacingM > 1000 ? 3 : spacingM > 200 ? 2 : 1;
}

const hillshadeRun = latestRun();

/**
 * Starts computing the terrain's images (one per DEM, in the workers) unless they are there or on their way; the
 * latest terrain wins. The map draws them once `terrainImages.status` is 'done'.
 */
export async function ensureHillshadeImages(terrain: ProvinceTerrain): Promise<void> {
  // Once per terrain, failed or not: the map asks on every update, and a failure retried there would loop.
  if (useAppStore.getState().terrainImages?.terrain === terrain) return;
  const run = hillshadeRun.start();
  useAppStore.setState({ terrainImages: { terrain, status: 'running', images: [], error: null } });
  const rangeM = terrain.rangeM ?? [0, 1];
  const spacingByRaster = new Map(terrain.mosaic.layers.map((layer) => [layer.raster, layer.rankSpacingM]));
  try {
    const pool = getAnalysisPool();
    const images: TerrainImage[] = await Promise.all(
      rastersCoarseFirst(terrain).map(async (raster) => {
        const options = {
          ...DEFAULT_HILLSHADE,
          verticalExaggeration: exaggerationFor(spacingByRaster.get(raster) ?? 0),
        };
        const drawn = await pool.run((api, jobId) => api.hillshadeImage(jobId, raster, rangeM, options), {
          signal: run.signal,
        });
        return { name: raster.name, image: drawn.image, corners: drawn.corners ?? [] };
      }),
    );
    if (!run.isCurrent()) return;
    // A raster whose corners cannot be placed on the map (a projection that fails there) is left out.
    useAppStore.setState({
      terrainImages: {
        terrain,
        status: 'done',
        images: images.filter((entry) => entry.corners.length === 4),
        error: null,
      },
    });
  } catch (error) {
    if (!run.isCurrent() || isCancelledError(error)) return;
    useAppStore.setState({
      terrainImages: {
        terrain,
        status: 'error',
        images: [],
        error: error instanceof Error ? error.message : String(error),
      },
    });
  }
}
