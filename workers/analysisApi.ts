import * as Comlink from 'comlink';
import type { Highs } from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { analyzeColocation } from '../src/core/colocation/analyzeColocation';
import {
  findColocationOpportunities,
  type OperatorOpportunities,
} from '../src/core/colocation/colocationOpportunities';
import { SHARING_DISTANCE_PRESETS } from '../src/core/colocation/sharingDistancePresets';
import { computeSpareCapacity } from '../src/core/colocation/spareCapacity';
import { type ColocationSummary, summarizeColocation } from '../src/core/colocation/summarizeColocation';
import type { FixedRadiusCoverageRequest } from '../src/core/coverage/computeFixedRadiusCoverage';
import { computeFixedRadiusCoverage } from '../src/core/coverage/computeFixedRadiusCoverage';
import {
  assembleSignalCoverage,
  computeSignalCoverage,
  type SignalCoverageBand,
  type SignalCoverageRequest,
} from '../src/core/coverage/computeSignalCoverage';
import { prepareSignalRun, type SignalRunSettings } from '../src/core/coverage/prepareSignalRun';
import { type SignalPalette, signalImagePixels } from '../src/core/coverage/signalImagePixels';
import { type SignalCoverageSummary, summarizeSignalCoverage } from '../src/core/coverage/summarizeSignalCoverage';
import { type CoordinateProblemReport, detectCoordinateProblems } from '../src/core/crs/detectCoordinateProblems';
import { labelCellCentresInAreas, transferCellLabels } from '../src/core/geo/labelCellCentresInAreas';
import type { LonLatPolygon } from '../src/core/geo/lonLatPolygon';
import type { AnalysisGrid } from '../src/core/geo/makeAnalysisGrid';
import { parseAreasGeoJson } from '../src/core/geo/parseAreasGeoJson';
import { parseLinesGeoJson } from '../src/core/geo/parseLinesGeoJson';
import { parseRegionsGeoJson } from '../src/core/geo/parseRegionsGeoJson';
import type { ColumnMapping } from '../src/core/io/applyColumnMapping';
import { parseTowers } from '../src/core/io/parseTowers';
import { previewCoordinates, previewTableFile, type TablePreview } from '../src/core/io/previewTableFile';
import { type ColumnMappingProposal, proposeColumnMapping } from '../src/core/io/proposeColumnMapping';
import { readPopulationGeoTiff } from '../src/core/io/readPopulationGeoTiff';
import { readTowerFile } from '../src/core/io/readTowerFile';
import type { TowerParseResult } from '../src/core/io/towerParseResult';
import type { TowerValueMapping } from '../src/core/io/towerReadOptions';
import { packMastAttributes } from '../src/core/model/mastAttributes';
import {
  defaultMergeMode,
  mergeTowers,
  TOWER_MERGE_MODES,
  type TowerMergeDiff,
  type TowerMergeMode,
} from '../src/core/model/mergeTowers';
import type { PopulationGrid } from '../src/core/model/populationGrid';
import type { InputProblem, Tower, TowerSource } from '../src/core/model/tower';
import { packTowers, type TowerArrays } from '../src/core/model/towerArrays';
import {
  decodeTowerColumns,
  encodeTowerColumns,
  type TowerColumns,
  towerColumnBuffers,
} from '../src/core/model/towerColumns';
import { buildTowerDrawIndex } from '../src/core/model/towerDrawIndex';
import { type TowerColumn, TowerTableIndex } from '../src/core/model/towerTableIndex';
import type { ResampledPopulation } from '../src/core/population/resamplePopulation';
import { computeNationalReadiness } from '../src/core/readiness/computeNationalReadiness';
import { packReadinessTowers } from '../src/core/readiness/packReadinessTowers';
import type { NationalReadiness, ReadinessTargets } from '../src/core/readiness/readinessTypes';
import type { DemandWeighting } from '../src/core/siting/buildDemand';
import { type PlanSharedSitesResult, planSharedSites, type SitingSolver } from '../src/core/siting/planSharedSites';
import type { UserSite } from '../src/core/siting/siteCandidate';
import { QUANG_NAM_SPACING } from '../src/core/siting/siteRules';
import { fetchOk } from './fetchOk';
import { type MastImportModeName, mastImportBodyText } from './mastImportBody';

/**
 * What the analysis worker offers. Logic lives in src/core; this maps jobs to AbortControllers so `cancel` reaches them.
 * Results that hold typed arrays are transferred, not copied.
 */
