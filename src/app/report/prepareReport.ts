import { runFixedRadiusCoverage } from '../../../workers/runFixedRadiusCoverage';
import type { ColocationSettings } from '../../core/colocation/buildColocationRequest';
import type { OperatorOpportunities } from '../../core/colocation/colocationOpportunities';
import type { ColocationSummary } from '../../core/colocation/summarizeColocation';
import { type CoverageSummary, summarizeCoverage } from '../../core/coverage/computeFixedRadiusCoverage';
import type { SignalRunSettings } from '../../core/coverage/prepareSignalRun';
import { type SignalPalette, signalImagePixels } from '../../core/coverage/signalImagePixels';
import { signalCoverageBits } from '../../core/coverage/summarizeSignalCoverage';
import { towerTenantCount } from '../../core/model/tower';
import type { WordedMessage } from '../../core/model/wordedMessage';
import type { SitePlanSettings } from '../../core/siting/buildSitePlanRequest';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';
import { CancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { runSignalInPool, signalRunSettingsOf } from '../coverage/signalRunInPool';
import { loadDemoProvince } from '../data/loadDemoProvince';
import type { ProvinceDataset } from '../data/provinceDataset';
import { withImportedRasters } from '../data/provinceTerrain';
import { replaceTowers } from '../data/replaceTowers';
import { ensureResident } from '../data/residentDataset';
import { mainlandBounds } from '../map/mainlandBounds';
import { decodeShareHash } from '../persistence/shareLink';
import { loadSavedTerrain } from '../persistence/terrainStorage';
import { loadSavedTowers } from '../persistence/towerStorage';
import { withSavedCertificate } from '../sharing/savedPlanCertificate';
import { serverDocumentToPlan } from '../sharing/serverDocumentToPlan';
import { DEFAULT_COLOCATION_SETTINGS, DEFAULT_PLAN_SETTINGS } from '../sharing/sharingStore';
import type { PlanProvenance } from '../sharing/siteProvenance';
import { defaultProject, type ProjectDocument } from '../store/projectDocument';
import { type ReportMapCoverage, renderReportMap, scaleBarLength } from './renderReportMap';
import { pageSizeMm, REPORT_DPI, REPORT_MARGIN_MM, type ReportParams } from './reportParams';

/** Everything the report prints: the analyses' results, the map image and the figures derived from them. */
/** What the report's coverage figures are: fixed radius, or the project's propagation run with its settings. */
export type ReportCoverage =
  | { mode: 'fixed'; defaultRadiusM: number }
  | {
      mode: 'signal';
      settings: SignalRunSettings;
      thresholdDbm: number;
      cellWidthM: number;
      cellHeightM: number;
      /** The run's own notes (assumptions, terrain, validity), worded by code (the command line prints the reasons). */
      notes: WordedMessage[];
      /** The palette the map is drawn in (the project's, as on screen). */
      palette: SignalPalette;
      /** Operators with no radio in the technology (no 5G licence): printed "—", not 0. */
      operatorsWithoutRadio: readonly string[];
    };

export interface ReportData {
  /** Opened by its address alone (no view from the app): the analyses are the province's defaults, said so. */
  openedByAddress: boolean;
  /** Null when the app opened the report without co-location figures on screen (not printed). */
  colocation: ColocationSummary | null;
  /** The co-location's settings: those of the figures on the app's screen when it opened the report, else defaults. */
  colocationSettings: ColocationSettings;
  opportunities: OperatorOpportunities[] | null;
  /** Null when the app opened the report with no plan on screen (not printed). */
  plan: PlanSharedSitesResult | null;
  /** How each site came to be where it is (moved by hand, opened from the server), by site id. */
  planProvenance: PlanProvenance;
  /** The settings the plan was made with: the app's plan when the report was opened from it, else the defaults. */
  planSettings: SitePlanSettings;
  dataset: ProvinceDataset;
  project: ProjectDocument;
  summary: CoverageSummary;
  /** The coverage analysis the figures come from: the project's own mode and settings (as the app computes them). */
  coverage: ReportCoverage;
  /** Masts per owning operator, in the order of the dataset's first mast of each. */
  mastsByOperator: Array<[operator: string, count: number]>;
  /** Masts with more than one tenant. */
  sharedMastCount: number;
  /** The map as a PNG object URL (the caller revokes it when the report goes). */
  mapUrl: string;
  /** Site labels the map could not place clear of the others at its scale (drawn over another one). */
  overlappingLabels: string[];
  mapWidthMm: number;
  mapHeightMm: number;
  /** A round length of about a fifth of the map's width, and its length on paper. */
  scaleBar: { metres: number; widthMm: number };
  /** The map's scale as 1:n, n rounded to the thousand. */
  scaleDenominator: number;
}

export interface ReportRequest {
  params: ReportParams;
  /** The page URL's hash: the project (and plan) the app shared when it opened the report; empty for the defaults. */
  shareHash: string;
}

const MM_PER_INCH = 25.4;

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new CancelledError();
}

