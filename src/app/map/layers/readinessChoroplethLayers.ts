import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { BitmapLayer, GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import { choroplethColour } from '../../ministry/choroplethColours';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import type { DeckLayerInputs } from './deckLayerInputs';

/**
 * The ministry tab's provinces coloured by the chosen readiness KPI, the selected province outlined in red, its
 * coverage cell by cell over the fill (5G, 4G only, people without signal), and its masts of the national (synthetic)
 * set on top: owners' colours, shared masts yellow, as on the province's own map.
 */
export function readinessChoroplethLayers({ dataset, choropleth }: DeckLayerInputs): Layer[] {
  if (!choropleth) return [];
  const { masts, coverage } = choropleth;
  return [
    choroplethLayer(dataset, choropleth),
    ...(coverage
      ? [
          new BitmapLayer({
            id: 'readiness-province-coverage',
            image: coverage.image,
            bounds: coverage.bounds,
            _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
            textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
            beforeId: RASTER_BEFORE_ID,
          }),
        ]
      : []),
    ...(masts
      ? [
          new ScatterplotLayer({
            id: 'readiness-province-masts',
            data: {
              length: masts.count,
              attributes: {
                getPosition: { value: masts.positions, size: 2 },
                getFillColor: { value: masts.colors, size: 4, normalized: true },
              },
            },
            getRadius: 3,
            radiusUnits: 'pixels',
            radiusMinPixels: 2,
            getLineColor: [255, 255, 255],
            getLineWidth: 0.5,
            lineWidthUnits: 'pixels',
            stroked: true,
          }),
        ]
      : []),
  ];
}

function choroplethLayer(
  dataset: DeckLayerInputs['dataset'],
  choropleth: NonNullable<DeckLayerInputs['choropleth']>,
): Layer {
  return new GeoJsonLayer({
    id: 'readiness-choropleth',
    data: dataset.provinces,
    filled: true,
    stroked: true,
    pickable: true,
    getFillColor: (feature) =>
      [...choroplethColour(choropleth.kpi, choropleth.valueByCode[String(feature.properties?.code)] ?? null), 210] as [
        number,
        number,
        number,
        number,
      ],
    getLineColor: (feature) =>
      feature.properties?.code === choropleth.selectedCode ? [255, 0, 0, 255] : [255, 255, 255, 200],
    getLineWidth: (feature) => (feature.properties?.code === choropleth.selectedCode ? 3 : 1),
    lineWidthUnits: 'pixels',
    updateTriggers: {
      getFillColor: [choropleth.kpi, choropleth.valueByCode],
      getLineColor: choropleth.selectedCode,
      getLineWidth: choropleth.selectedCode,
    },
    beforeId: RASTER_BEFORE_ID,
  });
}
