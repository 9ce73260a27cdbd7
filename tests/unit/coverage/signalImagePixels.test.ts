import { describe, expect, it } from 'vitest';
import { SIGNAL_GAP_RGB, SIGNAL_PALETTES, signalImagePixels } from '../../../src/core/coverage/signalImagePixels';

// Four cells: served at -65 dBm, unserved where people live, unserved where nobody lives, outside the mask.
const signalDbm = new Float32Array([-65, Number.NEGATIVE_INFINITY, -130, -65]);
const cellMask = new Uint8Array([1, 1, 1, 0]);
const gapShown = new Uint8Array([1, 1, 0, 1]);
const pixel = (pixels: Uint8ClampedArray, i: number) => [...pixels.slice(i * 4, i * 4 + 4)];

describe('signalImagePixels', () => {
  it('paints served cells in their bin, unserved cells where people live in the gap colour, the rest transparent', () => {
    const pixels = signalImagePixels(signalDbm, cellMask, -110, 'spectral', gapShown);
    expect(pixel(pixels, 0)).toEqual([...SIGNAL_PALETTES.spectral[1], 190]);
    expect(pixel(pixels, 1)).toEqual([...SIGNAL_GAP_RGB, 190]);
    expect(pixel(pixels, 2)).toEqual([0, 0, 0, 0]);
    expect(pixel(pixels, 3)).toEqual([0, 0, 0, 0]);
  });

  it('leaves every unserved cell transparent without the cells where gaps show', () => {
    const pixels = signalImagePixels(signalDbm, cellMask, -110, 'colourblind');
    expect(pixel(pixels, 0)).toEqual([...SIGNAL_PALETTES.colourblind[1], 190]);
    expect(pixel(pixels, 1)).toEqual([0, 0, 0, 0]);
  });

  it('uses a gap colour that neither palette has', () => {
    for (const palette of Object.values(SIGNAL_PALETTES)) {
      for (const rgb of palette) {
        expect(Math.max(...rgb.map((value, i) => Math.abs(value - SIGNAL_GAP_RGB[i])))).toBeGreaterThan(60);
      }
    }
  });
});
