import { buildRadios } from '../coverage/buildRadios';
import { computeSignalCoverage } from '../coverage/computeSignalCoverage';
import type { PreparedSignalCoverage } from '../coverage/prepareSignalCoverage';
import { EARTH_MEAN_RADIUS_M } from '../geo/haversineDistanceM';
import { widestReachLonDeg } from '../geo/widestReachLonDeg';
import type { RadioArrays } from '../model/radioArrays';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';

/**
 * The prediction a shared-site plan runs on: the same one as the coverage map (prepareSignalRun's `prepared`: the
 * analysis grid, the existing masts' radios, model, environment, receiver, threshold, terrain), the cells it computes
 * and its calculation radius. Plain data.
 */
export interface SignalSitePrediction {
  prepared: Pick<PreparedSignalCoverage, 'request' | 'operatorNames' | 'thresholdDbm' | 'receiver' | 'radioByOperator'>;
  /** Cells the run computes (prepareSignalRun's cellMask: those holding population data); all when absent. */
  cellMask?: Uint8Array;
  /** Calculation radius: no radio is computed farther than this, metres (prepareSignalRun's with terrain). */
  maxReachM?: number;
}

export interface PredictCandidateCoverRequest {
  prediction: SignalSitePrediction;
  candidates: {
    count: number;
    lon: ArrayLike<number>;
    lat: ArrayLike<number>;
    /** Antenna height above ground, m; NaN or <= 0: the band preset's, else the model's typical height. */
    heightM: ArrayLike<number>;
  };
  /** The operators the shared site carries (bit k = prepared.operatorNames[k]). */
  operatorBits: number;
  /** Cells worth computing (say, the plan's demand cells), row-major over the whole grid; the prediction's when absent. */
  cellMask?: Uint8Array;
}

export interface CandidateCover {
  /** Grid cells candidate j covers: cells[starts[j] .. starts[j + 1]), row-major indices, ascending. */
  starts: Uint32Array;
  cells: Uint32Array;
  /** Operators whose radios the sites carry: the chosen ones with a band in the technology (operatorNames order). */
  operatorsWithRadio: string[];
  /** Farthest reach of each candidate's radios (the threshold's, cut at the calculation radius), m. */
  reachM: Float64Array;
}

/**
 * What each candidate site would cover on the prediction of the coverage map: the site carries one omnidirectional
 * radio per chosen operator that has a band in the technology (its preset, with the run's overrides), at the
 * candidate's height, and a cell counts as covered when EVERY one of these radios reaches the threshold there: the
 * worst band decides (with the presets, the highest frequency). A shared site is thus credited only with cells where
 * it serves all its operators, as a fixed radius does. Each candidate is computed by computeSignalCoverage itself on
 * the rows and columns of its reach (a column window: terrain diffraction included), so a candidate's cover is exactly
 * what the coverage map would show for a mast there.
 */
