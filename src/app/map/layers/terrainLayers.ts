import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import type { DeckLayerInputs } from './deckLayerInputs';

type Corners = [[number, number], [number, number], [number, number], [number, number]];

/**
 * [west, south, east, north] when the corners (bottom-left, top-left, top-right, bottom-right) are a lon/lat
 * rectangle, as for every degree grid; null for a projected DEM's quadrilateral.
 */
function lonLatRectangle(corners: [number, number][]): [number, number, number, number] | null {
  const [bottomLeft, topLeft, topRight, bottomRight] = corners;
  const rectangle =
    bottomLeft[0] === topLeft[0] &&
    topRight[0] === bottomRight[0] &&
    bottomLeft[1] === bottomRight[1] &&
    topLeft[1] === topRight[1];
  return rectangle ? [bottomLeft[0], bottomLeft[1], topRight[0], topRight[1]] : null;
}

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
