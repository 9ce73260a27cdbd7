import type { StyleSpecification } from 'maplibre-gl';
import type { ProvinceDataset } from '../data/provinceDataset';

/**
 * An offline basemap drawn from the boundary data itself (no tile server is reachable): sea, the 34 provinces of Việt Nam
 * (with the Hoàng Sa and Trường Sa archipelagos), the province in focus, its communes and the fibre backbone.
 * deck.gl layers are slotted in between with `beforeId` (see buildDeckLayers).
 */
export function basemapStyle(dataset: ProvinceDataset): StyleSpecification {
  return {
    version: 8,
    sources: {
      provinces: { type: 'geojson', data: dataset.provinces },
      province: { type: 'geojson', data: dataset.province },
      communes: { type: 'geojson', data: dataset.communes },
      backbone: { type: 'geojson', data: dataset.backbone },
    },
    layers: [
      { id: 'sea', type: 'background', paint: { 'background-color': '#d4e6f1' } },
      { id: 'provinces-fill', type: 'fill', source: 'provinces', paint: { 'fill-color': '#f3f0e8' } },
      { id: 'province-fill', type: 'fill', source: 'province', paint: { 'fill-color': '#fbfaf6' } },
      {
        id: 'provinces-line',
        type: 'line',
        source: 'provinces',
        paint: { 'line-color': '#a59f92', 'line-width': 0.8 },
      },
      {
        id: 'communes-line',
        type: 'line',
        source: 'communes',
        layout: { visibility: 'none' },
        paint: { 'line-color': '#7d7a73', 'line-width': 0.5, 'line-dasharray': [2, 2] },
      },
      {
        id: 'province-line',
        type: 'line',
        source: 'province',
        paint: { 'line-color': '#3b3a36', 'line-width': 2 },
      },
      {
        id: 'backbone-road',
        type: 'line',
        source: 'backbone',
        filter: ['!=', ['get', 'kind'], 'rail'],
        paint: { 'line-color': '#6a3d9a', 'line-width': ['interpolate', ['linear'], ['zoom'], 6, 1.5, 12, 4] },
      },
      {
        id: 'backbone-rail',
        type: 'line',
        source: 'backbone',
        filter: ['==', ['get', 'kind'], 'rail'],
        paint: { 'line-color': '#222222', 'line-width': 1.5, 'line-dasharray': [3, 2] },
      },
    ],
  };
}

export const BACKBONE_LAYER_IDS = ['backbone-road', 'backbone-rail'];
export const COMMUNE_LAYER_IDS = ['communes-line'];
/** deck.gl rasters go below this basemap layer, so boundaries and roads stay readable on top of them. */
export const RASTER_BEFORE_ID = 'provinces-line';
