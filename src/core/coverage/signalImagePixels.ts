/**
 * The signal raster's colours: RSRP in the standard 10 dB bins from >= -60 to < -110 dBm, in a spectral palette or a
 * colour-blind-safe one (viridis). Pure, so the worker can build the first image and the page later ones.
 */
export type SignalPalette = 'spectral' | 'colourblind';

/** Lower bound of each bin, dBm (the last bin is everything below -100 down to the signal floor). */
export const SIGNAL_BINS_DBM = [-60, -70, -80, -90, -100, -110] as const;

export const SIGNAL_PALETTES: Record<SignalPalette, Array<[number, number, number]>> = {
  spectral: [
    [26, 150, 65],
    [102, 189, 99],
    [166, 217, 106],
    [254, 224, 139],
    [253, 174, 97],
    [215, 48, 39],
  ],
  colourblind: [
    [253, 231, 37],
    [122, 209, 81],
    [34, 168, 132],
    [42, 120, 142],
    [65, 68, 135],
    [68, 1, 84],
  ],
};

export function signalBinIndex(signalDbm: number): number {
  for (let bin = 0; bin < SIGNAL_BINS_DBM.length; bin++) if (signalDbm >= SIGNAL_BINS_DBM[bin]) return bin;
  return SIGNAL_BINS_DBM.length - 1;
}

/**
 * RGBA pixels, one per analysis cell, north up: transparent where the signal is below the threshold (no service) or
 * there is no data, as coverage maps conventionally show it (painting every unserved 100 m cell would bury the map).
 */
export function signalImagePixels(
  signalDbm: Float32Array,
  cellMask: Uint8Array,
  thresholdDbm: number,
  palette: SignalPalette,
): Uint8ClampedArray<ArrayBuffer> {
  const colours = SIGNAL_PALETTES[palette];
  const pixels = new Uint8ClampedArray(signalDbm.length * 4);
  for (let i = 0; i < signalDbm.length; i++) {
    if (cellMask[i] === 0) continue;
    const value = signalDbm[i];
    if (value === Number.NEGATIVE_INFINITY || value < thresholdDbm) continue;
    const [r, g, b] = colours[signalBinIndex(value)];
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = g;
    pixels[i * 4 + 2] = b;
    pixels[i * 4 + 3] = 190;
  }
  return pixels;
}
