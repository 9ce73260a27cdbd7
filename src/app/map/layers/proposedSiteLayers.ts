import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { DeckLayerInputs } from './deckLayerInputs';

/**
 * The sharing tab's site plan: each proposed site's reach (a circle of the site radius), the site itself (pickable,
 * larger when selected, draggable) and its rank. A site being dragged is drawn where the pointer is.
 */
export function proposedSiteLayers({ plan: shown }: DeckLayerInputs): Layer[] {
  if (!shown) return [];
  const { result: plan, selectedIndex, siteRadiusM, drag } = shown;
  const sitePosition = (site: { lon: number; lat: number }, index: number): [number, number] =>
    drag && index === drag.index ? [drag.lon, drag.lat] : [site.lon, site.lat];
  const dragTrigger = drag ? [drag.index, drag.lon, drag.lat] : null;
  return [
    new ScatterplotLayer({
      id: 'proposed-site-reach',
      updateTriggers: { getPosition: dragTrigger },
      data: plan.sites,
      getPosition: (site, { index }) => sitePosition(site, index),
      getRadius: siteRadiusM,
      radiusUnits: 'meters',
      filled: true,
      stroked: true,
      getFillColor: [86, 180, 233, 45],
      getLineColor: [0, 60, 120, 200],
      getLineWidth: 1.5,
      lineWidthUnits: 'pixels',
    }),
    new ScatterplotLayer({
      id: 'proposed-sites',
      data: plan.sites,
      getPosition: (site, { index }) => sitePosition(site, index),
      getRadius: (_site, { index }) => (index === selectedIndex ? 10 : 7),
      radiusUnits: 'pixels',
      getFillColor: [0, 0, 0],
      getLineColor: [86, 180, 233],
      getLineWidth: 3,
      lineWidthUnits: 'pixels',
      stroked: true,
      updateTriggers: { getRadius: selectedIndex, getPosition: dragTrigger },
      pickable: true,
    }),
    new TextLayer({
      id: 'proposed-site-ranks',
      updateTriggers: { getPosition: dragTrigger },
      data: plan.sites,
      getPosition: (site, { index }) => sitePosition(site, index),
      getText: (_site, { index }) => String(index + 1),
      getSize: 11,
      getColor: [255, 255, 255],
      fontWeight: 700,
    }),
  ];
}
