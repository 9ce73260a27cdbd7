import type { MoneySettings } from '../../core/model/money';
import type { SitePlanSettings } from '../../core/siting/buildSitePlanRequest';
import { planSignalSettingsOf } from '../coverage/signalRunInPool';
import type { CoverageSettings } from '../store/projectDocument';

/**
 * The plan panel's settings: the core's, and the money budget as the planner typed it in đồng (null or absent: typed
 * in USD, or none). A budget typed in đồng stays what was typed when the rate changes; its USD amount follows the rate.
 */
export type PlanPanelSettings = SitePlanSettings & { maxCapexVnd?: number | null };

/**
 * The settings a plan runs with: the panel's own; the budget in USD from the đồng typed, at the project's rate; and
 * from the coverage tab the radius of masts whose file gives none (what they already cover) and, for a plan on
 * predicted signal, the tab's model, link budget and terrain as they are now, for 5G (the shared sites are 5G). One
 * rule for the run, its staleness and the report, so that none of them plans on another radius, model or budget than
 * the others.
 */
export function planSettingsAsRun(
  settings: PlanPanelSettings,
  coverage: CoverageSettings,
  money: MoneySettings,
): PlanPanelSettings {
  const { maxCapexVnd } = settings;
  return {
    ...settings,
    ...(maxCapexVnd != null ? { maxCapexUsd: maxCapexVnd / money.vndPerUsd } : {}),
    defaultRadiusM: coverage.defaultRadiusM,
    propagation: settings.propagation ? planSignalSettingsOf(coverage) : undefined,
  };
}
