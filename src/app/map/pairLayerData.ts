import type { TowerArrays } from '../../core/model/towerArrays';
import type { TowerWindow } from './towerLayerData';

/** Co-location pairs drawn as lines, as deck.gl binary attributes: source and target lon, lat per line. */
export interface PairLayerData {
  /** Number of lines drawn. */
  length: number;
  sourcePositions: Float64Array;
  targetPositions: Float64Array;
}

export interface PairIndices {
  a: Int32Array | Uint32Array;
  b: Int32Array | Uint32Array;
  count: number;
}

/** Unordered place pairs as one number, the smaller first: exact below 2^53 for up to 2^26 places or cells. */
const KEY_BASE = 2 ** 26;

let lastData: { pairs: PairIndices; towers: TowerArrays; window: TowerWindow | null; data: PairLayerData } | null =
  null;

/** Each mast's place: masts at exactly the same lon, lat share one number (sorted by lon, then lat). */
const placeIds = new WeakMap<TowerArrays, Uint32Array>();

function placeIdOf(towers: TowerArrays): Uint32Array {
  let ids = placeIds.get(towers);
  if (ids) return ids;
  const { lon, lat, count } = towers;
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  order.sort((x, y) => lon[x] - lon[y] || lat[x] - lat[y]);
  ids = new Uint32Array(count);
  let id = 0;
  for (let k = 0; k < count; k++) {
    const i = order[k];
    if (k > 0) {
      const previous = order[k - 1];
      if (lon[i] !== lon[previous] || lat[i] !== lat[previous]) id++;
    }
    ids[i] = id;
  }
  placeIds.set(towers, ids);
  return ids;
}

/**
 * The pairs with a mast inside the window's box (all when null), one line per distinct segment; the same object for
 * the same pairs and window.
 *
 * Lines that would be drawn on top of each other are drawn once: pairs between the same two places (a station list
 * giving a commune's centre for dozens of masts yields hundreds of thousands of pairs over a few hundred distinct
 * segments: measured, 284,624 pairs within 100 m over 159 segments in a 100,000-row file), and, below the zoom where
 * every mast is drawn (the window's `cellDeg` > 0), pairs whose two ends fall in the same two screen cells (the cells
 * the masts layer keeps one mast of). Every pair still counts in the panel and the exports; only the GPU's copies go.
 */
export function pairLayerData(towers: TowerArrays, pairs: PairIndices, window: TowerWindow | null): PairLayerData {
  if (lastData && lastData.pairs === pairs && lastData.towers === towers && lastData.window === window) {
    return lastData.data;
  }
  const { lon, lat } = towers;
  const box = window?.box ?? null;
  const cellDeg = window?.cellDeg ?? 0;
  const inside = (i: number) =>
    box === null || (lon[i] >= box[0] && lon[i] <= box[2] && lat[i] >= box[1] && lat[i] <= box[3]);
  // Screen cells are counted from a degree south-west of the window (every kept pair has one end inside it, the
  // other within the sharing distance, a few kilometres at most). Too many cells for the key: exact places instead.
  const originLon = (box?.[0] ?? 0) - 1;
  const originLat = (box?.[1] ?? 0) - 1;
  const columns = box && cellDeg > 0 ? Math.ceil((box[2] - box[0] + 2) / cellDeg) + 1 : 0;
  const rows = box && cellDeg > 0 ? Math.ceil((box[3] - box[1] + 2) / cellDeg) + 1 : 0;
  const byCell = columns > 0 && columns * rows < KEY_BASE;
  const places = byCell ? null : placeIdOf(towers);
  const where = (i: number) =>
    places
      ? places[i]
      : Math.floor((lat[i] - originLat) / cellDeg) * columns + Math.floor((lon[i] - originLon) / cellDeg);
  const seen = new Set<number>();
  const kept: number[] = [];
  for (let k = 0; k < pairs.count; k++) {
    const a = pairs.a[k];
    const b = pairs.b[k];
    if (!inside(a) && !inside(b)) continue;
    const first = where(a);
    const second = where(b);
    const key = first < second ? first * KEY_BASE + second : second * KEY_BASE + first;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(k);
  }
  const data: PairLayerData = {
    length: kept.length,
    sourcePositions: new Float64Array(2 * kept.length),
    targetPositions: new Float64Array(2 * kept.length),
  };
  kept.forEach((k, n) => {
    data.sourcePositions[2 * n] = lon[pairs.a[k]];
    data.sourcePositions[2 * n + 1] = lat[pairs.a[k]];
    data.targetPositions[2 * n] = lon[pairs.b[k]];
    data.targetPositions[2 * n + 1] = lat[pairs.b[k]];
  });
  lastData = { pairs, towers, window, data };
  return data;
}
