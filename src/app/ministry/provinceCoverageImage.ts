import {
  PROVINCE_COVERAGE_CLASS,
  type ProvinceCoverageRaster,
} from '../../core/readiness/computeProvinceCoverageRaster';
import { canvasFromPixels, GAP_COLOUR_RGB } from '../map/rasterImages';

/**
 * Colours of the drill-down's coverage classes (PROVINCE_COVERAGE_CLASS), RGBA. Greens for signal, darker for 5G; the
 * coverage tab's gap red for people without signal where they live densely (as the coverage tab paints gaps), a pale
 * red where they are scattered; a faint grey where nobody lives. None of them is in the
 * choropleth's purple-to-yellow ramp, and the masts are drawn over them with a white rim.
 */
export const PROVINCE_COVERAGE_COLOURS: Record<
  Exclude<keyof typeof PROVINCE_COVERAGE_CLASS, 'outside'>,
  [number, number, number, number]
> = {
  with5g: [0, 104, 55, 235],
  only4g: [120, 198, 121, 225],
  uncoveredPeople: [...GAP_COLOUR_RGB, 235],
  uncoveredFew: [244, 178, 160, 225],
  uncoveredEmpty: [235, 235, 235, 200],
};

const BY_CLASS: Array<[number, number, number, number]> = [];
for (const [name, value] of Object.entries(PROVINCE_COVERAGE_CLASS)) {
  BY_CLASS[value] =
    name === 'outside' ? [0, 0, 0, 0] : PROVINCE_COVERAGE_COLOURS[name as keyof typeof PROVINCE_COVERAGE_COLOURS];
}

/** One pixel per cell of the province's box, north up; cells outside the province are transparent. */
export function provinceCoverageImage(raster: ProvinceCoverageRaster): HTMLCanvasElement {
  const pixels = new Uint8ClampedArray(raster.width * raster.height * 4);
  for (let i = 0; i < raster.classes.length; i++) pixels.set(BY_CLASS[raster.classes[i]], 4 * i);
  return canvasFromPixels(raster.width, raster.height, pixels);
}
