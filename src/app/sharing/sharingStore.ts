import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { ColocationSettings } from '../../core/colocation/buildColocationRequest';
import type { OperatorOpportunities } from '../../core/colocation/colocationOpportunities';
import { DEMO_PROVINCE_SHARING_PRESET } from '../../core/colocation/sharingDistancePresets';
import type { ColocationSummary } from '../../core/colocation/summarizeColocation';
import type { InputProblem, Tower } from '../../core/model/tower';
import type { SitePlanSettings } from '../../core/siting/buildSitePlanRequest';
import type { PlanSharedSitesResult } from '../../core/siting/planSharedSites';
import type { UserSite } from '../../core/siting/siteCandidate';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { planSignalSettingsOf } from '../coverage/signalRunInPool';
import { latestRun } from '../data/latestRun';
import { ensureResident } from '../data/residentDataset';
import { openServerPlan, useServerStore } from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { type PlanPanelSettings, planSettingsAsRun } from './planSettingsAsRun';
import { type SavedPlanCertificate, withSavedCertificate } from './savedPlanCertificate';
import { serverDocumentToPlan } from './serverDocumentToPlan';
import { type PlanProvenance, provenanceAfterMove, provenanceOfOpened, provenanceOfSearch } from './siteProvenance';

type Status = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SharingState {
  colocationSettings: ColocationSettings;
  colocationStatus: Status;
  colocation: ColocationSummary | null;
  opportunities: OperatorOpportunities[] | null;
  /**
   * What the co-location on screen was computed from: its settings and the masts (the dataset's list). The panel says
   * when either has changed since, and the report and share link use these settings.
   */
  /** What the co-location on screen was computed on: its settings, the masts and the opportunities' default radius, m. */
  colocationBasis: { settings: ColocationSettings; towers: readonly Tower[]; defaultRadiusM: number } | null;
  opportunitiesOperator: string;
  planSettings: PlanPanelSettings;
  planStatus: Status;
  planProgress: number;
  plan: PlanSharedSitesResult | null;
  /**
   * What the plan on screen was computed from: its settings as run (the prediction's settings included, fixed sites
   * left out) and the masts. The panel says when either has changed since; the share link and the report carry them.
   */
  planBasis: { settings: SitePlanSettings; towers: readonly Tower[] } | null;
  /** Where each site of the plan comes from (proposed by which search, moved by whom, opened), by site id. */
  siteProvenance: PlanProvenance;
  planDurationMs: number | null;
  selectedSiteIndex: number | null;
  /** A proposed site being dragged on the map: its index in the plan and where it is now. */
  siteDrag: { index: number; lon: number; lat: number } | null;
  /** The candidate list last read (its name, the sites kept, the rows refused or warned about), for the panel. */
  candidateFile: {
    name: string;
    accepted: number;
    rejected: InputProblem[];
    warnings: InputProblem[];
  } | null;
  /** Corners of the exclusion zone being drawn on the map ([lon, lat]), or null when not drawing. */
  drawingZone: Array<[number, number]> | null;
  error: string | null;
}

/** Defaults of the planning panel (and of the report when it plans on its own). */
export const DEFAULT_COLOCATION_SETTINGS: ColocationSettings = { preset: DEMO_PROVINCE_SHARING_PRESET, distanceM: 100 };
export const DEFAULT_PLAN_SETTINGS: PlanPanelSettings = {
  operators: ['Viettel', 'VinaPhone', 'MobiFone'],
  weighting: 'people_x_operators',
  siteRadiusM: 1500,
  sites: 20,
  maxCapexUsd: null,
  maxCapexVnd: null,
  solver: 'greedy_swap',
  defaultRadiusM: 2000,
  maxBackboneDistanceM: null,
  useSpacingRule: true,
  exclusionZones: [],
};

export const useSharingStore = create<SharingState>(() => ({
  colocationSettings: DEFAULT_COLOCATION_SETTINGS,
  colocationStatus: 'idle',
  colocation: null,
  opportunities: null,
  colocationBasis: null,
  opportunitiesOperator: 'Vietnamobile',
  planSettings: DEFAULT_PLAN_SETTINGS,
  planStatus: 'idle',
  planProgress: 0,
  plan: null,
  planBasis: null,
  siteProvenance: {},
  planDurationMs: null,
  selectedSiteIndex: null,
  candidateFile: null,
  drawingZone: null,
  siteDrag: null,
  error: null,
}));

