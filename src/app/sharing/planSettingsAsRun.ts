import type { SitePlanSettings } from '../../core/siting/buildSitePlanRequest';
import { signalRunSettingsOf } from '../coverage/signalRunInPool';
import type { CoverageSettings } from '../store/projectDocument';

/**
 * The settings a plan runs with: the panel's own, and from the coverage tab the radius of masts whose file gives none
 * (what they already cover) and, for a plan on predicted signal, the tab's model, link budget and terrain as they are
 * now, for 5G (the shared sites are 5G). One rule for the run, its staleness and the report, so that none of them
 * plans on another radius or model than the others.
 */
export function planSettingsAsRun(settings: SitePlanSettings, coverage: CoverageSettings): SitePlanSettings {
  return {
    ...settings,
    defaultRadiusM: coverage.defaultRadiusM,
    propagation: settings.propagation ? { ...signalRunSettingsOf(coverage), technology: '5g' } : undefined,
  };
}
