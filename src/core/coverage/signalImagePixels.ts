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

/**
 * Unserved cells where people live: a magenta that neither palette uses (spectral's weakest bin is red, the
 * colour-blind one's dark purple), so that at a province's zoom, where a 100 m cell is a third of a pixel and the
 * served halos around masts are a few pixels, the gaps read as areas, as the fixed-radius coverage shows them.
 */
export const SIGNAL_GAP_RGB: [number, number, number] = [197, 27, 125];

/**
 * The gaps painted are where at least this many people live per km²: on the demo province, cells below it are 74% of
 * the populated land and 9.5% of the people (WorldPop 2020), mountains whose few people would paint most of the map
 * magenta and hide where the gaps that matter are. The figures count every person; the legend says what is painted.
 */
export const SIGNAL_GAP_MIN_PEOPLE_PER_KM2 = 100;

export function signalBinIndex(signalDbm: number): number {
  for (let bin = 0; bin < SIGNAL_BINS_DBM.length; bin++) if (signalDbm >= SIGNAL_BINS_DBM[bin]) return bin;
  return SIGNAL_BINS_DBM.length - 1;
}

/**
 * RGBA pixels, one per analysis cell, north up. Served cells in their bin's colour; unserved cells marked in `gapShown`
 * (when given: where people live, SIGNAL_GAP_MIN_PEOPLE_PER_KM2) in SIGNAL_GAP_RGB; transparent elsewhere below the
 * threshold, or without data, as coverage maps conventionally show it (painting every unserved 100 m cell would bury
 * the map).
 */
export function signalImagePixels(
  signalDbm: Float32Array,
  cellMask: Uint8Array,
  thresholdDbm: number,
  palette: SignalPalette,
  gapShown: Uint8Array | null = null,
): Uint8ClampedArray<ArrayBuffer> {
  const colours = SIGNAL_PALETTES[palette];
  const pixels = new Uint8ClampedArray(signalDbm.length * 4);
  for (let i = 0; i < signalDbm.length; i++) {
    if (cellMask[i] === 0) continue;
    const value = signalDbm[i];
    const served = value !== Number.NEGATIVE_INFINITY && value >= thresholdDbm;
    if (!served && gapShown?.[i] !== 1) continue;
    const [r, g, b] = served ? colours[signalBinIndex(value)] : SIGNAL_GAP_RGB;
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = g;
    pixels[i * 4 + 2] = b;
    pixels[i * 4 + 3] = 190;
  }
  return pixels;
}
