import * as Comlink from 'comlink';
import { analyzeColocation } from '../src/core/colocation/analyzeColocation';
import { buildColocationRequest, type ColocationSettings } from '../src/core/colocation/buildColocationRequest';
import { buildOpportunitiesRequest } from '../src/core/colocation/buildOpportunitiesRequest';
import { findColocationOpportunities } from '../src/core/colocation/colocationOpportunities';
import { summarizeColocation } from '../src/core/colocation/summarizeColocation';
import {
  computeFixedRadiusCoverage,
  type FixedRadiusCoverageRequest,
} from '../src/core/coverage/computeFixedRadiusCoverage';
import { computeSignalCoverage, type SignalCoverageBand } from '../src/core/coverage/computeSignalCoverage';
import { finishSignalRun, type SignalRunResult, signalBandRequest } from '../src/core/coverage/finishSignalRun';
import type { SignalRunSettings } from '../src/core/coverage/prepareSignalRun';
import { type SignalPalette, signalImagePixels } from '../src/core/coverage/signalImagePixels';
import { type MastListFormat, mastListFile } from '../src/core/export/mastListFile';
import { parseTowers } from '../src/core/io/parseTowers';
import { readPopulationGeoTiff } from '../src/core/io/readPopulationGeoTiff';
import type { PopulationGrid } from '../src/core/model/populationGrid';
import type { TowerColumns } from '../src/core/model/towerColumns';
import type { TowerColumn } from '../src/core/model/towerTableIndex';
import { computePreparedReadiness } from '../src/core/readiness/computeNationalReadiness';
import {
  computeProvinceCoverageRaster,
  type ProvinceCoverageRaster,
} from '../src/core/readiness/computeProvinceCoverageRaster';
import type { ReadinessTargets } from '../src/core/readiness/readinessTypes';
import { type ProvinceRegisterTowers, withProvinceRegisters } from '../src/core/readiness/withProvinceRegisters';
import { buildSignalSitePlanRequest } from '../src/core/siting/buildSignalSitePlanRequest';
import type { SitePlanSettings } from '../src/core/siting/buildSitePlanRequest';
import { planSharedSites } from '../src/core/siting/planSharedSites';
import type { ElevationRaster } from '../src/core/terrain/elevationRaster';
import { CancelledError } from '../src/core/util/cooperativeLoop';
import type { NationalFileUrls } from './fetchNationalFiles';
import { importApi } from './importApi';
import { loadHighs } from './loadHighs';
import { preparedNational } from './nationalPrepared';
import { holdDataset, holdsDataset, ResidentDataset, residentDataset } from './residentDataset';
import { terrainApi } from './terrainApi';
import { coverageBuffers } from './transferables';
import { cancelJob, withJob } from './withJob';

type Progress = ((fraction: number) => void) | undefined;

/**
 * What the analysis worker offers: each method builds its request with the core's builder, runs the core inside
 * `withJob` (so that `cancel(jobId)` aborts it, preparation included) and transfers typed arrays back. No settings and
 * no logic here: see ARCHITECTURE.md.
 */