const running = new Map<number, AbortController>();

async function withJob<T>(jobId: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  running.set(jobId, controller);
  try {
    return await work(controller.signal);
  } finally {
    running.delete(jobId);
  }
}

interface ResidentDataset {
  key: string;
  towers: Tower[];
  /** The attribute table's kept folds and orders, built on its first query. */
  table: TowerTableIndex | null;
  arrays: TowerArrays;
  population: PopulationGrid;
  communesGeoJson: string | null;
  backboneGeoJson: string | null;
}

/** A signal run prepared in this worker: the same code as the command line (prepareSignalRun), plus commune labels. */
interface PreparedRun {
  key: string;
  grid: AnalysisGrid;
  population: ResampledPopulation;
  cellMask: Uint8Array;
  request: Omit<SignalCoverageRequest, 'rowStart' | 'rowEnd' | 'cellMask'>;
  operatorNames: readonly string[];
  thresholdDbm: number;
  notes: string[];
  areas: { labels: Int32Array; names: string[] } | null;
}

let resident: ResidentDataset | null = null;
let preparedRun: PreparedRun | null = null;

/** The dataset this worker holds, if it is `datasetKey`. */
function residentDataset(datasetKey: string): ResidentDataset {
  if (resident?.key !== datasetKey) throw new Error(`the worker does not hold dataset ${datasetKey}; load it first`);
  return resident;
}

function preparedRunFor(datasetKey: string, settings: SignalRunSettings): PreparedRun {
  residentDataset(datasetKey);
  const key = `${datasetKey}|${JSON.stringify(settings)}`;
  if (preparedRun?.key === key) return preparedRun;
  const { towers, arrays, population, communesGeoJson } = residentDataset(datasetKey);
  const run = prepareSignalRun(towers, arrays, population, settings);
  let areas: PreparedRun['areas'] = null;
  if (communesGeoJson) {
    const named = parseAreasGeoJson(communesGeoJson, 'commune_vn');
    const sourceLabels = labelCellCentresInAreas(
      population,
      named.map((area) => area.polygons),
    );
    areas = { labels: transferCellLabels(sourceLabels, population, run.grid), names: named.map((area) => area.name) };
  }
  preparedRun = {
    key,
    grid: run.grid,
    population: run.population,
    cellMask: run.cellMask,
    request: run.prepared.request,
    operatorNames: run.prepared.operatorNames,
    thresholdDbm: run.prepared.thresholdDbm,
    notes: run.notes,
    areas,
  };
  return preparedRun;
}

