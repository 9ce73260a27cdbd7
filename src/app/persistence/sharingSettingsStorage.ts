import type { PlanPanelSettings } from '../sharing/planSettingsAsRun';
import { SHARED_SITES_SCENARIO_ID } from '../sharing/planToServerDocument';
import { serverDocumentToPlan } from '../sharing/serverDocumentToPlan';
import { useSharingStore } from '../sharing/sharingStore';

const keyOf = (provinceCode: string) => `cosite:plan-settings:${provinceCode}`;

/** The plan panel's settings a reload keeps (the candidates read from a file are not: the file is read again). */
function storedParameters(settings: PlanPanelSettings): Record<string, unknown> {
  return {
    operators: settings.operators,
    weighting: settings.weighting,
    siteRadiusM: settings.siteRadiusM,
    sites: settings.sites,
    maxCapexUsd: settings.maxCapexUsd ?? null,
    maxCapexVnd: settings.maxCapexVnd ?? null,
    useSpacingRule: settings.useSpacingRule,
    maxBackboneDistanceM: settings.maxBackboneDistanceM,
    exclusionZones: settings.exclusionZones,
    propagation: settings.propagation ?? null,
  };
}

/**
 * At start-up, the plan panel's settings as they were left in this browser (site count, budget, operators, weighting,
 * rules, exclusion zones, the plan on predicted signal), each checked as a saved plan's are (serverDocumentToPlan);
 * then every change is kept. Without storage (private mode, a full quota) the defaults stay.
 */
export function restoreSharingSettings(provinceCode: string): void {
  try {
    const text = window.localStorage.getItem(keyOf(provinceCode));
    if (text) {
      const parameters = JSON.parse(text) as Record<string, unknown>;
      const { settings } = serverDocumentToPlan({
        layers: [],
        scenarios: [{ id: SHARED_SITES_SCENARIO_ID, name: '', parameters }],
        proposedSites: [],
      });
      useSharingStore.setState((state) => ({ planSettings: { ...state.planSettings, ...settings } }));
    }
  } catch {
    // Unreadable or unavailable storage: the defaults.
  }
  useSharingStore.subscribe((state, previous) => {
    if (state.planSettings === previous.planSettings) return;
    try {
      window.localStorage.setItem(keyOf(provinceCode), JSON.stringify(storedParameters(state.planSettings)));
    } catch {
      // Storage refused (quota, private mode): the settings last for this page only.
    }
  });
}
