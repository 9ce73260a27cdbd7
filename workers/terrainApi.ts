import * as Comlink from 'comlink';
import type { ElevationMosaic } from '../src/core/terrain/buildElevationMosaic';
import { computeHillshade, DEFAULT_HILLSHADE, type HillshadeOptions } from '../src/core/terrain/computeHillshade';
import { computeLinkProfile, type LinkProfile, type LinkProfileRequest } from '../src/core/terrain/computeLinkProfile';
import { computeViewshed, type ViewshedRequest, type ViewshedResult } from '../src/core/terrain/computeViewshed';
import type { ElevationRaster } from '../src/core/terrain/elevationRaster';
import { hillshadeImagePixels } from '../src/core/terrain/hillshadeImagePixels';
import { rasterImageCorners } from '../src/core/terrain/rasterImageCorners';
import { type ElevationFileRefusal, readElevationFile } from '../src/core/terrain/readElevationFile';
import { type ElevationRasterSummary, summarizeElevationRaster } from '../src/core/terrain/summarizeElevationRaster';
import { viewshedImagePixels } from '../src/core/terrain/viewshedImagePixels';
import { viewshedWindowCorners } from '../src/core/terrain/viewshedWindowCorners';
import { residentDataset } from './residentDataset';
import { withJob } from './withJob';

type Progress = ((fraction: number) => void) | undefined;

/** A DEM file read: the raster and what the page says about it, or why it cannot be used (with its code). */
export type ElevationFileRead = { raster: ElevationRaster; summary: ElevationRasterSummary } | ElevationFileRefusal;

/**
 * A viewshed as the map draws it: the core's figures (not its window) and the window as an image (visible cells
 * green, hidden faint grey, outside the radius transparent) with its corners; image null for an empty window.
 */
export type ViewshedImage = Omit<ViewshedResult, 'window'> & {
  image: ImageBitmap | null;
  corners: [number, number][] | null;
};

/** The held dataset's DEMs as one mosaic (the page's own: the same rasters and options). */
function residentTerrain(datasetKey: string): ElevationMosaic {
  const terrain = residentDataset(datasetKey).terrain;
  if (terrain === null) throw new Error(`dataset ${datasetKey} has no terrain`);
  return terrain;
}

/**
 * What the analysis worker offers for terrain (elevation layers, hillshade, viewshed, link profiles): spread into
 * analysisApi. Same rules as analysisApi: core calls inside withJob, typed arrays transferred, no settings here.
 */
export const terrainApi = {
  /**
   * A DEM file (.hgt, .hgt.zip, GeoTIFF) read here, with its summary; the heights are transferred. A file that is no
   * DEM comes back as `{ error }` (the core's one-line reason), not as a rejection.
   */
  async readElevationFile(bytes: Uint8Array, fileName: string): Promise<ElevationFileRead> {
    const read = await readElevationFile(bytes, fileName);
    if ('error' in read) return read;
    return Comlink.transfer({ raster: read.raster, summary: summarizeElevationRaster(read.raster) }, [
      read.raster.heightsM.buffer as ArrayBuffer,
    ]);
  },

  /** A DEM shaded and tinted (heights coloured over `rangeM`), as an image with its corners on the map. */
  hillshadeImage: (
    jobId: number,
    raster: ElevationRaster,
    rangeM: [number, number],
    options: HillshadeOptions = DEFAULT_HILLSHADE,
    onProgress?: Progress,
  ) =>
    withJob(jobId, async (signal) => {
      const illumination = await computeHillshade(raster, options, { signal, onProgress });
      const flat = Math.sin((options.altitudeDeg * Math.PI) / 180);
      const pixels = hillshadeImagePixels(raster.heightsM, illumination, rangeM, flat);
      const image = await createImageBitmap(new ImageData(pixels, raster.width, raster.height));
      return Comlink.transfer({ image, corners: rasterImageCorners(raster) }, [image]);
    }),

  /** Which cells of the finest DEM at the site the site sees (computeViewshed over the held dataset's terrain). */
  viewshed: (jobId: number, datasetKey: string, request: ViewshedRequest, onProgress?: Progress) =>
    withJob(jobId, async (signal): Promise<ViewshedImage> => {
      const mosaic = residentTerrain(datasetKey);
      const { window, ...figures } = await computeViewshed(mosaic, request, { signal, onProgress });
      const raster = mosaic.layers[figures.layerIndex].raster;
      const image =
        window.width > 0 && window.height > 0
          ? await createImageBitmap(new ImageData(viewshedImagePixels(window.values), window.width, window.height))
          : null;
      const result = { ...figures, image, corners: viewshedWindowCorners(raster, window) };
      return Comlink.transfer(result, image ? [image] : []);
    }),

  /**
   * A link's terrain profile, Fresnel zone, clearance and losses (computeLinkProfile over the held dataset's terrain).
   * A few thousand profile points at most: quick enough to need no cancel.
   */
  linkProfile(datasetKey: string, request: LinkProfileRequest): LinkProfile {
    const profile = computeLinkProfile(residentTerrain(datasetKey), request);
    return Comlink.transfer(
      profile,
      Object.values(profile.points).map((values: Float64Array) => values.buffer as ArrayBuffer),
    );
  },
};