export const analysisApi = {
  cancel(jobId: number): void {
    running.get(jobId)?.abort();
  },

  parseTowers(fileName: string, text: string) {
    return parseTowers(text, fileName);
  },

  async readPopulation(buffer: ArrayBuffer): Promise<PopulationGrid> {
    const grid = await readPopulationGeoTiff(buffer);
    return Comlink.transfer(grid, [grid.values.buffer as ArrayBuffer]);
  },

  /**
   * Readiness of every province from the national files, fetched here. One worker runs it (about 1 s): its label raster and mast
   * locations are built once and would have to be copied to split the bands further (measured: little gain on 2 cores).
   */
  async nationalReadiness(
    jobId: number,
    files: NationalReadinessFiles,
    targets: ReadinessTargets,
    onProgress?: (fraction: number) => void,
  ): Promise<NationalReadiness> {
    return withJob(jobId, async (signal) => {
      const text = (url: string) => fetchOk(url).then((response) => response.text());
      const [populationTif, provincesGeoJson, towersCsv, backboneGeoJson] = await Promise.all([
        fetchOk(files.populationTif).then((response) => response.arrayBuffer()),
        text(files.provincesGeoJson),
        text(files.towersCsv),
        text(files.backboneGeoJson),
      ]);
      onProgress?.(0.05);
      const grid = await readPopulationGeoTiff(populationTif);
      onProgress?.(0.1);
      const parsed = parseTowers(towersCsv, 'towers.csv');
      onProgress?.(0.25);
      const input = {
        grid,
        provinces: parseRegionsGeoJson(provincesGeoJson),
        towers: packReadinessTowers(parsed.towers),
        backbone: parseLinesGeoJson(backboneGeoJson),
        targets,
      };
      return computeNationalReadiness(input, {
        signal,
        onProgress: (fraction) => onProgress?.(0.3 + 0.7 * fraction),
      });
    });
  },

  /** Whether this worker holds the dataset `key` (see loadDataset). */
  hasDataset(key: string): boolean {
    return resident?.key === key;
  },

  /**
   * Keeps the province's towers, population and communes in this worker, so analyses that run often (the signal run)
   * send only their settings, and nothing large crosses the page during a run. One dataset per worker. The towers come
   * as columns (transferred typed arrays) and are rebuilt here: cloning Tower objects would cost the page per tower.
   */
  loadDataset(
    key: string,
    columns: TowerColumns,
    population: PopulationGrid,
    communesGeoJson: string | null,
    backboneGeoJson: string | null = null,
  ): void {
    const towers = decodeTowerColumns(columns);
    resident = { key, towers, table: null, arrays: packTowers(towers), population, communesGeoJson, backboneGeoJson };
    preparedRun = null;
  },

  /** The attribute table's rows (tower indices) for a filter and a sort, transferred. */
  towerTableRows(datasetKey: string, filterText: string, sortColumn: TowerColumn, descending: boolean): Uint32Array {
    const dataset = residentDataset(datasetKey);
    dataset.table ??= new TowerTableIndex(dataset.towers);
    const rows = dataset.table.rows(filterText, sortColumn, descending);
    return Comlink.transfer(rows, [rows.buffer as ArrayBuffer]);
  },

  /**
   * One band of rows of a signal run on the resident dataset, `bandIndex` of `bandCount` equal bands. The worker prepares
   * the run (analysis grid, resampled population, radios, communes) on its first band and keeps it for the next bands and
   * the finish, so the page sends settings only and receives each band's rasters, transferred.
   */
  async signalCoverageBand(
    jobId: number,
    datasetKey: string,
    settings: SignalRunSettings,
    bandIndex: number,
    bandCount: number,
    onProgress?: (fraction: number) => void,
  ): Promise<SignalCoverageBand> {
    const run = preparedRunFor(datasetKey, settings);
    const { height } = run.grid;
    const rowStart = Math.floor((bandIndex * height) / bandCount);
    const rowEnd = Math.floor(((bandIndex + 1) * height) / bandCount);
    const request: SignalCoverageRequest = { ...run.request, cellMask: run.cellMask, rowStart, rowEnd };
    const band = await withJob(jobId, (signal) => computeSignalCoverage(request, { signal, onProgress }));
    return Comlink.transfer(band, coverageBuffers(band));
  },

  /** The last step of a signal run: join the bands, sum the figures and draw the first image, off the main thread. */
  async finishSignalRun(
    datasetKey: string,
    settings: SignalRunSettings,
    bands: SignalCoverageBand[],
    palette: SignalPalette,
  ): Promise<SignalRunResult> {
    const run = preparedRunFor(datasetKey, settings);
    const coverage = assembleSignalCoverage(bands, run.grid);
    const summary = summarizeSignalCoverage({
      population: run.population,
      coverage,
      operatorNames: run.operatorNames,
      thresholdDbm: run.thresholdDbm,
      areas: run.areas ?? undefined,
    });
    const imagePixels = signalImagePixels(coverage.bestSignalDbm, run.cellMask, run.thresholdDbm, palette);
    const image = await createImageBitmap(new ImageData(imagePixels, run.grid.width, run.grid.height));
    // A copy of the mask goes to the page; the worker keeps its own for the next run with the same settings.
    const cellMask = run.cellMask.slice();
    const result: SignalRunResult = {
      grid: run.grid,
      coverage,
      cellMask,
      summary,
      operatorNames: run.operatorNames,
      thresholdDbm: run.thresholdDbm,
      notes: run.notes,
      image,
    };
    return Comlink.transfer(result, [...coverageBuffers(coverage), cellMask.buffer as ArrayBuffer, image]);
  },

  /** The signal raster as an image (a view of one operator or all, in a palette), decoded here for the map. */
  async signalImage(
    signalDbm: Float32Array,
    cellMask: Uint8Array,
    width: number,
    height: number,
    thresholdDbm: number,
    palette: SignalPalette,
  ): Promise<ImageBitmap> {
    const pixels = signalImagePixels(signalDbm, cellMask, thresholdDbm, palette);
    const image = await createImageBitmap(new ImageData(pixels, width, height));
    return Comlink.transfer(image, [image]);
  },

  /**
   * Pairs, clusters, tenancy, spare capacity and consolidation of the province's masts, as the page shows them (the
   * figures and the best candidates, see summarizeColocation); the pairs' arrays are transferred.
   */
  analyzeColocation(datasetKey: string, settings: ColocationSettings): ColocationSummary {
    const { towers, arrays, population } = residentDataset(datasetKey);
    const summary = summarizeColocation(
      analyzeColocation({
        towers: arrays,
        masts: packMastAttributes(towers),
        sharingDistance: settings.preset === 'custom' ? settings.distanceM : SHARING_DISTANCE_PRESETS[settings.preset],
        grid: population,
      }),
    );
    const { a, b, distanceM } = summary.pairs;
    return Comlink.transfer(summary, [
      a.buffer as ArrayBuffer,
      b.buffer as ArrayBuffer,
      distanceM.buffer as ArrayBuffer,
    ]);
  },

  /** For each operator, masts of others with room, ranked by the people it would newly cover by joining them. */
  async colocationOpportunities(
    jobId: number,
    datasetKey: string,
    defaultRadiusM: number,
  ): Promise<OperatorOpportunities[]> {
    return withJob(jobId, async (signal) => {
      const { towers, arrays, population } = residentDataset(datasetKey);
      const coveredBits = await computeFixedRadiusCoverage(
        { grid: population, towers: arrays, defaultRadiusM, rowStart: 0, rowEnd: population.height },
        { signal },
      );
      const spare = computeSpareCapacity(arrays, packMastAttributes(towers)).spare;
      return findColocationOpportunities(
        { grid: population, towers: arrays, spareSlots: spare, coveredBits, defaultRadiusM, limitPerOperator: 25 },
        { signal },
      );
    });
  },

  /** Shared 5G sites: maximal covering with the province's rules, with the certified gap to the optimum. */
  async planSharedSites(
    jobId: number,
    datasetKey: string,
    settings: SitePlanSettings,
    onProgress?: (fraction: number) => void,
  ): Promise<PlanSharedSitesResult> {
    const { towers, arrays, population, backboneGeoJson } = residentDataset(datasetKey);
    return withJob(jobId, async (signal) =>
      planSharedSites(
        {
          grid: population,
          towers: arrays,
          masts: packMastAttributes(towers),
          defaultRadiusM: settings.defaultRadiusM,
          operators: settings.operators,
          weighting: settings.weighting,
          siteRadiusM: settings.siteRadiusM,
          // Hex lattice at the site radius: finer than the covering spacing (R x 1.73), so the solver has choice.
          candidates: { lattice: { shape: 'hex', spacingM: settings.siteRadiusM }, existingMasts: true },
          rules: {
            exclusionZones: settings.exclusionZones,
            spacing: settings.useSpacingRule ? QUANG_NAM_SPACING : undefined,
            backbone: {
              lines: backboneGeoJson ? parseLinesGeoJson(backboneGeoJson) : [],
              maxDistanceM: settings.maxBackboneDistanceM ?? undefined,
            },
          },
          budget: { maxSites: settings.sites },
          fixedSites: settings.fixedSites,
          solver: settings.solver,
          exact: settings.solver === 'exact' ? { timeLimitSeconds: 20, highs: await loadHighs() } : undefined,
          technology: '5g',
        },
        { signal, onProgress },
      ),
    );
  },

  /** First rows of a tower file, the proposed column mapping and what looks wrong with its coordinates. */
  async previewImport(
    bytes: Uint8Array,
    fileName: string,
    crs: string,
    province: LonLatPolygon[],
  ): Promise<ImportPreview> {
    const preview = await previewTableFile(bytes, fileName, { maxRows: 50 });
    if (preview.geometryFromFile) return { preview, proposal: null, coordinates: null };
    const proposal = proposeColumnMapping(preview.headers, { sampleRows: preview.rows as string[][], crs });
    return { preview, proposal, coordinates: checkPreviewCoordinates(preview, proposal.mapping, crs, province) };
  },

  /** The coordinate check again, after the user changed the mapping or the CRS in the dialog. */
  checkImportCoordinates(preview: TablePreview, mapping: ColumnMapping, crs: string, province: LonLatPolygon[]) {
    return checkPreviewCoordinates(preview, mapping, crs, province);
  },

  /**
   * Reads the whole file with the confirmed mapping, CRS and value mappings: every row accepted, warned about or
   * rejected with its reason. The towers carry `source`; `diffs` says what each merge mode would do to the dataset
   * this worker holds (see mergeTowers), so the dialog can show it before anything changes.
   */
  async readImport(
    jobId: number,
    bytes: Uint8Array,
    fileName: string,
    options: ImportReadOptions,
    datasetKey: string | null,
    source: TowerSource,
    onProgress?: (fraction: number) => void,
  ): Promise<ImportReadResult> {
    return withJob(jobId, async (signal) => {
      const result = await readTowerFile(bytes, fileName, {
        columns: options.columns,
        crs: options.crs,
        valueMapping: options.valueMapping,
        keepOutsideVietnam: options.keepOutsideVietnam,
        areaPolygons: options.areaPolygons,
        areaName: options.areaName,
        signal,
        onProgress,
      });
      for (const tower of result.towers) tower.source = source;
      const existing = datasetKey && resident?.key === datasetKey ? resident.towers : [];
      const diffs = Object.fromEntries(
        TOWER_MERGE_MODES.map((mode) => [mode, mergeTowers(existing, result.towers, mode).diff]),
      ) as Record<TowerMergeMode, TowerMergeDiff>;
      // The page gets the towers as columns (transferred) and the problems up to a cap, with their totals: a
      // million-row file must not cost the page a million cloned objects.
      const columns = await encodeTowerColumns(result.towers);
      const warnedRows = new Set(result.warnings.filter((warning) => warning.row !== 0).map((warning) => warning.row));
      const read: ImportReadResult = {
        result: {
          ...result,
          towers: [],
          rejected: result.rejected.slice(0, MAX_PROBLEMS_TO_PAGE),
          warnings: capWarnings(result.warnings),
          problemRecords: result.problemRecords && {
            header: result.problemRecords.header,
            rows: result.problemRecords.rows.slice(0, 2 * MAX_PROBLEMS_TO_PAGE),
          },
        },
        columns,
        acceptedCount: result.towers.length,
        rejectedCount: result.rejected.length,
        warnedRowCount: warnedRows.size,
        diffs,
        defaultMode: defaultMergeMode(result.towers),
      };
      return Comlink.transfer(read, towerColumnBuffers(columns));
    });
  },

  /**
   * The masts after an import, as the chosen mode merges the read ones (columns) into the dataset this worker holds;
   * returned as columns, transferred, for the page to decode in slices.
   */
  async mergeImport(datasetKey: string, incoming: TowerColumns, mode: TowerMergeMode): Promise<MergedImport> {
    const { towers } = residentDataset(datasetKey);
    const merged = mergeTowers(towers, decodeTowerColumns(incoming), mode).towers;
    const columns = await encodeTowerColumns(merged);
    // The page's arrays and the map's draw index are built here too: for 100,000 masts each is tens of ms on the page.
    const arrays = packTowers(merged);
    const { order, index } = buildTowerDrawIndex(arrays);
    const indexData = index ? (index.data as ArrayBuffer) : null;
    const result: MergedImport = {
      columns,
      arrays: { ...arrays, ids: [] },
      drawOrder: order,
      drawIndexData: indexData,
    };
    const buffers = [
      ...towerColumnBuffers(columns),
      ...[arrays.lon, arrays.lat, arrays.radiusM, arrays.heightM, arrays.ownerIndex, arrays.tenantBits].map(
        (array) => array.buffer as ArrayBuffer,
      ),
      ...(arrays.tenantCount ? [arrays.tenantCount.buffer as ArrayBuffer] : []),
      order.buffer as ArrayBuffer,
      ...(indexData ? [indexData] : []),
    ];
    return Comlink.transfer(result, buffers);
  },

  /** The server's mast import body for these masts (columns), as a Blob: the page only hands it to fetch. */
  mastImportBody(columns: TowerColumns, mode: MastImportModeName, sourceName: string): Blob {
    const text = mastImportBodyText(decodeTowerColumns(columns), mode, sourceName);
    return new Blob([text], { type: 'application/json' });
  },

  async fixedRadiusCoverageBand(
    jobId: number,
    request: FixedRadiusCoverageRequest,
    onProgress?: (fraction: number) => void,
  ): Promise<Uint8Array> {
    const coveredBits = await withJob(jobId, (signal) => computeFixedRadiusCoverage(request, { signal, onProgress }));
    return Comlink.transfer(coveredBits, [coveredBits.buffer as ArrayBuffer]);
  },
};

