import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../../core/model/operators';
import { isSharedMastAt } from '../../../core/model/towerArrays';
import { MAST_RADIUS_PX, SHARED_MAST_RADIUS_PX, towerLayerData } from '../towerLayerData';
import type { DeckLayerInputs } from './deckLayerInputs';

/** The masts in the window (`towers`, pickable) and the selected mast on top of them (`tower-selected`). */
export function towerLayers({
  dataset,
  layers,
  selectedTowerIndex,
  towerWindow,
  choropleth,
}: DeckLayerInputs): Layer[] {
  // The national view shows the country, not this province's masts over it (the drill-down draws its own).
  if (!layers.towers || choropleth) return [];
  // Binary attributes of the masts in the window: see towerLayerData. A picked index is a position in that data.
  const towers = towerLayerData(dataset.towerArrays, towerWindow);
  const result: Layer[] = [
    new ScatterplotLayer({
      id: 'towers',
      data: {
        length: towers.length,
        attributes: {
          getPosition: { value: towers.positions, size: 2 },
          getFillColor: { value: towers.fillColors, size: 4 },
          getRadius: { value: towers.radiiPx, size: 1 },
        },
      },
      getLineColor: [255, 255, 255],
      getLineWidth: 1,
      radiusUnits: 'pixels',
      lineWidthUnits: 'pixels',
      stroked: true,
      pickable: true,
    }),
  ];
  if (selectedTowerIndex !== null && selectedTowerIndex < dataset.towerArrays.count) {
    const { lon, lat, ownerIndex, operatorNames } = dataset.towerArrays;
    const shared = isSharedMastAt(dataset.towerArrays, selectedTowerIndex);
    // The selected mast on top of all others, outlined in black; not pickable, so a click reaches the masts layer.
    result.push(
      new ScatterplotLayer<number>({
        id: 'tower-selected',
        data: [selectedTowerIndex],
        getPosition: (i) => [lon[i], lat[i]],
        getFillColor: shared ? SHARED_MAST_COLOR_RGB : operatorColorRgb(operatorNames[ownerIndex[selectedTowerIndex]]),
        getLineColor: [0, 0, 0],
        getRadius: shared ? SHARED_MAST_RADIUS_PX : MAST_RADIUS_PX,
        getLineWidth: 3,
        radiusUnits: 'pixels',
        lineWidthUnits: 'pixels',
        stroked: true,
      }),
    );
  }
  return result;
}
