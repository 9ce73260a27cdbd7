import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { DeckLayerInputs } from './deckLayerInputs';

/** The requests tab's proposed sites of published plans: white rings in blue, labelled with their ids. */
export function publishedSiteLayers({ publishedSites }: DeckLayerInputs): Layer[] {
  if (!publishedSites || publishedSites.length === 0) return [];
  return [
    new ScatterplotLayer<{ lon: number; lat: number; id: string }>({
      id: 'published-sites',
      data: publishedSites,
      getPosition: (site) => [site.lon, site.lat],
      getRadius: 9,
      radiusUnits: 'pixels',
      getFillColor: [255, 255, 255],
      getLineColor: [0, 90, 170],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      stroked: true,
    }),
    new TextLayer<{ lon: number; lat: number; id: string }>({
      id: 'published-site-ids',
      data: publishedSites,
      getPosition: (site) => [site.lon, site.lat],
      getText: (site) => site.id,
      getSize: 12,
      getColor: [0, 60, 130],
      getPixelOffset: [0, -18],
      fontWeight: 700,
      outlineWidth: 3,
      outlineColor: [255, 255, 255],
      fontSettings: { sdf: true },
    }),
  ];
}
