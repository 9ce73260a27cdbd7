import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import { gridBounds, populationImage } from '../rasterImages';
import type { DeckLayerInputs } from './deckLayerInputs';

// One image per population grid, built once and reused across renders.
const populationCanvasCache = new WeakMap<object, HTMLCanvasElement>();

/** The population grid as a raster, under the basemap's labels. */
export function populationLayers({ dataset, layers }: DeckLayerInputs): Layer[] {
  if (!layers.population) return [];
  const grid = dataset.population;
  let canvas = populationCanvasCache.get(grid);
  if (!canvas) {
    canvas = populationImage(grid);
    populationCanvasCache.set(grid, canvas);
  }
  return [
    new BitmapLayer({
      id: 'population',
      image: canvas,
      bounds: gridBounds(grid),
      _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
      textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
      beforeId: RASTER_BEFORE_ID,
    }),
  ];
}
