import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { BitmapLayer, ScatterplotLayer } from '@deck.gl/layers';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import { lonLatRectangle } from '../lonLatRectangle';
import type { DeckLayerInputs } from './deckLayerInputs';

type Corners = [[number, number], [number, number], [number, number], [number, number]];

/**
 * The viewshed: one pixel per DEM cell (visible green, hidden faint grey, outside the radius transparent), placed like
 * the terrain's images, over the terrain and the coverage and under the basemap's labels. Nearest filtering: each
 * cell is seen or not, and blending neighbours would blur the edge. The custom point picked for a viewshed is a
 * white dot ringed in black (`viewshed-point`).
 */
export function viewshedLayers({ viewshed, terrainPoint }: DeckLayerInputs): Layer[] {
  const layers: Layer[] = [];
  if (viewshed && viewshed.corners.length === 4) {
    const rectangle = lonLatRectangle(viewshed.corners);
    layers.push(
      new BitmapLayer({
        id: 'viewshed',
        image: viewshed.image,
        bounds: rectangle ?? (viewshed.corners as Corners),
        ...(rectangle ? { _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT } : {}),
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        beforeId: RASTER_BEFORE_ID,
      }),
    );
  }
  if (terrainPoint) {
    layers.push(
      new ScatterplotLayer<[number, number]>({
        id: 'viewshed-point',
        data: [terrainPoint],
        getPosition: (point) => point,
        getFillColor: [255, 255, 255],
        getLineColor: [0, 0, 0],
        getRadius: 6,
        getLineWidth: 2,
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        stroked: true,
      }),
    );
  }
  return layers;
}
