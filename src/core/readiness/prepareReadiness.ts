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
  type ReadinessProvince,
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
  /** Each province's polygons, in the context's order (to locate masts added later: withProvinceRegisters). */
  provincePolygons: ReadonlyArray<ReadinessProvince['polygons']>;
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
  const precomputed = input.precomputed;
  const fits =
    precomputed !== undefined &&
    precomputed.labels.length === grid.width * grid.height &&
    precomputed.towerProvince.length === towers.count;
  let labels: Uint8Array;
  let overlapCells = 0;
  let towerProvince: Int32Array;
  if (fits) {
    ({ labels, overlapCells, towerProvince } = precomputed);
  } else {
    // Province by province, yielding in between: the raster is the longest step (about 0.1-0.3 s for the country).
    labels = createProvinceLabels(grid, polygons.length);
    for (let index = 0; index < polygons.length; index++) {
      overlapCells += labelProvince(grid, polygons[index], index, labels);
      await checkpoint((0.6 * (index + 1)) / polygons.length);
    }
    towerProvince = locateTowers(polygons, towers);
  }
  // Planned and approved sites are located when there are any (the locator indexes every boundary).
  let locator: ReturnType<typeof createRegionLocator> | null = null;
  const countBySlot = (sites: readonly SitePoint[] = []) => {
    const counts = new Array<number>(provinces.length + 1).fill(0);
    if (sites.length === 0) return counts;
    locator ??= createRegionLocator(polygons);
    const located = locator;
    for (const site of sites) {
      const province = located.locate(site.lon, site.lat);
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
  return { context, grid, labels, towers, towerProvince, backboneSegments, provincePolygons: polygons };
}

/** Index of each mast's province (point in polygon, the first province holding it), -1 outside every province. */
export function locateTowers(
  polygons: ReadonlyArray<ReadinessProvince['polygons']>,
  towers: Pick<ReadinessTowers, 'count' | 'lon' | 'lat'>,
): Int32Array {
  const locator = createRegionLocator(polygons);
  const towerProvince = new Int32Array(towers.count);
  for (let t = 0; t < towers.count; t++) towerProvince[t] = locator.locate(towers.lon[t], towers.lat[t]);
  return towerProvince;
}
