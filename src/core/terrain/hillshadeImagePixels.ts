/** Colours of ground heights from low to high (a hypsometric tint: lowland green, hills tan, mountains brown, white). */
export const ELEVATION_RAMP: ReadonlyArray<[number, [number, number, number]]> = [
  [0, [166, 206, 150]],
  [0.2, [219, 214, 153]],
  [0.45, [196, 160, 110]],
  [0.75, [150, 110, 80]],
  [1, [245, 242, 238]],
];

/** Opacity of the tinted, shaded ground, 0..255: light enough for the basemap's roads and names to stay readable. */
const GROUND_ALPHA = 150;

/** The ramp's colour at t in 0..1, linearly interpolated. */
export function elevationRampColour(t: number): [number, number, number] {
  const clamped = Math.min(Math.max(t, 0), 1);
  for (let stop = 1; stop < ELEVATION_RAMP.length; stop++) {
    const [upper, high] = ELEVATION_RAMP[stop];
    if (clamped > upper) continue;
    const [lower, low] = ELEVATION_RAMP[stop - 1];
    const f = upper > lower ? (clamped - lower) / (upper - lower) : 0;
    return [
      Math.round(low[0] + f * (high[0] - low[0])),
      Math.round(low[1] + f * (high[1] - low[1])),
      Math.round(low[2] + f * (high[2] - low[2])),
    ];
  }
  return ELEVATION_RAMP[ELEVATION_RAMP.length - 1][1];
}

/**
 * RGBA pixels, one per DEM sample, north up: the height's colour on the ramp from `rangeM[0]` to `rangeM[1]`,
 * darkened or lightened by the illumination (flat ground, sin(altitude), keeps the ramp's colour), partly transparent.
 * Voids and ground at or below 0 m (the sea of SRTM30_PLUS, which stores the ocean as 0) are transparent, so the
 * basemap's sea shows through. Several DEMs drawn with the same range get the same colours.
 */
export function hillshadeImagePixels(
  heightsM: Float32Array,
  illumination: Float32Array,
  rangeM: readonly [number, number],
  flatIllumination: number,
): Uint8ClampedArray<ArrayBuffer> {
  const pixels = new Uint8ClampedArray(heightsM.length * 4);
  const span = rangeM[1] > rangeM[0] ? rangeM[1] - rangeM[0] : 1;
  for (let i = 0; i < heightsM.length; i++) {
    const heightM = heightsM[i];
    const light = illumination[i];
    if (!(heightM > 0) || Number.isNaN(light)) continue;
    const [r, g, b] = elevationRampColour((heightM - rangeM[0]) / span);
    // 0.45 in full shadow, 1 on flat ground, up to about 1.3 on slopes facing the light.
    const factor = Math.max(0.45, Math.min(1.35, 0.45 + (0.55 * light) / flatIllumination));
    pixels[i * 4] = r * factor;
    pixels[i * 4 + 1] = g * factor;
    pixels[i * 4 + 2] = b * factor;
    pixels[i * 4 + 3] = GROUND_ALPHA;
  }
  return pixels;
}