export async function predictCandidateCover(
  request: PredictCandidateCoverRequest,
  options: LongCallOptions = {},
): Promise<CandidateCover> {
  const { prediction, candidates, operatorBits } = request;
  const { prepared } = prediction;
  const base = prepared.request;
  const { grid } = base;
  const operatorCount = prepared.operatorNames.length;
  let radioBits = 0;
  for (let k = 0; k < operatorCount; k++)
    if (operatorBits & (1 << k) && prepared.radioByOperator[k]) radioBits |= 1 << k;
  const operatorsWithRadio = prepared.operatorNames.filter((_, k) => radioBits & (1 << k));
  const thresholdDbm = prepared.thresholdDbm;
  const heightM = Float64Array.from({ length: candidates.count }, (_, j) => {
    const height = candidates.heightM[j];
    // NaN (unknown) and non-positive heights: buildRadios's fallback.
    return Number.isFinite(height) && height > 0 ? height : 0;
  });
  const { metropolitan, streetWidthM, buildingHeightM } = base.environment;
  const radios = buildRadios({
    towers: {
      count: candidates.count,
      lon: Float64Array.from({ length: candidates.count }, (_, j) => candidates.lon[j]),
      lat: Float64Array.from({ length: candidates.count }, (_, j) => candidates.lat[j]),
      heightM,
      tenantBits: new Uint8Array(candidates.count).fill(radioBits),
      operatorNames: [...prepared.operatorNames],
    },
    radioByOperator: prepared.radioByOperator,
    receiver: prepared.receiver,
    modelId: base.modelId,
    // Only the threshold matters here: the reach to it bounds the rows computed.
    floorDbm: thresholdDbm,
    environment: { metropolitan, streetWidthM, buildingHeightM },
  });
  if (prediction.maxReachM !== undefined) {
    for (let i = 0; i < radios.count; i++) radios.reachM[i] = Math.min(radios.reachM[i], prediction.maxReachM);
  }
  const cellMask = request.cellMask ?? prediction.cellMask;
  const radiosPerCandidate = operatorsWithRadio.length;
  const starts = new Uint32Array(candidates.count + 1);
  const reachM = new Float64Array(candidates.count);
  let cells = new Uint32Array(Math.max(1024, candidates.count * 64));
  let length = 0;
  const checkpoint = createYieldClock(options);
  for (let j = 0; j < candidates.count; j++) {
    await checkpoint(j / Math.max(1, candidates.count));
    starts[j] = length;
    if (radiosPerCandidate === 0) continue;
    const first = j * radiosPerCandidate;
    const own = sliceRadios(radios, first, first + radiosPerCandidate);
    for (let i = 0; i < own.count; i++) reachM[j] = Math.max(reachM[j], own.reachM[i]);
    if (!(reachM[j] > 0)) continue;
    // Rows within the reach (a cell of slack each way: computeSignalCoverage tests every cell by haversine).
    const reachLatDeg = (Math.min(reachM[j] / EARTH_MEAN_RADIUS_M, Math.PI) * 180) / Math.PI;
    const rowStart = Math.max(
      0,
      Math.floor((grid.originLat - (candidates.lat[j] + reachLatDeg)) / grid.cellSizeLatDeg) - 1,
    );
    const rowEnd = Math.min(
      grid.height,
      Math.ceil((grid.originLat - (candidates.lat[j] - reachLatDeg)) / grid.cellSizeLatDeg) + 1,
    );
    if (rowStart >= rowEnd) continue;
    // Columns within the reach too (the widest at the row farthest from the equator), so that the band holds the
    // reach's box, not whole rows of the grid.
    const reachLonDeg = widestReachLonDeg(candidates.lat[j], Math.min(reachM[j] / EARTH_MEAN_RADIUS_M, Math.PI));
    const colStart = Math.max(
      0,
      Math.floor((candidates.lon[j] - reachLonDeg - grid.originLon) / grid.cellSizeLonDeg) - 1,
    );
    const colEnd = Math.min(
      grid.width,
      Math.ceil((candidates.lon[j] + reachLonDeg - grid.originLon) / grid.cellSizeLonDeg) + 1,
    );
    if (colStart >= colEnd) continue;
    const band = await computeSignalCoverage({
      ...base,
      radios: own,
      signalFloorDbm: thresholdDbm,
      cellMask,
      rowStart,
      rowEnd,
      colStart,
      colEnd,
    });
    const signals = band.bestSignalDbmByOperator.filter((_, k) => radioBits & (1 << k));
    const boxWidth = colEnd - colStart;
    for (let r = 0; r < rowEnd - rowStart; r++) {
      const gridOffset = (rowStart + r) * grid.width + colStart;
      for (let c = 0; c < boxWidth; c++) {
        const cell = r * boxWidth + c;
        let everyBand = true;
        for (const signal of signals) {
          if (!(signal[cell] >= thresholdDbm)) {
            everyBand = false;
            break;
          }
        }
        if (!everyBand) continue;
        if (length === cells.length) {
          const grown = new Uint32Array(cells.length * 2);
          grown.set(cells);
          cells = grown;
        }
        cells[length++] = gridOffset + c;
      }
    }
  }
  starts[candidates.count] = length;
  options.onProgress?.(1);
  return { starts, cells: cells.slice(0, length), operatorsWithRadio, reachM };
}

/** Radios [from, to) of `radios` as their own RadioArrays (views, no copies). */
function sliceRadios(radios: RadioArrays, from: number, to: number): RadioArrays {
  return {
    count: to - from,
    towerIndex: radios.towerIndex.subarray(from, to),
    operatorIndex: radios.operatorIndex.subarray(from, to),
    lon: radios.lon.subarray(from, to),
    lat: radios.lat.subarray(from, to),
    heightM: radios.heightM.subarray(from, to),
    frequencyMHz: radios.frequencyMHz.subarray(from, to),
    eirpPerResourceElementDbm: radios.eirpPerResourceElementDbm.subarray(from, to),
    azimuthDeg: radios.azimuthDeg.subarray(from, to),
    downtiltDeg: radios.downtiltDeg.subarray(from, to),
    horizontalBeamwidthDeg: radios.horizontalBeamwidthDeg.subarray(from, to),
    verticalBeamwidthDeg: radios.verticalBeamwidthDeg.subarray(from, to),
    reachM: radios.reachM.subarray(from, to),
  };
}
