import type { SignalRunSettings } from '../../core/coverage/prepareSignalRun';
import { signalRunSettingsOf } from '../coverage/signalRunInPool';
import type { CoverageSettings } from '../store/projectDocument';

/** How the map's coverage layer differs from the prediction a plan planned on. */
export type MapCoverageMismatch = 'fixed' | 'none' | 'other';

/**
 * Whether the coverage the map draws is not the prediction a plan on predicted signal was made on, and how: the map
 * shows the coverage tab's result (see shownCoverage), fixed-radius rings in fixed mode ('fixed'), nothing before a
 * prediction has run ('none'), or a prediction with other settings, 4G say ('other'). Null when the plan is by fixed
 * radius, the coverage layer is off, or the map shows the plan's own prediction.
 */
export function mapCoverageForPlan(
  planPropagation: SignalRunSettings | undefined,
  project: { coverage: CoverageSettings; layers: { coverage: boolean } },
  signalRun: { settings: CoverageSettings | null; hasResult: boolean },
): MapCoverageMismatch | null {
  if (!planPropagation || !project.layers.coverage) return null;
  if (project.coverage.mode === 'fixed') return 'fixed';
  if (!signalRun.hasResult || !signalRun.settings) return 'none';
  return JSON.stringify(signalRunSettingsOf(signalRun.settings)) === JSON.stringify(planPropagation) ? null : 'other';
}
