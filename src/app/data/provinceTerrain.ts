import { buildElevationMosaic, type ElevationMosaic } from '../../core/terrain/buildElevationMosaic';
import type { ElevationRaster } from '../../core/terrain/elevationRaster';

/** The province's ground heights: the DEMs on screen, the mosaic the hover readout samples, where they come from. */
export interface ProvinceTerrain {
  /** In the order they were added: the demo's, then imported files. */
  rasters: ElevationRaster[];
  /** Finest first: where several DEMs cover a point the finest wins; a point whose samples are all voids asks the next. */
  mosaic: ElevationMosaic;
  /** The rasters that came with the demo (SRTM30_PLUS and SRTM, public domain); the others were imported. */
  demoRasters: readonly ElevationRaster[];
  /** Lowest and highest height of all the rasters, metres (the legend and the colour ramp); null with no height. */
  rangeM: [number, number] | null;
}

/** The terrain of these rasters; `demoRasters` are those that came with the demo. */
export function buildProvinceTerrain(
  rasters: ElevationRaster[],
  demoRasters: readonly ElevationRaster[],
): ProvinceTerrain {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const raster of rasters) {
    for (const value of raster.heightsM) {
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return {
    rasters,
    mosaic: buildElevationMosaic(rasters, { allVoidStencil: 'next-dem' }),
    demoRasters,
    rangeM: min <= max ? [min, max] : null,
  };
}

/** The rasters in draw order, coarsest first, so that finer DEMs lie on top. */
export function rastersCoarseFirst(terrain: ProvinceTerrain): ElevationRaster[] {
  return terrain.mosaic.layers.map((layer) => layer.raster).reverse();
}

/** The dataset with `imported` rasters added to its terrain after the demo's (those saved in the browser, say). */
export function withImportedRasters<Dataset extends { terrain: ProvinceTerrain }>(
  dataset: Dataset,
  imported: readonly ElevationRaster[],
): Dataset {
  if (imported.length === 0) return dataset;
  const { demoRasters } = dataset.terrain;
  return { ...dataset, terrain: buildProvinceTerrain([...demoRasters, ...imported], demoRasters) };
}
