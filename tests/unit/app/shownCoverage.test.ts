import { describe, expect, it } from 'vitest';
import { shownCoverage } from '../../../src/app/map/shownCoverage';
import { setCoverageSetting, useAppStore } from '../../../src/app/store/appStore';

describe('shownCoverage', () => {
  it('draws the fixed-radius run in fixed-radius mode only, and never under the propagation panel', () => {
    const bits = new Uint8Array([1, 0, 1]);
    useAppStore.setState({ coverage: { ...useAppStore.getState().coverage, coveredBits: bits, status: 'done' } });
    setCoverageSetting('mode', 'fixed');
    expect(shownCoverage(useAppStore.getState())).toEqual({ coveredBits: bits, signal: null });

    // Propagation mode with no run: nothing, not the other mode's result.
    setCoverageSetting('mode', 'signal');
    expect(shownCoverage(useAppStore.getState())).toEqual({ coveredBits: null, signal: null });

    // Back to fixed radius: the run is still there and drawn again.
    setCoverageSetting('mode', 'fixed');
    expect(shownCoverage(useAppStore.getState()).coveredBits).toBe(bits);
  });
});
