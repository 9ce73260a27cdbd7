import type { MastAttributes } from '../model/mastAttributes';
import type { PopulationGrid } from '../model/populationGrid';
import type { TowerArrays } from '../model/towerArrays';
import type { AnalyzeColocationRequest } from './analyzeColocation';
import { SHARING_DISTANCE_PRESETS, type SharingDistanceRule } from './sharingDistancePresets';

export type SharingPreset = keyof typeof SHARING_DISTANCE_PRESETS | 'custom';

/** The co-location settings as the planner sets them: a province's preset, or one distance for every mast. */
export interface ColocationSettings {
  preset: SharingPreset;
  /** Used with the 'custom' preset, metres. */
  distanceM: number;
}

/** The sharing distance the settings mean: the preset's urban / non-urban rule, or the custom distance. */
export function sharingDistanceFor(settings: ColocationSettings): number | SharingDistanceRule {
  return settings.preset === 'custom' ? settings.distanceM : SHARING_DISTANCE_PRESETS[settings.preset];
}

/** The one request of a co-location analysis of a province's masts from the planner's settings. */
export function buildColocationRequest(
  settings: ColocationSettings,
  data: { towers: TowerArrays; masts: MastAttributes; population: PopulationGrid },
): AnalyzeColocationRequest {
  return {
    towers: data.towers,
    masts: data.masts,
    sharingDistance: sharingDistanceFor(settings),
    grid: data.population,
  };
}
