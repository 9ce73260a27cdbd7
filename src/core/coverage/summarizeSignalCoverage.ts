import type { ResampledPopulation } from '../population/resamplePopulation';
import { cellAreaKm2 } from './computeFixedRadiusCoverage';
import type { SignalCoverageBand } from './computeSignalCoverage';
import { type AreaGap, summarizeGapsByArea } from './summarizeGapsByArea';

/**
 * Coverage masks by threshold, in the form computeFixedRadiusCoverage returns: bit k of a cell is set when operator k's
 * best signal there is at or above `thresholdDbm`. The app can draw and summarise both modes the same way.
 */
export function signalCoverageBits(coverage: SignalCoverageBand, thresholdDbm: number): Uint8Array {
  assertThresholdAboveFloor(coverage, thresholdDbm);
  const bits = new Uint8Array(coverage.bestSignalDbm.length);
  coverage.bestSignalDbmByOperator.forEach((signal, k) => {
    const bit = 1 << k;
    for (let i = 0; i < signal.length; i++) if (signal[i] >= thresholdDbm) bits[i] |= bit;
  });
  return bits;
}

export interface SignalCoverageSummaryInput {
  /** Population on the same grid as the coverage (resamplePopulation); NaN cells hold no data and are skipped. */
  population: ResampledPopulation;
  /** A whole-grid result (computeSignalCoverage with rows 0..height, or assembleSignalCoverage). */
  coverage: SignalCoverageBand;
  operatorNames: readonly string[];
  /** RSRP that counts as covered, dBm; not below the run's signal floor. */
  thresholdDbm: number;
  /** Per-commune gaps: area index per cell of this grid (-1 none) and the areas' names. */
  areas?: { labels: Int32Array; names: readonly string[] };
}

/** The figures of a signal-coverage run; the first five mean what they mean in summarizeCoverage (fixed radius). */
export interface SignalCoverageSummary {
  populationTotal: number;
  populationCovered: number;
  populationCoveredByOperator: Record<string, number>;
  /** Area of the covered cells that hold population data (zero included), km². */
  areaCoveredKm2: number;
  populationUncovered: number;
  areaCoveredByOperatorKm2: Record<string, number>;
  /** Area of all cells holding population data, km². */
  areaTotalKm2: number;
  thresholdDbm: number;
  /** Uncovered population per area, when areas were given. */
  gapsByArea?: AreaGap[];
}

/**
 * Population and area covered per operator and by any operator, over the cells holding population data: a cell is
 * covered by an operator when its best signal is at or above the threshold.
 */
export function summarizeSignalCoverage(input: SignalCoverageSummaryInput): SignalCoverageSummary {
  const { population, coverage, operatorNames, thresholdDbm } = input;
  if (coverage.rowStart !== 0 || coverage.rowEnd !== population.height || coverage.width !== population.width) {
    throw new RangeError('the coverage must be a whole-grid result on the population grid');
  }
  const bits = signalCoverageBits(coverage, thresholdDbm);
  const operatorCount = operatorNames.length;
  const populationByOperator = new Float64Array(operatorCount);
  const areaByOperator = new Float64Array(operatorCount);
  let total = 0;
  let covered = 0;
  let areaCovered = 0;
  let areaTotal = 0;
  for (let row = 0; row < population.height; row++) {
    const latNorth = population.originLat - row * population.cellSizeLatDeg;
    const rowAreaKm2 = cellAreaKm2(latNorth, latNorth - population.cellSizeLatDeg, population.cellSizeLonDeg);
    for (let col = 0; col < population.width; col++) {
      const i = row * population.width + col;
      const value = population.values[i];
      if (Number.isNaN(value)) continue;
      total += value;
      areaTotal += rowAreaKm2;
      const cellBits = bits[i];
      if (cellBits === 0) continue;
      covered += value;
      areaCovered += rowAreaKm2;
      for (let k = 0; k < operatorCount; k++) {
        if (cellBits & (1 << k)) {
          populationByOperator[k] += value;
          areaByOperator[k] += rowAreaKm2;
        }
      }
    }
  }
  const summary: SignalCoverageSummary = {
    populationTotal: total,
    populationCovered: covered,
    populationCoveredByOperator: byName(operatorNames, populationByOperator),
    areaCoveredKm2: areaCovered,
    populationUncovered: total - covered,
    areaCoveredByOperatorKm2: byName(operatorNames, areaByOperator),
    areaTotalKm2: areaTotal,
    thresholdDbm: thresholdDbm,
  };
  if (input.areas) {
    summary.gapsByArea = summarizeGapsByArea({
      values: population.values,
      covered: bits,
      labels: input.areas.labels,
      names: input.areas.names,
    });
  }
  return summary;
}

function byName(names: readonly string[], values: Float64Array): Record<string, number> {
  return Object.fromEntries(names.map((name, k) => [name, values[k]]));
}

function assertThresholdAboveFloor(coverage: SignalCoverageBand, thresholdDbm: number): void {
  if (thresholdDbm < coverage.signalFloorDbm) {
    throw new RangeError(
      `threshold ${thresholdDbm} dBm is below the run's signal floor ${coverage.signalFloorDbm} dBm: weaker signals were not kept`,
    );
  }
}
