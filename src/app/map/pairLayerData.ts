import type { TowerArrays } from '../../core/model/towerArrays';
import type { TowerWindow } from './towerLayerData';

/** Co-location pairs drawn as lines, as deck.gl binary attributes: source and target lon, lat per pair. */
export interface PairLayerData {
  length: number;
  sourcePositions: Float64Array;
  targetPositions: Float64Array;
}

export interface PairIndices {
  a: Int32Array | Uint32Array;
  b: Int32Array | Uint32Array;
  count: number;
}

let lastData: { pairs: PairIndices; towers: TowerArrays; window: TowerWindow | null; data: PairLayerData } | null =
  null;

/** The pairs with a mast inside the window's box (all when null); the same object for the same pairs and window. */
export function pairLayerData(towers: TowerArrays, pairs: PairIndices, window: TowerWindow | null): PairLayerData {
  if (lastData && lastData.pairs === pairs && lastData.towers === towers && lastData.window === window) {
    return lastData.data;
  }
  const { lon, lat } = towers;
  const box = window?.box ?? null;
  const inside = (i: number) =>
    box === null || (lon[i] >= box[0] && lon[i] <= box[2] && lat[i] >= box[1] && lat[i] <= box[3]);
  const kept: number[] = [];
  for (let k = 0; k < pairs.count; k++) if (inside(pairs.a[k]) || inside(pairs.b[k])) kept.push(k);
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
