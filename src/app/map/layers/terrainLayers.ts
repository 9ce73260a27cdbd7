import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import { lonLatRectangle } from '../lonLatRectangle';
import type { DeckLayerInputs } from './deckLayerInputs';

type Corners = [[number, number], [number, number], [number, number], [number, number]];

/**
 * The terrain: each DEM's shaded, height-tinted image (computed in the workers), coarsest first so that finer DEMs
 * lie on top, under the population raster and the basemap's labels. A degree grid is placed with its rows on their
 * latitudes (`_imageCoordinateSystem` LNGLAT: the image is warped to Web Mercator); a projected DEM by its four
 * corners. Linear filtering: heights vary smoothly, and the 2 km grid would otherwise show as blocks.
 */
export function terrainLayers({ layers, terrain }: DeckLayerInputs): Layer[] {
  if (!layers.terrain || !terrain) return [];
  return terrain.map((entry, index) => {
    const rectangle = lonLatRectangle(entry.corners);
    return new BitmapLayer({
      id: `terrain-${index}`,
      image: entry.image,
      bounds: rectangle ?? (entry.corners as Corners),
      ...(rectangle ? { _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT } : {}),
      textureParameters: { minFilter: 'linear', magFilter: 'linear' },
      beforeId: RASTER_BEFORE_ID,
    });
  });
}
