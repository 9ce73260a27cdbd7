import KDBush from 'kdbush';
import { operatorColorRgb, SHARED_MAST_COLOR_RGB } from '../../core/model/operators';
import type { TowerArrays } from '../../core/model/towerArrays';
import { isSharedMastAt } from '../../core/model/towerArrays';
import { buildTowerDrawIndex } from '../../core/model/towerDrawIndex';

/** [west, south, east, north] in degrees. */
export type LonLatBox = [number, number, number, number];

/**
 * The part of the map whose masts are handed to the GPU, and the size of a screen cell in which only the top-most
 * mast is drawn (0: every mast). At the country's zoom a pixel holds several masts; drawing the one on top is what
 * the eye sees anyway, and software WebGL pays for every instance drawn.
 */
export interface TowerWindow {
  box: LonLatBox;
  cellDeg: number;
}

/**
 * The masts drawn for a window of the map, as deck.gl binary attributes (no object per mast, no accessor calls): a
 * layer over typed arrays costs the same to build for 100,000 masts as the attribute copy, and its data keeps its
 * identity across renders, so deck.gl uploads it once.
 */
export interface TowerLayerData {
  /** Number of masts drawn. */
  length: number;
  /** Index in the dataset of each drawn mast, in draw order (shared masts last, so on top). */
  towerIndex: Uint32Array;
  /** lon, lat per drawn mast. */
  positions: Float64Array;
  /** r, g, b, a per drawn mast. */
  fillColors: Uint8Array;
  radiiPx: Float32Array;
}

export const SHARED_MAST_RADIUS_PX = 5.5;
export const MAST_RADIUS_PX = 4;

interface DrawIndex {
  /** Dataset index of each mast in draw order: masts of one tenant first, then shared masts, each by index. */
  order: Uint32Array;
  /** Points added in draw order, so a query returns draw positions. */
  index: KDBush | null;
}

const drawIndexes = new WeakMap<TowerArrays, DrawIndex>();

/** Shared masts draw last (on top); built once per dataset (see buildTowerDrawIndex). */
function drawIndexOf(towers: TowerArrays): DrawIndex {
  let entry = drawIndexes.get(towers);
  if (!entry) {
    entry = buildTowerDrawIndex(towers);
    drawIndexes.set(towers, entry);
  }
  return entry;
}

/** A draw index a worker built for these masts (order and KDBush data): the page builds nothing. */
export function rememberTowerDrawIndex(towers: TowerArrays, order: Uint32Array, indexData: ArrayBuffer | null): void {
  drawIndexes.set(towers, { order, index: indexData ? KDBush.from(indexData) : null });
}

let lastData: { towers: TowerArrays; window: TowerWindow | null; data: TowerLayerData } | null = null;

/**
 * The masts inside the window (all when null) in draw order, one per screen cell when the window says so. The same
 * object is returned for the same dataset and window, so deck.gl does not rebuild its buffers when anything else on
 * the map changes.
 */
export function towerLayerData(towers: TowerArrays, window: TowerWindow | null): TowerLayerData {
  if (lastData && lastData.towers === towers && sameWindow(lastData.window, window)) return lastData.data;
  const { order, index } = drawIndexOf(towers);
  let drawn: Uint32Array;
  if (window === null || index === null) {
    drawn = order;
  } else {
    const { box, cellDeg } = window;
    const positions = Uint32Array.from(index.range(box[0], box[1], box[2], box[3]));
    positions.sort();
    drawn = positions.map((position) => order[position]);
    if (cellDeg > 0) drawn = topMastPerCell(towers, drawn, box, cellDeg);
  }
  const colours = towers.operatorNames.map((name) => operatorColorRgb(name));
  const length = drawn.length;
  const data: TowerLayerData = {
    length,
    towerIndex: drawn,
    positions: new Float64Array(2 * length),
    fillColors: new Uint8Array(4 * length),
    radiiPx: new Float32Array(length),
  };
  for (let k = 0; k < length; k++) {
    const i = drawn[k];
    const shared = isSharedMastAt(towers, i);
    const rgb = shared ? SHARED_MAST_COLOR_RGB : colours[towers.ownerIndex[i]];
    data.positions[2 * k] = towers.lon[i];
    data.positions[2 * k + 1] = towers.lat[i];
    data.fillColors[4 * k] = rgb[0];
    data.fillColors[4 * k + 1] = rgb[1];
    data.fillColors[4 * k + 2] = rgb[2];
    data.fillColors[4 * k + 3] = 255;
    data.radiiPx[k] = shared ? SHARED_MAST_RADIUS_PX : MAST_RADIUS_PX;
  }
  lastData = { towers, window, data };
  return data;
}

/** The last mast in draw order (the one on top) of each cell, still in draw order. */
function topMastPerCell(towers: TowerArrays, drawn: Uint32Array, box: LonLatBox, cellDeg: number): Uint32Array {
  const columns = Math.ceil((box[2] - box[0]) / cellDeg) + 1;
  const taken = new Set<number>();
  const kept: number[] = [];
  for (let k = drawn.length - 1; k >= 0; k--) {
    const i = drawn[k];
    const cell =
      Math.floor((towers.lat[i] - box[1]) / cellDeg) * columns + Math.floor((towers.lon[i] - box[0]) / cellDeg);
    if (taken.has(cell)) continue;
    taken.add(cell);
    kept.push(i);
  }
  return Uint32Array.from(kept.reverse());
}

function sameWindow(a: TowerWindow | null, b: TowerWindow | null): boolean {
  if (a === null || b === null) return a === b;
  const [x, y] = [a.box, b.box];
  return a.cellDeg === b.cellDeg && x[0] === y[0] && x[1] === y[1] && x[2] === y[2] && x[3] === y[3];
}

export function boxContains(outer: LonLatBox, inner: LonLatBox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}
