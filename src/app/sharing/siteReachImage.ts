import type { SiteReachCells } from '../../core/siting/siteReachCells';
import { canvasFromPixels } from '../map/rasterImages';

/** The reach's image over the box of its cells and that box [west, south, east, north], degrees; null when empty. */
export interface SiteReachImage {
  image: HTMLCanvasElement;
  bounds: [number, number, number, number];
}

/**
 * The cells the plan's sites reach on predicted signal (siteReachCells), one pixel per analysis cell, in the proposed
 * a blue that reads over the population ramp; the selected site's cells darker, so a planner sees where it adds people.
 */
export function siteReachImage(reach: SiteReachCells, selectedSite: number | null): SiteReachImage | null {
  const { grid, cellIndex, siteIndex } = reach;
  if (cellIndex.length === 0) return null;
  let rowMin = Number.POSITIVE_INFINITY;
  let rowMax = -1;
  let colMin = Number.POSITIVE_INFINITY;
  let colMax = -1;
  for (const cell of cellIndex) {
    const row = Math.floor(cell / grid.width);
    const col = cell - row * grid.width;
    rowMin = Math.min(rowMin, row);
    rowMax = Math.max(rowMax, row);
    colMin = Math.min(colMin, col);
    colMax = Math.max(colMax, col);
  }
  const width = colMax - colMin + 1;
  const height = rowMax - rowMin + 1;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let n = 0; n < cellIndex.length; n++) {
    const row = Math.floor(cellIndex[n] / grid.width);
    const col = cellIndex[n] - row * grid.width;
    const at = 4 * ((row - rowMin) * width + (col - colMin));
    const selected = siteIndex[n] === selectedSite;
    const [r, g, b] = selected ? [0, 60, 120] : [30, 120, 220];
    pixels[at] = r;
    pixels[at + 1] = g;
    pixels[at + 2] = b;
    pixels[at + 3] = selected ? 190 : 150;
  }
  return {
    image: canvasFromPixels(width, height, pixels),
    bounds: [
      grid.originLon + colMin * grid.cellSizeLonDeg,
      grid.originLat - (rowMax + 1) * grid.cellSizeLatDeg,
      grid.originLon + (colMax + 1) * grid.cellSizeLonDeg,
      grid.originLat - rowMin * grid.cellSizeLatDeg,
    ],
  };
}
