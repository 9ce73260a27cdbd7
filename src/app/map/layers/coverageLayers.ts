import { COORDINATE_SYSTEM, type Layer } from '@deck.gl/core';
import { BitmapLayer } from '@deck.gl/layers';
import { operatorColorRgb } from '../../../core/model/operators';
import { RASTER_BEFORE_ID } from '../basemapStyle';
import { coverageImage, gridBounds } from '../rasterImages';
import type { DeckLayerInputs } from './deckLayerInputs';

// The image of the last coverage drawn, reused while the dataset, the bits and the view stay the same.
let coverageCanvasCache: { key: unknown[]; canvas: HTMLCanvasElement } | null = null;

function cachedCoverageCanvas(inputs: DeckLayerInputs, bits: Uint8Array): HTMLCanvasElement {
  const { dataset, coverageView } = inputs;
  const key = [dataset, bits, coverageView];
  if (coverageCanvasCache?.key.every((part, i) => part === key[i])) {
    return coverageCanvasCache.canvas;
  }
  const names = dataset.towerArrays.operatorNames;
  const viewIndex = names.indexOf(coverageView);
  const bitMask = viewIndex >= 0 ? 1 << viewIndex : 0xff;
  const rgb: [number, number, number] = viewIndex >= 0 ? operatorColorRgb(coverageView) : [0, 140, 70];
  const canvas = coverageImage(dataset.population, bits, bitMask, rgb);
  coverageCanvasCache = { key, canvas };
  return canvas;
}

/**
 * The coverage tab's result: the propagation raster (`signal`, pickable for the hover readout) when there is one, else
 * the fixed-radius coverage bits (`coverage`) in the colour of the operator viewed.
 */
export function coverageLayers(inputs: DeckLayerInputs): Layer[] {
  const { dataset, layers, coverage, signal } = inputs;
  if (layers.coverage && signal) {
    return [
      new BitmapLayer({
        id: 'signal',
        image: signal.image,
        bounds: signal.bounds,
        _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        pickable: true,
        beforeId: RASTER_BEFORE_ID,
      }),
    ];
  }
  if (layers.coverage && coverage.coveredBits) {
    return [
      new BitmapLayer({
        id: 'coverage',
        image: cachedCoverageCanvas(inputs, coverage.coveredBits),
        bounds: gridBounds(dataset.population),
        _imageCoordinateSystem: COORDINATE_SYSTEM.LNGLAT,
        textureParameters: { minFilter: 'nearest', magFilter: 'nearest' },
        beforeId: RASTER_BEFORE_ID,
      }),
    ];
  }
  return [];
}
