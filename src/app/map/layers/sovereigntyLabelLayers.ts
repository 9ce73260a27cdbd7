import type { Layer } from '@deck.gl/core';
import { TextLayer } from '@deck.gl/layers';
import type { DeckLayerInputs } from './deckLayerInputs';

/** Label anchors placed just off the islands so the text does not hide them. */
export const ARCHIPELAGO_LABELS = [
  { position: [111.9, 15.8], vi: 'Quần đảo Hoàng Sa (Việt Nam)', en: 'Hoàng Sa archipelago (Việt Nam)' },
  { position: [114.3, 10.2], vi: 'Quần đảo Trường Sa (Việt Nam)', en: 'Trường Sa archipelago (Việt Nam)' },
];

/** The Hoàng Sa and Trường Sa archipelagos named as Việt Nam's, in the page's language, always drawn, on top. */
export function sovereigntyLabelLayers({ language }: DeckLayerInputs): Layer[] {
  return [
    new TextLayer({
      id: 'sovereignty-labels',
      data: ARCHIPELAGO_LABELS,
      getPosition: (d) => d.position as [number, number],
      getText: (d) => d[language],
      getSize: 13,
      getColor: [20, 50, 110],
      characterSet: 'auto',
      fontFamily: 'system-ui, "Noto Sans", "DejaVu Sans", sans-serif',
      outlineWidth: 3,
      outlineColor: [255, 255, 255],
      fontSettings: { sdf: true },
      updateTriggers: { getText: language },
    }),
  ];
}
