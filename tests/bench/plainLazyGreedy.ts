/**
 * The benchmark's peer for the shared-site proposal: a plain, self-contained lazy greedy pipeline as one would write it
 * in a single file, from the demand cells and the candidate points to P sites. Cover lists by a haversine test over
 * each candidate's bounding box of cells (no merging of cells), then Minoux's lazy greedy with a binary heap. Nothing
 * from src/ is used, so it measures the job, not our code.
 */
export interface PlainSiteInput {
  width: number;
  height: number;
  originLon: number;
  originLat: number;
  cellSizeLonDeg: number;
  cellSizeLatDeg: number;
  /** Demand cells (row-major) and their weights. */
  cellIndex: Uint32Array;
  weight: Float64Array;
  candidateLon: Float64Array;
  candidateLat: Float64Array;
  radiusM: number;
  sites: number;
}

const EARTH_RADIUS_M = 6_371_008.8;
const DEG = Math.PI / 180;

export function plainLazyGreedy(input: PlainSiteInput): { selected: number[]; objective: number } {
  const { width, height, originLon, originLat, cellSizeLonDeg, cellSizeLatDeg, cellIndex, weight } = input;
  const demandOfCell = new Int32Array(width * height).fill(-1);
  for (let d = 0; d < cellIndex.length; d++) demandOfCell[cellIndex[d]] = d;
  const candidateCount = input.candidateLon.length;
  const lists: Int32Array[] = [];
  const reachLatDeg = input.radiusM / EARTH_RADIUS_M / DEG;
  const found: number[] = [];
  for (let j = 0; j < candidateCount; j++) {
    const lon = input.candidateLon[j];
    const lat = input.candidateLat[j];
    const reachLonDeg = reachLatDeg / Math.cos(Math.min(89, Math.abs(lat) + reachLatDeg) * DEG);
    const firstRow = Math.max(0, Math.floor((originLat - lat - reachLatDeg) / cellSizeLatDeg));
    const lastRow = Math.min(height - 1, Math.floor((originLat - lat + reachLatDeg) / cellSizeLatDeg));
    const firstCol = Math.max(0, Math.floor((lon - reachLonDeg - originLon) / cellSizeLonDeg));
    const lastCol = Math.min(width - 1, Math.floor((lon + reachLonDeg - originLon) / cellSizeLonDeg));
    found.length = 0;
    for (let row = firstRow; row <= lastRow; row++) {
      const cellLat = originLat - (row + 0.5) * cellSizeLatDeg;
      for (let col = firstCol; col <= lastCol; col++) {
        const d = demandOfCell[row * width + col];
        if (d < 0) continue;
        const cellLon = originLon + (col + 0.5) * cellSizeLonDeg;
        const a =
          Math.sin(((cellLat - lat) * DEG) / 2) ** 2 +
          Math.cos(lat * DEG) * Math.cos(cellLat * DEG) * Math.sin(((cellLon - lon) * DEG) / 2) ** 2;
        if (2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a)) <= input.radiusM) found.push(d);
      }
    }
    lists.push(Int32Array.from(found));
  }
  // Lazy greedy: a max-heap of (gain, candidate); a popped gain is recomputed, taken only when still current.
  const covered = new Uint8Array(cellIndex.length);
  const gainOf = (j: number) => {
    let gain = 0;
    for (const d of lists[j]) if (!covered[d]) gain += weight[d];
    return gain;
  };
  const heapGain: number[] = [];
  const heapId: number[] = [];
  const swap = (a: number, b: number) => {
    [heapGain[a], heapGain[b]] = [heapGain[b], heapGain[a]];
    [heapId[a], heapId[b]] = [heapId[b], heapId[a]];
  };
  const push = (gain: number, id: number) => {
    heapGain.push(gain);
    heapId.push(id);
    let at = heapGain.length - 1;
    while (at > 0 && heapGain[(at - 1) >> 1] < heapGain[at]) {
      swap(at, (at - 1) >> 1);
      at = (at - 1) >> 1;
    }
  };
  const pop = (): [number, number] => {
    const top: [number, number] = [heapGain[0], heapId[0]];
    const lastGain = heapGain.pop() as number;
    const lastId = heapId.pop() as number;
    if (heapGain.length > 0) {
      heapGain[0] = lastGain;
      heapId[0] = lastId;
      let at = 0;
      for (;;) {
        const left = 2 * at + 1;
        let largest = at;
        if (left < heapGain.length && heapGain[left] > heapGain[largest]) largest = left;
        if (left + 1 < heapGain.length && heapGain[left + 1] > heapGain[largest]) largest = left + 1;
        if (largest === at) break;
        swap(at, largest);
        at = largest;
      }
    }
    return top;
  };
  for (let j = 0; j < candidateCount; j++) push(gainOf(j), j);
  const selected: number[] = [];
  let objective = 0;
  while (selected.length < input.sites && heapGain.length > 0) {
    const [stale, j] = pop();
    const gain = gainOf(j);
    if (gain <= 0) continue;
    if (heapGain.length > 0 && gain < heapGain[0] && gain < stale) {
      push(gain, j);
      continue;
    }
    selected.push(j);
    objective += gain;
    for (const d of lists[j]) covered[d] = 1;
  }
  return { selected, objective };
}