/**
 * Loads the province as the app shows it, runs the report's analyses in the worker pool (the coverage; the
 * co-location, opportunities and the shared-site plan when they were on screen), draws the map at print resolution
 * and computes the figures.
 * An aborted `signal` cancels the pool's jobs and rejects with a CancelledError.
 */
export async function prepareReport({ params, shareHash }: ReportRequest, signal: AbortSignal): Promise<ReportData> {
  const demo = await loadDemoProvince();
  // The masts the app shows: those kept in this browser after an import (or from the server), else the demo's.
  const [saved, savedTerrain] = await Promise.all([
    loadSavedTowers(demo.provinceCode),
    loadSavedTerrain(demo.provinceCode),
  ]);
  throwIfAborted(signal);
  // The DEMs the app predicts over: the demo's and those imported in this browser.
  const dataset = withImportedRasters(saved ? replaceTowers(demo, saved.towers) : demo, savedTerrain);
  const shared = decodeShareHash(shareHash);
  const project = shared?.project ?? defaultProject(dataset.provinceCode);
  // The plan on the app's screen when the report was opened (its sites evaluated as placed, with the settings and the
  // coverage it was made on, and its bound when the evaluation finds the same plan), else the default plan's search.
  const planInputs = shared?.plan ? serverDocumentToPlan(shared.plan) : null;
  const colocationSettings = shared?.colocation ?? DEFAULT_COLOCATION_SETTINGS;
  // The plan's own radius for masts without one when the link says it (the plan as computed), else the project's.
  const planSettings: SitePlanSettings = {
    ...DEFAULT_PLAN_SETTINGS,
    ...planInputs?.settings,
    defaultRadiusM: planInputs?.settings.defaultRadiusM ?? project.coverage.defaultRadiusM,
  };
  const coveredBits = await runFixedRadiusCoverage(
    getAnalysisPool(),
    dataset.population,
    dataset.towerArrays,
    project.coverage.defaultRadiusM,
    { signal },
  );
  const pool = getAnalysisPool();
  // The coverage the project shows: its propagation run when the app is in that mode (the same settings and code as
  // the panel), else fixed radius. The co-location keeps its fixed-radius definition; the plan its own (above).
  let summary: CoverageSummary = summarizeCoverage(dataset.population, coveredBits, dataset.towerArrays.operatorNames);
  let coverage: ReportCoverage = { mode: 'fixed', defaultRadiusM: project.coverage.defaultRadiusM };
  let mapCoverage: ReportMapCoverage = {
    grid: dataset.population,
    coveredBits,
  };
  if (project.coverage.mode === 'signal') {
    const settings = signalRunSettingsOf(project.coverage);
    const run = await runSignalInPool(pool, dataset, settings, project.coverage.palette, { signal });
    run.image.close();
    const palette = project.coverage.palette;
    summary = run.summary;
    coverage = {
      mode: 'signal',
      settings,
      thresholdDbm: run.thresholdDbm,
      cellWidthM: run.grid.cellWidthM,
      cellHeightM: run.grid.cellHeightM,
      notes: run.notes,
      palette,
      operatorsWithoutRadio: run.operatorsWithoutRadio,
    };
    mapCoverage = {
      grid: { ...run.grid, values: run.populated, nodata: 0 },
      coveredBits: signalCoverageBits(run.coverage, run.thresholdDbm),
      // The screen's colours (all operators): signal bins where served, the gap colour where people go without.
      pixels: signalImagePixels(run.coverage.bestSignalDbm, run.cellMask, run.thresholdDbm, palette, run.gapShown),
    };
  }
  // Opened from the app, the report prints the co-location and the plan only when they were on screen (a plan the
  // planner did not make is not printed as if it were theirs); opened by its address alone, the province's defaults.
  const printsColocation = shared?.colocationShown !== false;
  const printsPlan = !shared || planInputs !== null;
  const [colocation, opportunities, evaluatedPlan] = await Promise.all([
    printsColocation
      ? pool.run(async (api) => api.analyzeColocation(await ensureResident(api, dataset), colocationSettings), {
          signal,
        })
      : null,
    printsColocation
      ? pool.run(
          async (api, jobId) =>
            api.colocationOpportunities(
              jobId,
              await ensureResident(api, dataset),
              shared?.opportunitiesRadiusM ?? project.coverage.defaultRadiusM,
            ),
          { signal },
        )
      : null,
    printsPlan
      ? pool.run(
          async (api, jobId) =>
            api.planSharedSites(jobId, await ensureResident(api, dataset), {
              ...planSettings,
              fixedSites: planInputs?.fixedSites,
            }),
          { signal },
        )
      : null,
  ]);
  const plan = evaluatedPlan && withSavedCertificate(evaluatedPlan, planInputs?.certificate ?? null);
  const page = pageSizeMm(params);
  const mapWidthMm = page.width - 2 * REPORT_MARGIN_MM;
  const mapHeightMm = params.orientation === 'landscape' ? page.height * 0.62 : page.height * 0.45;
  const { canvas, metresPerPixel, overlappingLabels } = renderReportMap({
    dataset,
    layers: project.layers,
    coverage: mapCoverage,
    sites: plan?.sites.map((site, index) => ({ lon: site.lon, lat: site.lat, label: `S${index + 1}` })),
    bounds: mainlandBounds(dataset),
    dotsPerMm: REPORT_DPI / MM_PER_INCH,
    widthPx: Math.round((mapWidthMm / MM_PER_INCH) * REPORT_DPI),
    heightPx: Math.round((mapHeightMm / MM_PER_INCH) * REPORT_DPI),
  });
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('could not encode the map image');
  throwIfAborted(signal);

  // The scale bar is measured against the image's width at print size (unrounded, as it is laid out in mm).
  const printedWidthPx = (mapWidthMm / MM_PER_INCH) * REPORT_DPI;
  const scale = scaleBarLength(metresPerPixel, printedWidthPx / 5);
  const mastsByOperator = new Map<string, number>();
  for (const tower of dataset.towers)
    mastsByOperator.set(tower.operator, (mastsByOperator.get(tower.operator) ?? 0) + 1);
  return {
    openedByAddress: shared === null,
    colocation,
    colocationSettings,
    opportunities,
    plan,
    planProvenance: planInputs?.provenance ?? {},
    planSettings,
    dataset,
    project,
    summary,
    coverage,
    mastsByOperator: [...mastsByOperator.entries()],
    sharedMastCount: dataset.towers.filter((tower) => towerTenantCount(tower) >= 2).length,
    mapUrl: URL.createObjectURL(blob),
    overlappingLabels,
    mapWidthMm,
    mapHeightMm,
    scaleBar: { metres: scale.metres, widthMm: (scale.pixels / printedWidthPx) * mapWidthMm },
    scaleDenominator: Math.round((metresPerPixel * REPORT_DPI * 1000) / MM_PER_INCH / 1000) * 1000,
  };
}
