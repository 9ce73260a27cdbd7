import { isNodata, type PopulationGrid } from '../../core/model/populationGrid';

/** Sequential ramp for people per cell (log scale), light to dark; transparent where there is nobody or no data. */
const POPULATION_RAMP: Array<[number, [number, number, number]]> = [
  [1, [255, 255, 204]],
  [10, [255, 237, 160]],
  [50, [254, 217, 118]],
  [200, [254, 178, 76]],
  [1000, [253, 141, 60]],
  [3000, [240, 59, 32]],
  [10000, [189, 0, 38]],
];

/**
 * The same thresholds in greys, light to dark: the population under a coverage layer, whose red, orange and yellow
 * signal bins and red gaps would otherwise be read as people (and people as signal).
 */
const POPULATION_GREY_RAMP: Array<[number, [number, number, number]]> = [
  [1, [236, 236, 236]],
  [10, [214, 214, 214]],
  [50, [189, 189, 189]],
  [200, [160, 160, 160]],
  [1000, [126, 126, 126]],
  [3000, [92, 92, 92]],
  [10000, [58, 58, 58]],
];

export const POPULATION_LEGEND = POPULATION_RAMP;

export type PopulationRamp = 'colour' | 'grey';

export const POPULATION_LEGENDS: Record<PopulationRamp, Array<[number, [number, number, number]]>> = {
  colour: POPULATION_RAMP,
  grey: POPULATION_GREY_RAMP,
};

function rampColour(ramp: Array<[number, [number, number, number]]>, value: number): [number, number, number] {
  let colour = ramp[0][1];
  for (const [threshold, rgb] of ramp) if (value >= threshold) colour = rgb;
  return colour;
}

export function canvasFromPixels(
  width: number,
  height: number,
  pixels: Uint8ClampedArray<ArrayBuffer>,
): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('2D canvas unavailable');
  context.putImageData(new ImageData(pixels, width, height), 0, 0);
  return canvas;
}

/** One pixel per population cell, north up, in the colour ramp or the grey one. */
export function populationImage(grid: PopulationGrid, ramp: PopulationRamp = 'colour'): HTMLCanvasElement {
  const colours = POPULATION_LEGENDS[ramp];
  const pixels = new Uint8ClampedArray(grid.width * grid.height * 4);
  for (let i = 0; i < grid.values.length; i++) {
    const value = grid.values[i];
    if (isNodata(grid, value) || value < 1) continue;
    const [r, g, b] = rampColour(colours, value);
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = g;
    pixels[i * 4 + 2] = b;
    pixels[i * 4 + 3] = 170;
  }
  return canvasFromPixels(grid.width, grid.height, pixels);
}

export const GAP_COLOUR_RGB: [number, number, number] = [200, 0, 0];

/**
 * Coverage of one operator (its bit) or of any operator (bitMask = all bits): covered populated cells in the operator's
 * colour, populated cells left without signal in red.
 */
export function coverageImage(
  grid: PopulationGrid,
  coveredBits: Uint8Array,
  bitMask: number,
  coveredRgb: [number, number, number],
): HTMLCanvasElement {
  const pixels = new Uint8ClampedArray(grid.width * grid.height * 4);
  for (let i = 0; i < grid.values.length; i++) {
    const value = grid.values[i];
    if (isNodata(grid, value) || value <= 0) continue;
    const isCovered = (coveredBits[i] & bitMask) !== 0;
    const [r, g, b] = isCovered ? coveredRgb : GAP_COLOUR_RGB;
    pixels[i * 4] = r;
    pixels[i * 4 + 1] = g;
    pixels[i * 4 + 2] = b;
    pixels[i * 4 + 3] = isCovered ? 110 : 190;
  }
  return canvasFromPixels(grid.width, grid.height, pixels);
}

/** [west, south, east, north] of the grid, degrees. */
export function gridBounds(
  grid: Pick<PopulationGrid, 'originLon' | 'originLat' | 'width' | 'height' | 'cellSizeLonDeg' | 'cellSizeLatDeg'>,
): [number, number, number, number] {
  return [
    grid.originLon,
    grid.originLat - grid.height * grid.cellSizeLatDeg,
    grid.originLon + grid.width * grid.cellSizeLonDeg,
    grid.originLat,
  ];
}
