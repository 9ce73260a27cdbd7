import type { AppState } from '../store/appStore';
import { gridBounds } from './rasterImages';

/**
 * The coverage the map draws, by the coverage tab's mode: in fixed-radius mode the last fixed-radius run's bits; in
 * propagation mode the last propagation raster, and never the fixed-radius bits (a result of the other mode, drawn
 * under the propagation panel, would read as the prediction). Switching back shows the fixed-radius run again.
 */
export function shownCoverage(state: AppState): {
  coveredBits: Uint8Array | null;
  signal: { image: ImageBitmap; bounds: [number, number, number, number] } | null;
} {
  if (state.history.present.coverage.mode === 'fixed') return { coveredBits: state.coverage.coveredBits, signal: null };
  const { image, result } = state.signalRun;
  return { coveredBits: null, signal: image && result ? { image, bounds: gridBounds(result.grid) } : null };
}