/** Starts drawing an exclusion zone: each click on the map adds a corner. */
export function startDrawingZone(): void {
  useSharingStore.setState({ drawingZone: [] });
}

/** Adds a corner to the zone being drawn; false when not drawing (the click is the map's). */
export function addZoneCorner(lonLat: [number, number]): boolean {
  const drawing = useSharingStore.getState().drawingZone;
  if (!drawing) return false;
  useSharingStore.setState({ drawingZone: [...drawing, lonLat] });
  return true;
}

/** Closes the zone being drawn (3 corners at least) and adds it to the plan's exclusion zones. */
export function finishDrawingZone(): void {
  const drawing = useSharingStore.getState().drawingZone;
  if (!drawing || drawing.length < 3) return;
  const ring = [...drawing, drawing[0]].map(([lon, lat]) => [lon, lat]);
  addExclusionZones([[ring]]);
  useSharingStore.setState({ drawingZone: null });
}

export function cancelDrawingZone(): void {
  useSharingStore.setState({ drawingZone: null });
}

/** Adds polygons (rings of [lon, lat]) to the exclusion zones new sites must stay out of. */
export function addExclusionZones(polygons: number[][][][]): void {
  updatePlanSettings({ exclusionZones: [...useSharingStore.getState().planSettings.exclusionZones, ...polygons] });
}

