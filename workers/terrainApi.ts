import * as Comlink from 'comlink';
import { computeHillshade, DEFAULT_HILLSHADE, type HillshadeOptions } from '../src/core/terrain/computeHillshade';
import type { ElevationRaster } from '../src/core/terrain/elevationRaster';
import { hillshadeImagePixels } from '../src/core/terrain/hillshadeImagePixels';
import { rasterImageCorners } from '../src/core/terrain/rasterImageCorners';
import { readElevationFile } from '../src/core/terrain/readElevationFile';
import { type ElevationRasterSummary, summarizeElevationRaster } from '../src/core/terrain/summarizeElevationRaster';
import { withJob } from './withJob';

type Progress = ((fraction: number) => void) | undefined;

/** A DEM file read: the raster and what the page says about it, or why it cannot be used. */
export type ElevationFileRead = { raster: ElevationRaster; summary: ElevationRasterSummary } | { error: string };

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
};
