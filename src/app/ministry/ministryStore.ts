import * as Comlink from 'comlink';
import { create } from 'zustand';
import { packTowersInSlices } from '../../core/model/towerArrays';
import type { ProvinceCoverageRaster } from '../../core/readiness/computeProvinceCoverageRaster';
import { evaluateTargets } from '../../core/readiness/finishReadiness';
import { packReadinessTowers } from '../../core/readiness/packReadinessTowers';
import {
  DEFAULT_READINESS_TARGETS,
  type NationalReadiness,
  READINESS_KPIS,
  type ReadinessKpi,
  type ReadinessTargets,
} from '../../core/readiness/readinessTypes';
import type { ProvinceRegisterTowers } from '../../core/readiness/withProvinceRegisters';
import type { SharedSiteCounts } from '../../core/readiness/withSharedSiteCounts';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { apiClient } from '../server/apiClient';
import type { ServerReadinessTargets } from '../server/apiTypes';
import {
  readReadinessProvinceRecords,
  readReadinessTargets,
  saveReadinessTargets,
  useServerStore,
} from '../server/serverStore';
import { useAppStore } from '../store/appStore';
import { nationalFileUrls } from './nationalFileUrls';
import { provinceCoverageImage } from './provinceCoverageImage';
import { loadProvinceMasts, type ProvinceMasts } from './provinceMasts';

export interface MinistryState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress: number;
  result: NationalReadiness | null;
  durationMs: number | null;
  error: string | null;
  targets: ReadinessTargets;
  /** The KPI the choropleth shows. */
  kpi: ReadinessKpi;
  /** Province drilled into, by code. */
  selectedCode: string | null;
  /** The drilled-into province's masts of the national set, for the map (null until loaded). */
  provinceMasts: ProvinceMasts | null;
  /** The drilled-into province's coverage cell by cell (the readiness definitions) and its image, once computed. */
  provinceCoverage: { raster: ProvinceCoverageRaster; image: HTMLCanvasElement } | null;
  provinceCoverageStatus: 'idle' | 'running' | 'done' | 'error';
  /** Which version of the server's targets these are (signed in), or null: the page's own targets. */
  serverTargets: { version: number; updatedAt: string | null; updatedBy: string | null } | null;
  /**
   * The provinces' planned and approved shared sites from the server (signed in as the ministry), by province code;
   * null when not known (signed out, another account, no server): the view then shows no figure for them.
   */
  sharedSites: {
    counts: Map<string, SharedSiteCounts>;
    publishedPlans: number;
    /** Each province's mast register on the server, as last read (the figures say which they counted: resultRegisters). */
    registers: Map<string, ProvinceRegister>;
    countedAt: string;
  } | null;
  /**
   * The provinces the figures shown count on their own register on the server instead of the national masts in them
   * (those whose register holds masts from imported files, read when the figures were computed), by code.
   */
  resultRegisters: ReadonlyMap<string, CountedRegister>;
  /** Registers that could not be read for the figures shown (by code, the refusal): those count the national masts. */
  registerFailures: ReadonlyMap<string, unknown>;
}

/** A register the figures counted: as read then, and the operators it spoke for (those with imported lists). */
export interface CountedRegister extends ProvinceRegister {
  operators: string[];
}

/** A province's mast register on the server: masts, those from imported files, those the files say run 5G. */
export interface ProvinceRegister {
  masts: number;
  imported: number;
  fiveG: number;
  lastImportAt: string | null;
}

export const useMinistryStore = create<MinistryState>(() => ({
  status: 'idle',
  progress: 0,
  result: null,
  durationMs: null,
  error: null,
  targets: { ...DEFAULT_READINESS_TARGETS },
  kpi: 'coverage_5g_share',
  selectedCode: null,
  provinceMasts: null,
  provinceCoverage: null,
  provinceCoverageStatus: 'idle',
  serverTargets: null,
  sharedSites: null,
  resultRegisters: new Map(),
  registerFailures: new Map(),
}));

/** The registers' masts the figures shown counted (the drill-down's map and coverage use the same). */
let resultRegisterTowers: ProvinceRegisterTowers[] = [];

/** The register masts the figures shown counted for province `code`, or null: it counts the national masts. */
export function resultRegisterTowersOf(code: string): ProvinceRegisterTowers | null {
  return resultRegisterTowers.find((register) => register.provinceCode === code) ?? null;
}

