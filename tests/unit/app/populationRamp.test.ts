import { describe, expect, it } from 'vitest';
import type { DeckLayerInputs } from '../../../src/app/map/layers/deckLayerInputs';
import { populationRamp } from '../../../src/app/map/layers/populationLayers';

const layers = {
  towers: true,
  backbone: true,
  population: true,
  communes: false,
  coverage: true,
  terrain: false,
  pairs: true,
};
const noCoverage = { coveredBits: null } as DeckLayerInputs['coverage'];
const fixedRadius = { coveredBits: new Uint8Array(4) } as DeckLayerInputs['coverage'];

describe('the population ramp', () => {
  it('is the colour ramp while no coverage is drawn over it', () => {
    expect(populationRamp({ layers, coverage: noCoverage, signal: null })).toBe('colour');
  });

  it('turns grey under the fixed-radius bits or the signal raster, so their reds are not read as people', () => {
    expect(populationRamp({ layers, coverage: fixedRadius, signal: null })).toBe('grey');
    expect(populationRamp({ layers, coverage: noCoverage, signal: {} })).toBe('grey');
  });

  it('is the colour ramp again when the coverage layer is switched off', () => {
    expect(populationRamp({ layers: { ...layers, coverage: false }, coverage: fixedRadius, signal: {} })).toBe(
      'colour',
    );
  });
});
