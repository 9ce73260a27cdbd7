import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { BitmapLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { SiteReachCells } from '../../../core/siting/siteReachCells';
import { type SiteReachImage, siteReachImage } from '../../sharing/siteReachImage';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import type { DeckLayerInputs } from './deckLayerInputs';

// The reach image of the last plan drawn, reused while the plan and the selected site stay the same.
let reachCache: { reach: SiteReachCells; selected: number | null; image: SiteReachImage | null } | null = null;

function cachedReachImage(reach: SiteReachCells, selected: number | null): SiteReachImage | null {
  if (reachCache?.reach !== reach || reachCache.selected !== selected) {
    reachCache = { reach, selected, image: siteReachImage(reach, selected) };
  }
  return reachCache.image;
}

/**
 * The sharing tab's site plan: each proposed site's reach (a circle of the site radius; on predicted signal, the cells
 * its prediction reaches, the selected site's darker), the site itself (pickable, larger when selected, draggable) and
 * its rank. A site being dragged is drawn where the pointer is.
 */
export function proposedSiteLayers({ plan: shown }: DeckLayerInputs): Layer[] {
  if (!shown) return [];
  const { result: plan, selectedIndex, siteRadiusM, drag } = shown;
  const sitePosition = (site: { lon: number; lat: number }, index: number): [number, number] =>
    drag && index === drag.index ? [drag.lon, drag.lat] : [site.lon, site.lat];
  const dragTrigger = drag ? [drag.index, drag.lon, drag.lat] : null;
  const reachImage = plan.reach ? cachedReachImage(plan.reach, selectedIndex) : null;
  const reach: Layer | null = plan.reach
    ? reachImage &&
      new BitmapLayer({
        id: 'proposed-site-reach',
        image: reachImage.image,
        bounds: reachImage.bounds,
        _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        beforeId: RASTER_BEFORE_ID,
      })
    : new ScatterplotLayer({
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
      });
  return [
    ...(reach ? [reach] : []),
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
