import * as Comlink from 'comlink';
import { create } from 'zustand';
import { evaluateTargets } from '../../core/readiness/finishReadiness';
import {
  DEFAULT_READINESS_TARGETS,
  type NationalReadiness,
  type ReadinessKpi,
  type ReadinessTargets,
} from '../../core/readiness/readinessTypes';
import { isCancelledError } from '../../core/util/cooperativeLoop';
import { getAnalysisPool } from '../analysisPool';
import { latestRun } from '../data/latestRun';
import { useAppStore } from '../store/appStore';
import { nationalFileUrls } from './nationalFileUrls';

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
}));

const readinessRun = latestRun();

export async function computeReadiness(): Promise<void> {
  const run = readinessRun.start();
  const startedAt = performance.now();
  useMinistryStore.setState({ status: 'running', progress: 0, error: null });
  try {
    const files = nationalFileUrls();
    const { targets } = useMinistryStore.getState();
    const result = await getAnalysisPool().run(
      (api, jobId) =>
        api.nationalReadiness(
          jobId,
          files,
          targets,
          Comlink.proxy((fraction: number) => {
            if (run.isCurrent()) useMinistryStore.setState({ progress: fraction });
          }),
        ),
      { signal: run.signal },
    );
    performance.mark('cosite:readiness:result');
    if (!run.isCurrent()) return;
    useMinistryStore.setState({ status: 'done', progress: 1, result, durationMs: performance.now() - startedAt });
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
export function setTarget(kpi: ReadinessKpi, value: number | null): void {
  useMinistryStore.setState((state) => {
    const targets = { ...state.targets };
    if (value === null) delete targets[kpi];
    else targets[kpi] = value;
    const result = state.result && {
      ...state.result,
      targets,
      provinces: state.result.provinces.map((province) => ({ ...province, ...evaluateTargets(province, targets) })),
      national: { ...state.result.national, ...evaluateTargets(state.result.national, targets) },
    };
    return { targets, result };
  });
}

export function setKpi(kpi: ReadinessKpi): void {
  useMinistryStore.setState({ kpi });
}

export function selectProvince(code: string | null): void {
  useMinistryStore.setState({ selectedCode: code });
}
