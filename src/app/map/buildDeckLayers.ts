import type { Layer } from '@deck.gl/core';
import { colocationLayers } from './layers/colocationLayers';
import { coverageLayers } from './layers/coverageLayers';
import type { DeckLayerInputs } from './layers/deckLayerInputs';
import { exclusionZoneLayers } from './layers/exclusionZoneLayers';
import { linkProfileLayers } from './layers/linkProfileLayers';
import { populationLayers } from './layers/populationLayers';
import { proposedSiteLayers } from './layers/proposedSiteLayers';
import { publishedSiteLayers } from './layers/publishedSiteLayers';
import { readinessChoroplethLayers } from './layers/readinessChoroplethLayers';
import { sovereigntyLabelLayers } from './layers/sovereigntyLabelLayers';
import { terrainLayers } from './layers/terrainLayers';
import { towerLayers } from './layers/towerLayers';
import { viewshedLayers } from './layers/viewshedLayers';

/**
 * The layer groups in draw order, bottom first. The rasters (choropleth, terrain, population, coverage, viewshed) go under the
 * basemap's labels (`beforeId`); the rest on top, the sovereignty labels last. Each group returns no layer when hidden.
 */
const LAYER_GROUPS: ReadonlyArray<(inputs: DeckLayerInputs) => Layer[]> = [
  readinessChoroplethLayers,
  terrainLayers,
  populationLayers,
  coverageLayers,
  viewshedLayers,
  linkProfileLayers,
  towerLayers,
  colocationLayers,
  exclusionZoneLayers,
  publishedSiteLayers,
  proposedSiteLayers,
  sovereigntyLabelLayers,
];

/** The deck.gl layers for the current state: a pure function of its inputs. */
export function buildDeckLayers(inputs: DeckLayerInputs): Layer[] {
  return LAYER_GROUPS.flatMap((group) => group(inputs));
}