/** What the page keeps of a signal run: the whole-grid rasters (transferred), the summary and the first image. */
export interface SignalRunResult {
  grid: AnalysisGrid;
  coverage: SignalCoverageBand;
  cellMask: Uint8Array;
  summary: SignalCoverageSummary;
  operatorNames: readonly string[];
  thresholdDbm: number;
  notes: string[];
  /** The first image (all operators), decoded here and transferred, so the page only hands it to the map. */
  image: ImageBitmap;
}

function coverageBuffers(coverage: SignalCoverageBand): ArrayBuffer[] {
  return [
    coverage.bestSignalDbm.buffer as ArrayBuffer,
    coverage.servingTowerIndex.buffer as ArrayBuffer,
    ...coverage.bestSignalDbmByOperator.map((signal) => signal.buffer as ArrayBuffer),
  ];
}

export type SharingPreset = keyof typeof SHARING_DISTANCE_PRESETS | 'custom';

export interface ColocationSettings {
  preset: SharingPreset;
  /** Used with the 'custom' preset, metres. */
  distanceM: number;
}

export interface SitePlanSettings {
  operators: string[];
  weighting: DemandWeighting;
  siteRadiusM: number;
  sites: number;
  solver: SitingSolver;
  /** Reach of existing masts without radius_m, metres. */
  defaultRadiusM: number;
  /** Hard limit on a new mast's distance to the backbone, metres; none when null. */
  maxBackboneDistanceM: number | null;
  useSpacingRule: boolean;
  exclusionZones: number[][][][];
  /** Evaluate these sites as placed (the planner moved one) instead of searching. */
  fixedSites?: UserSite[];
}

