import type { Layer } from '@deck.gl/core';
import { LineLayer } from '@deck.gl/layers';
import type { DeckLayerInputs } from './deckLayerInputs';

/** Clears 60 % of F1: green; a line of sight inside the zone: amber; obstructed: red. */
const LINK_COLOURS_RGB = {
  clearsF1: [0, 150, 70],
  lineOfSight: [230, 150, 0],
  obstructed: [210, 40, 40],
} as const;

/**
 * The microwave link whose profile the inspect panel shows, as a straight line between its masts, coloured by its
 * clearance (a great circle differs from this line by centimetres over a hop's tens of kilometres). Under the masts,
 * so that they stay on top and clickable.
 */
export function linkProfileLayers({ link }: DeckLayerInputs): Layer[] {
  if (!link) return [];
  return [
    new LineLayer<NonNullable<DeckLayerInputs['link']>>({
      id: 'link-profile',
      data: [link],
      getSourcePosition: (entry) => entry.from,
      getTargetPosition: (entry) => entry.to,
      getColor: (entry) => [...LINK_COLOURS_RGB[entry.clearance], 230],
      getWidth: 4,
      widthUnits: 'pixels',
    }),
  ];
}
