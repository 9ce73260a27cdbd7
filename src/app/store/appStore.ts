import { create } from 'zustand';
import type { CoverageSummary } from '../../core/coverage/computeFixedRadiusCoverage';
import type { ProvinceDataset } from '../data/provinceDataset';
import type { Language } from '../i18n/strings';

export type LayerId = 'towers' | 'backbone' | 'population' | 'communes' | 'coverage';

export interface CoverageState {
  status: 'idle' | 'running' | 'done' | 'cancelled' | 'error';
  progress: number;
  defaultRadiusM: number;
  coveredBits: Uint8Array | null;
  summary: CoverageSummary | null;
  durationMs: number | null;
  error: string | null;
}

export interface AppState {
  language: Language;
  loadStatus: 'loading' | 'ready' | 'error';
  loadError: string | null;
  dataset: ProvinceDataset | null;
  layers: Record<LayerId, boolean>;
  selectedTowerIndex: number | null;
  coverage: CoverageState;
  /** 'any' or an operator name: whose coverage the map shows. */
  coverageView: string;
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
  layers: { towers: true, backbone: true, population: true, communes: false, coverage: true },
  selectedTowerIndex: null,
  coverage: {
    status: 'idle',
    progress: 0,
    defaultRadiusM: 2000,
    coveredBits: null,
    summary: null,
    durationMs: null,
    error: null,
  },
  coverageView: 'any',
}));

// Actions live outside the store (zustand's recommended pattern): plain functions, easy to call from anywhere.
export function setLanguage(language: Language): void {
  try {
    localStorage.setItem(LANGUAGE_KEY, language);
  } catch {
    // Private mode or storage disabled: the choice lasts for this page only.
  }
  useAppStore.setState({ language });
}

export function toggleLayer(layer: LayerId): void {
  useAppStore.setState((state) => ({ layers: { ...state.layers, [layer]: !state.layers[layer] } }));
}

export function selectTower(index: number | null): void {
  useAppStore.setState({ selectedTowerIndex: index });
}

export function setCoverageView(view: string): void {
  useAppStore.setState({ coverageView: view });
}

export function updateCoverage(patch: Partial<CoverageState>): void {
  useAppStore.setState((state) => ({ coverage: { ...state.coverage, ...patch } }));
}