function checkPreviewCoordinates(
  preview: TablePreview,
  mapping: ColumnMapping,
  crs: string,
  province: LonLatPolygon[],
): CoordinateProblemReport | null {
  const coordinates = previewCoordinates(preview, mapping);
  if (coordinates.length === 0) return null;
  return detectCoordinateProblems(coordinates, { crs, areaPolygons: province, areaName: 'TP Đà Nẵng' });
}

let highsRuntime: Promise<Highs> | null = null;

/** HiGHS (WebAssembly), loaded once per worker, only when the exact solver is asked for. */
function loadHighs(): Promise<Highs> {
  highsRuntime ??= import('highs').then((module) => module.default({ locateFile: () => highsWasmUrl }));
  return highsRuntime;
}

/** The masts after an import: columns (for the workers and storage), the page's arrays (ids left empty: the page has
 * them from the decoded towers) and the map's draw order and KDBush index data. */
export interface MergedImport {
  columns: TowerColumns;
  arrays: TowerArrays;
  drawOrder: Uint32Array;
  drawIndexData: ArrayBuffer | null;
}

export interface ImportReadOptions {
  columns?: ColumnMapping;
  crs: string;
  valueMapping?: TowerValueMapping;
  keepOutsideVietnam?: boolean;
  areaPolygons?: LonLatPolygon[];
  areaName?: string;
}

