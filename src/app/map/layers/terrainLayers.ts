import type { Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import type { DeckLayerInputs } from './deckLayerInputs';

/**
 * The terrain: each DEM's shaded, height-tinted image (computed in the workers), coarsest first so that finer DEMs
 * lie on top, under the population raster and the basemap's labels. Linear filtering: heights vary smoothly, and the
 * 2 km grid would otherwise show as blocks.
 */
export function terrainLayers({ layers, terrain }: DeckLayerInputs): Layer[] {
  if (!layers.terrain || !terrain) return [];
  return terrain.map(
    (entry, index) =>
      new BitmapLayer({
        id: `terrain-${index}`,
        image: entry.image,
        bounds: entry.corners as [[number, number], [number, number], [number, number], [number, number]],
        textureParameters: { minFilter: 'linear', magFilter: 'linear' },
        beforeId: RASTER_BEFORE_ID,
      }),
  );
}
