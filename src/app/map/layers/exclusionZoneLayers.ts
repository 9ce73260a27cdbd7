import type { Layer } from '@deck.gl/core';
import { PathLayer, PolygonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { DeckLayerInputs } from './deckLayerInputs';

/** Exclusion zones: red, translucent, so what lies under them stays readable. */
export const EXCLUSION_FILL: [number, number, number, number] = [213, 40, 40, 70];
export const EXCLUSION_LINE: [number, number, number, number] = [190, 20, 20, 255];

/** The site plan's exclusion zones, and the zone being drawn (its outline, closed from three corners, and corners). */
export function exclusionZoneLayers({ exclusion }: DeckLayerInputs): Layer[] {
  if (!exclusion) return [];
  const { zones, drawing } = exclusion;
  const result: Layer[] = [
    new PolygonLayer<number[][][]>({
      id: 'exclusion-zones',
      data: zones,
      getPolygon: (zone) => zone,
      filled: true,
      stroked: true,
      getFillColor: EXCLUSION_FILL,
      getLineColor: EXCLUSION_LINE,
      getLineWidth: 2,
      lineWidthUnits: 'pixels',
    }),
  ];
  if (drawing && drawing.length > 0) {
    result.push(
      new PathLayer<Array<[number, number]>>({
        id: 'exclusion-drawing',
        data: [drawing.length > 2 ? [...drawing, drawing[0]] : drawing],
        getPath: (path) => path,
        getColor: EXCLUSION_LINE,
        getWidth: 2,
        widthUnits: 'pixels',
      }),
      new ScatterplotLayer<[number, number]>({
        id: 'exclusion-drawing-corners',
        data: drawing,
        getPosition: (corner) => corner,
        getRadius: 5,
        radiusUnits: 'pixels',
        getFillColor: EXCLUSION_LINE,
      }),
    );
  }
  return result;
}
