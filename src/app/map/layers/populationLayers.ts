import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import { gridBounds, type PopulationRamp, populationImage } from '../rasterImages';
import type { DeckLayerInputs } from './deckLayerInputs';

// One image per population grid and ramp, built once and reused across renders.
const populationCanvasCache: Record<PopulationRamp, WeakMap<object, HTMLCanvasElement>> = {
  colour: new WeakMap(),
  grey: new WeakMap(),
};

/**
 * The population's ramp: grey while a coverage layer (the signal raster or the fixed-radius bits, see coverageLayers)
 * is drawn over it, so that its yellow-to-red does not clash with the signal bins and the gaps. The layer panel's
 * legend asks the same question of the store (`populationRampShown`).
 */
export function populationRamp({
  layers,
  signal,
  coverage,
}: Pick<DeckLayerInputs, 'layers' | 'coverage'> & { signal: unknown }): PopulationRamp {
  return layers.coverage && (signal !== null || coverage.coveredBits !== null) ? 'grey' : 'colour';
}

/** The population grid as a raster, under the basemap's labels. */
export function populationLayers(inputs: DeckLayerInputs): Layer[] {
  const { dataset, layers } = inputs;
  if (!layers.population) return [];
  const grid = dataset.population;
  const ramp = populationRamp(inputs);
  let canvas = populationCanvasCache[ramp].get(grid);
  if (!canvas) {
    canvas = populationImage(grid, ramp);
    populationCanvasCache[ramp].set(grid, canvas);
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