export function removeExclusionZone(index: number): void {
  updatePlanSettings({
    exclusionZones: useSharingStore.getState().planSettings.exclusionZones.filter((_, i) => i !== index),
  });
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function runColocation(): Promise<void> {
  const { dataset, history } = useAppStore.getState();
  if (!dataset) return;
  const settings = useSharingStore.getState().colocationSettings;
  const { defaultRadiusM } = history.present.coverage;
  useSharingStore.setState({ colocationStatus: 'running', error: null });
  try {
    const pool = getAnalysisPool();
    const [colocation, opportunities] = await Promise.all([
      pool.run(async (api) => api.analyzeColocation(await ensureResident(api, dataset), settings)),
      pool.run(async (api, jobId) =>
        api.colocationOpportunities(jobId, await ensureResident(api, dataset), defaultRadiusM),
      ),
    ]);
    useSharingStore.setState({
      colocationStatus: 'done',
      colocation,
      opportunities,
      colocationBasis: { settings, towers: dataset.towers, defaultRadiusM },
    });
  } catch (error) {
    useSharingStore.setState({ colocationStatus: 'error', error: message(error) });
  }
}

const planRun = latestRun();

/**
 * Proposes shared sites with the panel's settings; with `fixedSites`, evaluates exactly those sites instead (the
 * planner moved one): figures, costs and rule checks recomputed, no search and no bound.
 */
export async function runSitePlan(
  fixedSites?: UserSite[],
  provenance?: PlanProvenance,
  saved?: SavedPlanCertificate | null,
  savedRadiusM?: number,
): Promise<void> {
  const { dataset, history } = useAppStore.getState();
  if (!dataset) return;
  const run = planRun.start();
  const asRun = planSettingsAsRun(
    { ...useSharingStore.getState().planSettings, fixedSites },
    history.present.coverage,
    history.present.money,
  );
  // A saved plan is evaluated on the radius it was made with (its figures and bound hold); the panel then says the
  // coverage tab's radius differs, when it does.
  const settings = savedRadiusM === undefined ? asRun : { ...asRun, defaultRadiusM: savedRadiusM };
  const startedAt = performance.now();
  useSharingStore.setState((state) => ({
    planStatus: 'running',
    planProgress: 0,
    error: null,
    selectedSiteIndex: fixedSites ? state.selectedSiteIndex : null,
  }));
  try {
    const plan = await getAnalysisPool().run(
      async (api, jobId) =>
        api.planSharedSites(
          jobId,
          await ensureResident(api, dataset),
          settings,
          Comlink.proxy((fraction: number) => {
            if (run.isCurrent()) useSharingStore.setState({ planProgress: fraction });
          }),
        ),
      { signal: run.signal },
    );
    performance.mark('cosite:plan:result');
    if (!run.isCurrent()) return;
    useSharingStore.setState({
      planStatus: 'done',
      planProgress: 1,
      // A saved plan evaluated again as placed keeps the bound it was made with when it is the same plan (its value).
      plan: withSavedCertificate(plan, saved ?? null),
      planBasis: { settings: { ...settings, fixedSites: undefined }, towers: dataset.towers },
      // A search: each site proposed by it; fixed sites: what the caller says (a move), else as a saved plan had them.
      siteProvenance: fixedSites
        ? (provenance ?? provenanceOfOpened(fixedSites.map((site) => site.id)))
        : provenanceOfSearch(plan),
      planDurationMs: performance.now() - startedAt,
    });
  } catch (error) {
    if (!run.isCurrent()) return;
    useSharingStore.setState(
      isCancelledError(error) ? { planStatus: 'cancelled' } : { planStatus: 'error', error: message(error) },
    );
  }
}

/**
 * Opens a plan saved on the server: its settings into the panel and its sites evaluated as placed; saving then makes
 * a new version of that plan.
 */
export async function openPlanFromServer(planId: string): Promise<void> {
  const opened = await openServerPlan(planId);
  if (!opened) return;
  const { settings, fixedSites, provenance, certificate } = serverDocumentToPlan(opened.document);
  // A plan saved on predicted signal is opened on the prediction (the coverage tab's settings, as on any run).
  // A budget the document does not say was typed in đồng is its USD amount (not an earlier plan's đồng).
  updatePlanSettings({ ...settings, maxCapexVnd: settings.maxCapexVnd ?? null, propagation: settings.propagation });
  // Sites keep where they came from; those the document says nothing of are "as opened".
  await runSitePlan(
    fixedSites,
    { ...provenanceOfOpened(fixedSites.map((site) => site.id)), ...provenance },
    certificate,
    settings.defaultRadiusM,
  );
}

/** Shows a proposed site being dragged at [lon, lat] (or ends the preview with null). */
export function previewSiteDrag(drag: { index: number; lon: number; lat: number } | null): void {
  useSharingStore.setState({ siteDrag: drag });
}

/** The planner moved proposed site `index` to [lon, lat]: the plan's sites are evaluated again where they now are. */
export function moveSite(index: number, lon: number, lat: number): Promise<void> {
  const { plan } = useSharingStore.getState();
  useSharingStore.setState({ siteDrag: null });
  if (!plan?.sites[index]) return Promise.resolve();
  const fixedSites: UserSite[] = plan.sites.map((site, i) => ({
    id: site.id,
    lon: i === index ? lon : site.lon,
    lat: i === index ? lat : site.lat,
    mastType: site.mastType,
    ...(site.heightM === null ? {} : { heightM: site.heightM }),
  }));
  useSharingStore.setState({ selectedSiteIndex: index });
  const who = useServerStore.getState().user?.username ?? null;
  return runSitePlan(
    fixedSites,
    provenanceAfterMove(useSharingStore.getState().siteProvenance, plan.sites[index].id, who),
  );
}

/** The plan's sites evaluated again where they are, on the current masts and settings (after an import, say). */
export function reevaluatePlanSites(): Promise<void> {
  const { plan, siteProvenance } = useSharingStore.getState();
  if (!plan) return Promise.resolve();
  const fixedSites: UserSite[] = plan.sites.map((site) => ({
    id: site.id,
    lon: site.lon,
    lat: site.lat,
    mastType: site.mastType,
    ...(site.heightM === null ? {} : { heightM: site.heightM }),
  }));
  return runSitePlan(fixedSites, siteProvenance);
}

export function cancelSitePlan(): void {
  planRun.cancel();
}

/** Switches the plan between fixed radius and the coverage tab's prediction. */
export function setPlanOnPredictedSignal(onPrediction: boolean): void {
  const coverage = useAppStore.getState().history.present.coverage;
  updatePlanSettings({
    propagation: onPrediction ? planSignalSettingsOf(coverage) : undefined,
  });
}

export function updatePlanSettings(patch: Partial<PlanPanelSettings>): void {
  useSharingStore.setState((state) => ({ planSettings: { ...state.planSettings, ...patch } }));
}

export function updateColocationSettings(patch: Partial<ColocationSettings>): void {
  useSharingStore.setState((state) => ({ colocationSettings: { ...state.colocationSettings, ...patch } }));
}

export function selectSite(index: number | null): void {
  useSharingStore.setState({ selectedSiteIndex: index });
}
