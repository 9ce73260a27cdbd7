import { createRegionLocator } from '../geo/createRegionLocator';
import { flattenLineSegments } from '../geo/segmentProximity';
import type { PopulationGrid } from '../model/populationGrid';
import { createYieldClock, type LongCallOptions } from '../util/cooperativeLoop';
import { createProvinceLabels, labelProvince } from './buildProvinceLabels';
import type { ReadinessTowers } from './packReadinessTowers';
import {
  DEFAULT_READINESS_SETTINGS,
  DEFAULT_READINESS_TARGETS,
  type ReadinessContext,
  type ReadinessInput,
  type SitePoint,
} from './readinessTypes';

/** What is built once per run before the bands: the label raster, each mast's province, the backbone segments. */
export interface PreparedReadiness {
  context: ReadinessContext;
  grid: PopulationGrid;
  labels: Uint8Array;
  towers: ReadinessTowers;
  /** Province index of each mast, -1 outside every province. */
  towerProvince: Int32Array;
  backboneSegments: Float64Array | null;
}

/**
 * Builds the province label raster (cell centre in province), locates every mast and planned/approved site in its
 * province (point in polygon, exact), flattens the backbone, and settles settings and targets.
 */
export async function prepareReadiness(
  input: ReadinessInput,
  options: LongCallOptions = {},
): Promise<PreparedReadiness> {
  const { grid, provinces, towers } = input;
  const checkpoint = createYieldClock(options);
  await checkpoint(0);
  const polygons = provinces.map((province) => province.polygons);
  // Province by province, yielding in between: the raster is the longest step (about 0.1-0.3 s for the country).
  const labels = createProvinceLabels(grid, polygons.length);
  let overlapCells = 0;
  for (let index = 0; index < polygons.length; index++) {
    overlapCells += labelProvince(grid, polygons[index], index, labels);
    await checkpoint((0.6 * (index + 1)) / polygons.length);
  }

  const locator = createRegionLocator(polygons);
  const towerProvince = new Int32Array(towers.count);
  for (let t = 0; t < towers.count; t++) towerProvince[t] = locator.locate(towers.lon[t], towers.lat[t]);
  const countBySlot = (sites: readonly SitePoint[] = []) => {
    const counts = new Array<number>(provinces.length + 1).fill(0);
    for (const site of sites) {
      const province = locator.locate(site.lon, site.lat);
      counts[province < 0 ? provinces.length : province]++;
    }
    return counts;
  };
  await checkpoint(0.9);

  const context: ReadinessContext = {
    provinces: provinces.map(({ code, name }) => ({ code, name })),
    operatorNames: [...towers.operatorNames],
    settings: { ...DEFAULT_READINESS_SETTINGS, ...input.settings },
    targets: { ...(input.targets ?? DEFAULT_READINESS_TARGETS) },
    backboneGiven: input.backbone !== undefined,
    plannedSharedSites: countBySlot(input.plannedSharedSites),
    approvedSharedSites: countBySlot(input.approvedSharedSites),
    provinceOverlapCells: overlapCells,
  };
  const backboneSegments = input.backbone ? flattenLineSegments(input.backbone) : null;
  options.onProgress?.(1);
  return { context, grid, labels, towers, towerProvince, backboneSegments };
}
