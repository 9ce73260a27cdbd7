import type { Layer } from '@deck.gl/core';
import { LineLayer } from '@deck.gl/layers';
import { pairLayerData } from '../pairLayerData';
import type { DeckLayerInputs } from './deckLayerInputs';

/** The sharing tab's co-location pairs: a line between two operators' masts within the sharing distance. */
export function colocationLayers({ dataset, pairs, towerWindow, layers }: DeckLayerInputs): Layer[] {
  if (!layers.pairs || !pairs || pairs.count === 0) return [];
  const data = pairLayerData(dataset.towerArrays, pairs, towerWindow);
  return [
    new LineLayer({
      id: 'colocation-pairs',
      data: {
        length: data.length,
        attributes: {
          getSourcePosition: { value: data.sourcePositions, size: 2 },
          getTargetPosition: { value: data.targetPositions, size: 2 },
        },
      },
      getColor: [20, 20, 20, 230],
      getWidth: 3,
      widthUnits: 'pixels',
    }),
  ];
}
