import type { AnalysisGrid } from '../geo/makeAnalysisGrid';
import type { WordedMessage } from '../model/wordedMessage';
import { assembleSignalCoverage, type SignalCoverageBand, type SignalCoverageRequest } from './computeSignalCoverage';
import type { PreparedSignalRun } from './prepareSignalRun';
import { SIGNAL_GAP_MIN_PEOPLE_PER_KM2, type SignalPalette, signalImagePixels } from './signalImagePixels';
import { type SignalCoverageSummary, summarizeSignalCoverage } from './summarizeSignalCoverage';

/** What the page keeps of a signal run: the whole-grid rasters, the summary and the first image (decoded by the door). */
export interface SignalRunResult<Image> {
  grid: AnalysisGrid;
  coverage: SignalCoverageBand;
  cellMask: Uint8Array;
  /** 1 where the cell holds people (resampled population > 0): where a gap is a gap for someone. */
  populated: Uint8Array;
  /** 1 where an unserved cell is painted on the map: at least SIGNAL_GAP_MIN_PEOPLE_PER_KM2 (see signalImagePixels). */
  gapShown: Uint8Array;
  summary: SignalCoverageSummary;
  operatorNames: readonly string[];
  /**
   * Operators of the run with no radio in its technology (no 5G licence: Vietnamobile, Gmobile): they cover nothing
   * because nothing of theirs was computed, not because their masts reach no one; tables print "—" for them.
   */
  operatorsWithoutRadio: readonly string[];
  thresholdDbm: number;
  notes: WordedMessage[];
  /** The first image (all operators). */
  image: Image;
}

/** The request of band `bandIndex` of `bandCount` equal bands of rows of a prepared run. */
export function signalBandRequest(run: PreparedSignalRun, bandIndex: number, bandCount: number): SignalCoverageRequest {
  const { height } = run.grid;
  return {
    ...run.prepared.request,
    cellMask: run.cellMask,
    rowStart: Math.floor((bandIndex * height) / bandCount),
    rowEnd: Math.floor(((bandIndex + 1) * height) / bandCount),
  };
}

/**
 * The last step of a signal run: join the bands, sum the figures (with gaps per area when the run has areas) and the
 * first image's RGBA pixels. The cell mask is copied: the run keeps its own for the next run with the same settings.
 */
export function finishSignalRun(
  run: PreparedSignalRun,
  bands: readonly SignalCoverageBand[],
  palette: SignalPalette,
): { result: Omit<SignalRunResult<never>, 'image'>; imagePixels: Uint8ClampedArray<ArrayBuffer> } {
  const coverage = assembleSignalCoverage(bands, run.grid);
  const { operatorNames, thresholdDbm } = run.prepared;
  const summary = summarizeSignalCoverage({
    population: run.population,
    coverage,
    operatorNames,
    thresholdDbm,
    areas: run.areas ?? undefined,
  });
  const populated = new Uint8Array(run.population.values.length);
  const gapShown = new Uint8Array(run.population.values.length);
  const minPeoplePerCell = (SIGNAL_GAP_MIN_PEOPLE_PER_KM2 * run.grid.cellWidthM * run.grid.cellHeightM) / 1e6;
  for (let i = 0; i < populated.length; i++) {
    const people = run.population.values[i];
    populated[i] = people > 0 ? 1 : 0;
    gapShown[i] = people >= minPeoplePerCell ? 1 : 0;
  }
  const imagePixels = signalImagePixels(coverage.bestSignalDbm, run.cellMask, thresholdDbm, palette, gapShown);
  return {
    result: {
      grid: run.grid,
      coverage,
      cellMask: run.cellMask.slice(),
      populated,
      gapShown,
      summary,
      operatorNames,
      operatorsWithoutRadio: operatorNames.filter((name) => run.frequencyMHzByOperator[name] === null),
      thresholdDbm,
      notes: run.notes,
    },
    imagePixels,
  };
}