export const analysisApi = {
  ...terrainApi,
  ...importApi,
  cancel: cancelJob,

  parseTowers: (fileName: string, text: string) => parseTowers(text, fileName),

  async readPopulation(buffer: ArrayBuffer): Promise<PopulationGrid> {
    const grid = await readPopulationGeoTiff(buffer);
    return Comlink.transfer(grid, [grid.values.buffer as ArrayBuffer]);
  },

  /**
   * Readiness of every province from the national files, fetched and read here: the masts as typed columns and the
   * province labels precomputed (about 1 s in one worker, fetching included). `registers`: provinces counted on their
   * own mast register (the server's) instead of the national set's masts there (withProvinceRegisters).
   */
  nationalReadiness: (
    jobId: number,
    urls: NationalFileUrls,
    targets: ReadinessTargets,
    registers: ProvinceRegisterTowers[],
    onProgress?: Progress,
  ) =>
    withJob(jobId, async (signal) => {
      // Read and prepared once per worker (nationalPrepared.ts): the drill-downs and a second run reuse it.
      const prepared = withProvinceRegisters(await preparedNational(urls), registers);
      if (signal.aborted) throw new CancelledError();
      onProgress?.(0.3);
      return computePreparedReadiness(
        { ...prepared, context: { ...prepared.context, targets: { ...targets } } },
        { signal, onProgress: (fraction) => onProgress?.(0.3 + 0.7 * fraction) },
      );
    }),

  /**
   * One province's coverage cell by cell (the ministry's drill-down), by the readiness figures' definitions, on the
   * same masts as the figures (`registers` as for nationalReadiness).
   */
  provinceCoverage: (
    jobId: number,
    urls: NationalFileUrls,
    code: string,
    registers: ProvinceRegisterTowers[],
  ): Promise<ProvinceCoverageRaster> =>
    withJob(jobId, async (signal) => {
      const prepared = withProvinceRegisters(await preparedNational(urls), registers);
      if (signal.aborted) throw new CancelledError();
      const index = prepared.context.provinces.findIndex((province) => province.code === code);
      if (index < 0) throw new Error(`no province ${code} in ${urls.provincesGeoJson}`);
      const raster = await computeProvinceCoverageRaster(prepared, index, { signal });
      return Comlink.transfer(raster, [raster.classes.buffer as ArrayBuffer]);
    }),

  hasDataset: (key: string) => holdsDataset(key),

  /** Keeps the province's data here (towers as transferred columns, rebuilt here): see ResidentDataset. */
  loadDataset(
    key: string,
    columns: TowerColumns,
    population: PopulationGrid,
    communesGeoJson: string | null,
    backboneGeoJson: string | null = null,
    terrain: ElevationRaster[] = [],
  ): void {
    holdDataset(new ResidentDataset(key, columns, population, communesGeoJson, backboneGeoJson, terrain));
  },

  /** The attribute table's rows (tower indices) for a filter and a sort, transferred. */
  towerTableRows(datasetKey: string, filterText: string, sortColumn: TowerColumn, descending: boolean): Uint32Array {
    const rows = residentDataset(datasetKey).table.rows(filterText, sortColumn, descending);
    return Comlink.transfer(rows, [rows.buffer as ArrayBuffer]);
  },

  /** Band `bandIndex` of `bandCount` of a signal run on the resident dataset (prepared once, in the job). */
  signalCoverageBand: (
    jobId: number,
    datasetKey: string,
    settings: SignalRunSettings,
    bandIndex: number,
    bandCount: number,
    onProgress?: Progress,
  ): Promise<SignalCoverageBand> =>
    withJob(jobId, async (signal) => {
      const run = await residentDataset(datasetKey).signalRun(settings, { signal });
      const band = await computeSignalCoverage(signalBandRequest(run, bandIndex, bandCount), { signal, onProgress });
      return Comlink.transfer(band, coverageBuffers(band));
    }),

  /** The last step of a signal run: join the bands, sum the figures and draw the first image, off the main thread. */
  async finishSignalRun(
    datasetKey: string,
    settings: SignalRunSettings,
    bands: SignalCoverageBand[],
    palette: SignalPalette,
  ): Promise<SignalRunResult<ImageBitmap>> {
    const finished = finishSignalRun(await residentDataset(datasetKey).signalRun(settings), bands, palette);
    const { grid, cellMask, populated, gapShown } = finished.result;
    const image = await createImageBitmap(new ImageData(finished.imagePixels, grid.width, grid.height));
    const result = { ...finished.result, image };
    return Comlink.transfer(result, [
      ...coverageBuffers(result.coverage),
      cellMask.buffer as ArrayBuffer,
      populated.buffer as ArrayBuffer,
      gapShown.buffer as ArrayBuffer,
      image,
    ]);
  },

  /** The signal raster as an image (a view of one operator or all, in a palette), decoded here for the map. */
  async signalImage(
    signalDbm: Float32Array,
    cellMask: Uint8Array,
    gapShown: Uint8Array,
    width: number,
    height: number,
    thresholdDbm: number,
    palette: SignalPalette,
  ): Promise<ImageBitmap> {
    const pixels = signalImagePixels(signalDbm, cellMask, thresholdDbm, palette, gapShown);
    const image = await createImageBitmap(new ImageData(pixels, width, height));
    return Comlink.transfer(image, [image]);
  },

  /** The held masts as a file to download (mastListFile): written here, so a large list does not hold the page. */
  async mastListFile(datasetKey: string, provinceCode: string, format: MastListFormat) {
    const file = await mastListFile(residentDataset(datasetKey).towers, provinceCode, format);
    return Comlink.transfer(file, [file.bytes.buffer as ArrayBuffer]);
  },

  /** Pairs, clusters, tenancy, spare capacity and consolidation as the page shows them; the pairs are transferred. */
  analyzeColocation(datasetKey: string, settings: ColocationSettings) {
    const summary = summarizeColocation(
      analyzeColocation(buildColocationRequest(settings, residentDataset(datasetKey).analysisData)),
    );
    const { a, b, distanceM } = summary.pairs;
    return Comlink.transfer(summary, [a.buffer, b.buffer, distanceM.buffer] as ArrayBuffer[]);
  },

  /** For each operator, masts of others with room, ranked by the people it would newly cover by joining them. */
  colocationOpportunities: (jobId: number, datasetKey: string, defaultRadiusM: number) =>
    withJob(jobId, async (signal) => {
      const request = await buildOpportunitiesRequest({ defaultRadiusM }, residentDataset(datasetKey).analysisData, {
        signal,
      });
      return findColocationOpportunities(request, { signal });
    }),

  /** Shared 5G sites: maximal covering with the province's rules, with the certified gap to the optimum. */
  planSharedSites: (jobId: number, datasetKey: string, settings: SitePlanSettings, onProgress?: Progress) =>
    withJob(jobId, async (signal) => {
      const highs = settings.solver === 'exact' ? await loadHighs() : undefined;
      const dataset = residentDataset(datasetKey);
      const data = {
        ...dataset.analysisData,
        signal: { towers: dataset.towers, terrain: dataset.terrain ?? undefined },
      };
      // On predicted signal, the prediction and the existing masts' coverage are kept between plans.
      const prepared = settings.propagation
        ? await dataset.signalSitePlan(settings.propagation, { signal, onProgress: (f) => onProgress?.(0.15 * f) })
        : undefined;
      const request = await buildSignalSitePlanRequest(settings, data, { highs }, { signal }, prepared);
      return planSharedSites(request, { signal, onProgress });
    }),

  fixedRadiusCoverageBand: (jobId: number, request: FixedRadiusCoverageRequest, onProgress?: Progress) =>
    withJob(jobId, async (signal) => {
      const coveredBits = await computeFixedRadiusCoverage(request, { signal, onProgress });
      return Comlink.transfer(coveredBits, [coveredBits.buffer as ArrayBuffer]);
    }),
};

export type AnalysisApi = typeof analysisApi;