/** Rejected rows (and warnings) sent to the page at most; the totals say how many there are. */
const MAX_PROBLEMS_TO_PAGE = 5000;

/** The file-level warnings (row 0) always, then the row warnings up to the cap. */
function capWarnings(warnings: InputProblem[]): InputProblem[] {
  const fileLevel = warnings.filter((warning) => warning.row === 0);
  return [...fileLevel, ...warnings.filter((warning) => warning.row !== 0).slice(0, MAX_PROBLEMS_TO_PAGE)];
}

export interface ImportReadResult {
  /** The read file without its towers (they are in `columns`), its problems up to a cap. */
  result: TowerParseResult;
  /** The accepted towers, each with the import's source. */
  columns: TowerColumns;
  acceptedCount: number;
  rejectedCount: number;
  /** Rows accepted with at least one warning. */
  warnedRowCount: number;
  diffs: Record<TowerMergeMode, TowerMergeDiff>;
  defaultMode: TowerMergeMode;
}

export interface ImportPreview {
  preview: TablePreview;
  proposal: ColumnMappingProposal | null;
  coordinates: CoordinateProblemReport | null;
}

/** Where the national files are (absolute URLs): the worker fetches, decodes and parses them, off the page. */
export interface NationalReadinessFiles {
  populationTif: string;
  provincesGeoJson: string;
  towersCsv: string;
  backboneGeoJson: string;
}

export type AnalysisApi = typeof analysisApi;
