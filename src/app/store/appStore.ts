import { create } from 'zustand';
import type { CoverageSummary } from '../../core/coverage/computeFixedRadiusCoverage';
import type { SignalRunResult } from '../../core/coverage/finishSignalRun';
import { DEFAULT_RECEIVER } from '../../core/coverage/linkBudget';
import type { ProvinceDataset } from '../data/provinceDataset';
import type { ProvinceTerrain } from '../data/provinceTerrain';
import type { Language } from '../i18n/strings';
import { createHistory, type History, recordEdit, redo, resetHistory, undo } from './history';
import { type CoverageSettings, defaultProject, type LayerId, type ProjectDocument } from './projectDocument';

export type { LayerId } from './projectDocument';

export type TabId = 'overview' | 'coverage' | 'sharing' | 'requests' | 'ministry';

/** The result of the last coverage run: derived data, not part of the project. */
export interface CoverageRun {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress: number;
  coveredBits: Uint8Array | null;
  summary: CoverageSummary | null;
  /** The default radius the result was computed with, m (its figures are stale once the panel's differs). */
  defaultRadiusM: number | null;
  durationMs: number | null;
  error: string | null;
}

/** The last propagation-mode run: rasters on the analysis grid, figures and the image on the map. */
export interface SignalRunState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress: number;
  result: SignalRunResult<ImageBitmap> | null;
  /** The raster drawn for the current view (all operators or one) and palette. */
  image: ImageBitmap | null;
  durationMs: number | null;
  /** The panel's settings the result was computed with (its figures are stale once the panel's differ). */
  settings: CoverageSettings | null;
  /** performance.now() when the result arrived (tests measure the page's responsiveness up to this moment). */
  finishedAt: number | null;
  error: string | null;
}

/** One DEM drawn on the map: its shaded, tinted image and the image's corners (bottom-left, top-left, top-right, bottom-right). */
export interface TerrainImage {
  name: string;
  image: ImageBitmap;
  corners: [number, number][];
}

/** The terrain layer's images, for one ProvinceTerrain (a new terrain, after an import, needs new images). */
export interface TerrainImagesState {
  terrain: ProvinceTerrain;
  status: 'running' | 'done' | 'error';
  /** Coarsest first: the draw order. */
  images: TerrainImage[];
  error: string | null;
}

export interface AppState {
  language: Language;
  loadStatus: 'loading' | 'ready' | 'error';
  loadError: string | null;
  dataset: ProvinceDataset | null;
  /** The project with its undo/redo history; `history.present` is the current project. */
  history: History<ProjectDocument>;
  selectedTowerIndex: number | null;
  coverage: CoverageRun;
  signalRun: SignalRunState;
  /** 'any' or an operator name: whose coverage the map shows. */
  coverageView: string;
  /** When the project was last saved in this browser (null: never, or saving failed). */
  lastSavedAt: number | null;
  /** The project as last saved (the same object as history.present once the latest change is saved). */
  lastSavedProject: ProjectDocument | null;
  /** The sidebar tab on screen (the map shows the national choropleth on the ministry tab). */
  activeTab: TabId;
  /** The map view a share link asked for, applied once when the map opens. */
  initialView: { lon: number; lat: number; zoom: number } | null;
  /** The hillshade images of the dataset's terrain, computed in the workers once the terrain layer is on. */
  terrainImages: TerrainImagesState | null;
}

const LANGUAGE_KEY = 'cosite.language';

function initialLanguage(): Language {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const useAppStore = create<AppState>(() => ({
  language: initialLanguage(),
  loadStatus: 'loading',
  loadError: null,
  dataset: null,
  history: createHistory(defaultProject()),
  selectedTowerIndex: null,
  coverage: {
    status: 'idle',
    progress: 0,
    coveredBits: null,
    summary: null,
    defaultRadiusM: null,
    durationMs: null,
    error: null,
  },
  signalRun: {
    status: 'idle',
    progress: 0,
    result: null,
    image: null,
    durationMs: null,
    settings: null,
    finishedAt: null,
    error: null,
  },
  coverageView: 'any',
  lastSavedAt: null,
  lastSavedProject: null,
  activeTab: 'overview',
  initialView: null,
  terrainImages: null,
}));

export function setActiveTab(tab: TabId): void {
  useAppStore.setState({ activeTab: tab });
}

/** The current project (shorthand for components). */
export function useProject<T>(select: (project: ProjectDocument) => T): T {
  return useAppStore((state) => select(state.history.present));
}

// Actions live outside the store (zustand's recommended pattern): plain functions, easy to call from anywhere.
export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  useAppStore.setState({ language });
}

/** One undoable edit of the project. Edits with the same `gestureKey` in quick succession form one undo step. */
export function editProject(recipe: (project: ProjectDocument) => ProjectDocument, gestureKey: string | null = null) {
  useAppStore.setState((state) => ({
    history: recordEdit(state.history, recipe(state.history.present), gestureKey, performance.now()),
  }));
}

export function undoProject(): void {
  useAppStore.setState((state) => ({ history: undo(state.history) }));
}

export function redoProject(): void {
  useAppStore.setState((state) => ({ history: redo(state.history) }));
}

export function replaceProject(project: ProjectDocument): void {
  useAppStore.setState({ history: resetHistory(project) });
}

export function toggleLayer(layer: LayerId): void {
  editProject((project) => ({ ...project, layers: { ...project.layers, [layer]: !project.layers[layer] } }));
}

/**
 * Shows another dataset of the province (new masts from an import or the server): the mast selected stays selected,
 * found by its id in the new list (the server's may hold the same masts in another order); gone, nothing is selected.
 */
export function showDataset(next: ProvinceDataset): void {
  const { dataset, selectedTowerIndex } = useAppStore.getState();
  const id = selectedTowerIndex === null ? null : (dataset?.towers[selectedTowerIndex]?.id ?? null);
  const index = id === null ? -1 : next.towers.findIndex((tower) => tower.id === id);
  useAppStore.setState({ dataset: next, selectedTowerIndex: index >= 0 ? index : null });
}

export function selectTower(index: number | null): void {
  useAppStore.setState({ selectedTowerIndex: index });
}

export function setCoverageView(view: string): void {
  useAppStore.setState({ coverageView: view });
}

export function updateSignalRun(patch: Partial<SignalRunState>): void {
  useAppStore.setState((state) => ({ signalRun: { ...state.signalRun, ...patch } }));
}

export function setCoverageSetting<K extends keyof ProjectDocument['coverage']>(
  key: K,
  value: ProjectDocument['coverage'][K],
): void {
  editProject((project) => {
    const coverage = { ...project.coverage, [key]: value };
    // Switching indoor service moves a threshold still at one default to the other (-110 dBm outdoor, -100 indoor),
    // as the command line's --indoor does; a threshold the user chose stays.
    if (key === 'indoor') {
      const from = value ? DEFAULT_RECEIVER.outdoorThresholdDbm : DEFAULT_RECEIVER.indoorThresholdDbm;
      const to = value ? DEFAULT_RECEIVER.indoorThresholdDbm : DEFAULT_RECEIVER.outdoorThresholdDbm;
      if (coverage.thresholdDbm === from) coverage.thresholdDbm = to;
    }
    return { ...project, coverage };
  }, `coverage.${key}`);
}

export function updateCoverage(patch: Partial<CoverageRun>): void {
  useAppStore.setState((state) => ({ coverage: { ...state.coverage, ...patch } }));
}