/**
 * Signed in as the ministry: the provinces' records from the server, and the masts of each register holding masts from
 * imported files (an operator's or the province's list), which the run counts instead of the national (synthetic)
 * masts there. A register that cannot be read is named with its refusal and that province counts the national masts.
 */
export async function readRegistersForRun(): Promise<{
  towers: ProvinceRegisterTowers[];
  used: Map<string, CountedRegister>;
  failures: Map<string, unknown>;
}> {
  const towers: ProvinceRegisterTowers[] = [];
  const used = new Map<string, CountedRegister>();
  const failures = new Map<string, unknown>();
  const records = await loadSharedSites();
  const wanted = [...(records?.registers ?? new Map<string, ProvinceRegister>())]
    .filter(([, register]) => register.imported > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  await Promise.all(
    wanted.map(async ([code, register]) => {
      try {
        const list = await apiClient.listMasts(code);
        // The register speaks for the operators whose station lists were imported (masts from files): their masts
        // there are the register's, the others' stay the national set's (a synthetic demo mast of the register
        // counts for nothing more than the national synthetic ones).
        const fromFiles = list.filter((tower) => tower.source?.kind === 'server');
        const operators = [...new Set(fromFiles.map((tower) => tower.operator))].sort();
        const spoken = list.filter((tower) => operators.includes(tower.operator));
        // Packed in slices: a register of 100,000 masts does not hold the page.
        towers.push({
          provinceCode: code,
          towers: packReadinessTowers(spoken, await packTowersInSlices(spoken)),
          operators,
        });
        used.set(code, {
          masts: spoken.length,
          imported: fromFiles.length,
          fiveG: spoken.filter((tower) => (tower.tenants5g?.length ?? 0) > 0).length,
          lastImportAt: register.lastImportAt,
          operators,
        });
      } catch (error) {
        failures.set(code, error);
      }
    }),
  );
  towers.sort((a, b) => (a.provinceCode < b.provinceCode ? -1 : a.provinceCode > b.provinceCode ? 1 : 0));
  return { towers, used, failures };
}

const readinessRun = latestRun();

export async function computeReadiness(): Promise<void> {
  const run = readinessRun.start();
  const startedAt = performance.now();
  useMinistryStore.setState({ status: 'running', progress: 0, error: null });
  try {
    // The server's counts are read afresh with every run (planners publish, the province approves, operators import
    // meanwhile), and the registers of imported masts with them: those provinces count their register.
    const registers = await readRegistersForRun();
    if (!run.isCurrent()) return;
    const files = nationalFileUrls();
    const { targets } = useMinistryStore.getState();
    const result = await getAnalysisPool().run(
      (api, jobId) =>
        api.nationalReadiness(
          jobId,
          files,
          targets,
          registers.towers,
          Comlink.proxy((fraction: number) => {
            if (run.isCurrent()) useMinistryStore.setState({ progress: fraction });
          }),
        ),
      { signal: run.signal },
    );
    performance.mark('cosite:readiness:result');
    if (!run.isCurrent()) return;
    resultRegisterTowers = registers.towers;
    useMinistryStore.setState({
      status: 'done',
      progress: 1,
      result,
      durationMs: performance.now() - startedAt,
      resultRegisters: registers.used,
      registerFailures: registers.failures,
    });
    // Targets that changed while it ran (the server's arrived, say) judge the result now.
    if (useMinistryStore.getState().targets !== targets) applyTargets(useMinistryStore.getState().targets);
  } catch (error) {
    if (!run.isCurrent()) return;
    if (isCancelledError(error)) useMinistryStore.setState({ status: 'cancelled' });
    else useMinistryStore.setState({ status: 'error', error: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * Starts the national computation the moment the ministry's view opens (the tab, or the ministry signing in), once the
 * app has loaded, unless it has run: a store subscription, so the worker starts before the page renders the view
 * (drawing it takes the main thread for a while; the worker computes meanwhile). Returns the unsubscribe.
 */
export function computeReadinessWhenOpened(): () => void {
  const startIfOpen = (state: { activeTab: string; loadStatus: string }) => {
    if (
      state.activeTab === 'ministry' &&
      state.loadStatus === 'ready' &&
      useMinistryStore.getState().status === 'idle'
    ) {
      void computeReadiness();
    }
  };
  startIfOpen(useAppStore.getState());
  return useAppStore.subscribe(startIfOpen);
}

export function cancelReadiness(): void {
  readinessRun.cancel();
}

/** New targets re-judge every province at once (the figures do not change, only their distance to the targets). */
function applyTargets(targets: ReadinessTargets): void {
  useMinistryStore.setState((state) => {
    const result = state.result && {
      ...state.result,
      targets,
      provinces: state.result.provinces.map((province) => ({ ...province, ...evaluateTargets(province, targets) })),
      national: { ...state.result.national, ...evaluateTargets(state.result.national, targets) },
    };
    return { targets, result };
  });
}

/** The targets of the server's version (only the figures the app knows). */
function targetsOf(saved: ServerReadinessTargets): ReadinessTargets {
  const targets: ReadinessTargets = {};
  for (const kpi of READINESS_KPIS) {
    const value = saved.targets[kpi];
    if (typeof value === 'number') targets[kpi] = value;
  }
  return targets;
}

function takeServerTargets(saved: ServerReadinessTargets): void {
  applyTargets(targetsOf(saved));
  useMinistryStore.setState({
    serverTargets: { version: saved.version, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy },
  });
}

/** How long a change waits for the next before it is saved (typing 9, 9, . , 5 is one save). */
const TARGET_SAVE_DELAY_MS = 600;
let pendingSave: ReturnType<typeof setTimeout> | null = null;
/** The save on its way to the server, if any; `saveAgain`: the targets changed meanwhile. */
let saving: Promise<void> | null = null;
let saveAgain = false;

/**
 * Changes one target. Signed in as the ministry, the targets are then saved on the server as a new version based on
 * the version shown; a refusal (someone saved in between: 409) is shown at the targets and the server's targets come
 * back. Other accounts change them on this page only.
 */
export function setTarget(kpi: ReadinessKpi, value: number | null): void {
  // A field left without a change (a blur, the same value typed again) saves no new version.
  if ((useMinistryStore.getState().targets[kpi] ?? null) === value) return;
  const targets = { ...useMinistryStore.getState().targets };
  if (value === null) delete targets[kpi];
  else targets[kpi] = value;
  applyTargets(targets);
  const { user } = useServerStore.getState();
  if (user?.role !== 'ministry' || !useMinistryStore.getState().serverTargets) return;
  if (pendingSave) clearTimeout(pendingSave);
  pendingSave = setTimeout(() => {
    pendingSave = null;
    void saveTargetsNow();
  }, TARGET_SAVE_DELAY_MS);
}

/**
 * Saves the page's targets, one save at a time, each based on the version the previous one made: a change typed while
 * a save is on its way is saved after it (never two saves based on the same version, which the server would refuse
 * as someone else's change).
 */
function saveTargetsNow(): Promise<void> {
  if (saving) {
    saveAgain = true;
    return saving;
  }
  saving = (async () => {
    let savedText: string | null = null;
    do {
      saveAgain = false;
      const base = useMinistryStore.getState().serverTargets;
      if (!base) return;
      const targets = useMinistryStore.getState().targets;
      // A change already in the save just made (typed while it was on its way): no second version of it.
      if (JSON.stringify(targets) === savedText) continue;
      savedText = JSON.stringify(targets);
      const saved = await saveReadinessTargets(targets, base.version);
      if (!saved) {
        // Someone else saved in between: their targets come back (the refusal says who and when).
        const current = await readReadinessTargets();
        if (current) takeServerTargets(current);
        return;
      }
      useMinistryStore.setState({
        serverTargets: { version: saved.version, updatedAt: saved.updatedAt, updatedBy: saved.updatedBy },
      });
    } while (saveAgain);
  })().finally(() => {
    saving = null;
  });
  return saving;
}

/**
 * Follows the session: signing in (any account) loads the targets saved on the server; signing out keeps the
 * targets on the page but no longer ties them to the server. Returns the unsubscribe.
 */
export function followServerTargets(): () => void {
  let userId: number | null = null;
  const follow = (state: { user: { id: number } | null }) => {
    const next = state.user?.id ?? null;
    if (next === userId) return;
    userId = next;
    // Figures already on the page are computed again for the ministry (who sees the provinces' registers) and when
    // they counted registers the new account (or none) does not see; the run reads the server's records itself.
    const { status, resultRegisters, registerFailures } = useMinistryStore.getState();
    const ministry = useServerStore.getState().user?.role === 'ministry';
    const again = status !== 'idle' && (ministry || resultRegisters.size > 0 || registerFailures.size > 0);
    if (next === null) {
      useMinistryStore.setState({ serverTargets: null, sharedSites: null });
      if (again) void computeReadiness();
      return;
    }
    if (again) void computeReadiness();
    else void loadSharedSites();
    void readReadinessTargets().then((saved) => {
      if (saved && useServerStore.getState().user?.id === next) takeServerTargets(saved);
    });
  };
  follow(useServerStore.getState());
  return useServerStore.subscribe(follow);
}

let sharedSitesRequest = 0;

/**
 * Reads the provinces' shared sites and registers from the server when the ministry is signed in and returns them;
 * forgets them otherwise (null).
 */
export async function loadSharedSites(): Promise<MinistryState['sharedSites']> {
  const request = ++sharedSitesRequest;
  const userId = useServerStore.getState().user?.id ?? null;
  const answer = await readReadinessProvinceRecords();
  if (!answer || useServerStore.getState().user?.id !== userId) {
    if (request === sharedSitesRequest && useServerStore.getState().user?.role !== 'ministry') {
      useMinistryStore.setState({ sharedSites: null });
    }
    return null;
  }
  const counts = new Map<string, SharedSiteCounts>();
  const registers = new Map<string, ProvinceRegister>();
  let publishedPlans = 0;
  for (const province of answer.provinces) {
    counts.set(province.provinceId, { planned: province.plannedSharedSites, approved: province.approvedSharedSites });
    registers.set(province.provinceId, {
      masts: province.registerMasts,
      imported: province.importedMasts,
      fiveG: province.register5gMasts ?? 0,
      lastImportAt: province.lastImportAt,
    });
    publishedPlans += province.publishedPlans;
  }
  const sharedSites = { counts, publishedPlans, registers, countedAt: answer.countedAt };
  // A later read on its way answers for the page; this one still answers its caller.
  if (request === sharedSitesRequest) useMinistryStore.setState({ sharedSites });
  return sharedSites;
}

export function setKpi(kpi: ReadinessKpi): void {
  useMinistryStore.setState({ kpi });
}

const provinceCoverageRun = latestRun();

/**
 * Drills into a province (or back out): the map then draws that province's masts of the national set and its
 * coverage cell by cell (computed in a worker from the same national files and definitions as the table's figures).
 */
export function selectProvince(code: string | null): void {
  useMinistryStore.setState({
    selectedCode: code,
    provinceMasts: null,
    provinceCoverage: null,
    provinceCoverageStatus: code === null ? 'idle' : 'running',
  });
  if (code === null) {
    provinceCoverageRun.abandon();
    return;
  }
  loadProvinceMasts(code, resultRegisterTowersOf(code)).then(
    (masts) => {
      if (useMinistryStore.getState().selectedCode === code) useMinistryStore.setState({ provinceMasts: masts });
    },
    () => {
      // The map keeps its fill without the masts; the table and the figures do not depend on them.
    },
  );
  void loadProvinceCoverage(code);
}

async function loadProvinceCoverage(code: string): Promise<void> {
  const run = provinceCoverageRun.start();
  try {
    const files = nationalFileUrls();
    // The masts the figures counted: the registers they counted too (a neighbour's reaches across the border).
    const registers = resultRegisterTowers;
    const raster = await getAnalysisPool().run((api, jobId) => api.provinceCoverage(jobId, files, code, registers), {
      signal: run.signal,
    });
    if (!run.isCurrent()) return;
    useMinistryStore.setState({
      provinceCoverage: { raster, image: provinceCoverageImage(raster) },
      provinceCoverageStatus: 'done',
    });
  } catch (error) {
    if (!run.isCurrent() || isCancelledError(error)) return;
    // The map keeps the province's fill and masts; the panel says the coverage could not be drawn.
    useMinistryStore.setState({ provinceCoverageStatus: 'error' });
  }
}
