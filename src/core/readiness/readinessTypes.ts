import type { LonLatPolygon } from '../geo/lonLatPolygon';
import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import type { PopulationGrid } from '../model/populationGrid';
import type { ReadinessTowers } from './packReadinessTowers';

/** A province (or any region) of the readiness view: its code, name and polygons (a MultiPolygon's parts). */
export interface ReadinessProvince {
  code: string;
  name: string;
  polygons: LonLatPolygon[];
}

/** A planned or approved shared site. */
export interface SitePoint {
  lon: number;
  lat: number;
}

export interface ReadinessSettings {
  /** A mast counts as near the fibre backbone when a backbone line is at most this far, metres. */
  backboneDistanceM: number;
  /** 4G reach of masts whose file gives no radius_m, metres. */
  defaultRadiusM: number;
  /** 5G reach of 5G masts whose file gives no radius_5g_m, as a fraction of their 4G reach. */
  default5gRadiusFactor: number;
}

export const DEFAULT_READINESS_SETTINGS: ReadinessSettings = {
  backboneDistanceM: 1000, // metres
  defaultRadiusM: 2000, // metres, as the coverage panel's default
  default5gRadiusFactor: 0.6, // 3.5 GHz reaches about 0.5-0.7 of 1800 MHz
};

/** The figures a target can be set on; each is a field of ProvinceReadiness, and a target means "at least". */
export const READINESS_KPIS = [
  'coverage_4g_share',
  'coverage_5g_share',
  'shared_share',
  'tenancy_ratio',
  'near_backbone_share',
] as const;
export type ReadinessKpi = (typeof READINESS_KPIS)[number];

/** Targets the ministry sets: the least acceptable value of each KPI (shares as fractions 0..1). */
export type ReadinessTargets = Partial<Record<ReadinessKpi, number>>;

export const DEFAULT_READINESS_TARGETS: ReadinessTargets = {
  coverage_4g_share: 0.99,
  coverage_5g_share: 0.5,
  shared_share: 0.3,
};

/** Everything a national (or one-province) readiness run needs. Plain data: it can be posted to a worker. */
export interface ReadinessInput {
  grid: PopulationGrid;
  provinces: readonly ReadinessProvince[];
  towers: ReadinessTowers;
  /** Fibre backbone lines ([lon, lat] positions); absent: masts_near_backbone is null. */
  backbone?: ReadonlyArray<readonly (readonly number[])[]>;
  plannedSharedSites?: readonly SitePoint[];
  approvedSharedSites?: readonly SitePoint[];
  settings?: Partial<ReadinessSettings>;
  targets?: ReadinessTargets;
  /**
   * What never changes for this grid, these provinces and these masts, computed beforehand (the files the app ships,
   * see readNationalReadinessInputs): the province label raster (see buildProvinceLabels) and each mast's province
   * index. The caller vouches that they were built from the same grid, provinces (in order) and masts.
   */
  precomputed?: { labels: Uint8Array; overlapCells: number; towerProvince: Int32Array };
}

/** What finishReadiness needs besides the summed partial: serialisable, small. */
export interface ReadinessContext {
  provinces: Array<{ code: string; name: string }>;
  operatorNames: string[];
  settings: ReadinessSettings;
  targets: ReadinessTargets;
  backboneGiven: boolean;
  /** Planned and approved shared sites per slot (one per province, then one for "outside every province"). */
  plannedSharedSites: number[];
  approvedSharedSites: number[];
  /** Grid cells whose centre lies in two provinces (counted in the first); 0 for a clean boundary file. */
  provinceOverlapCells: number;
}

/** The masts a band works on: those whose 4G or 5G reach meets its rows, with their province. */
export interface BandTowers extends ReadinessTowers {
  /** Province index of each mast (position in the provinces given), -1 outside every province. */
  province: Int32Array;
}

/**
 * One band of rows [rowStart, rowEnd) of the grid: what a worker needs to compute its partial sums.
 * `values` and `labels` hold the band's rows only (row rowStart first); `grid` is the whole grid's geometry.
 * Cells count where their row is in the band; masts count in the band holding the row of their latitude (clamped to
 * the grid), so the bands of a partition count every cell and every mast exactly once.
 */
export interface ReadinessBandRequest {
  grid: GridGeometry;
  nodata: number | null;
  rowStart: number;
  rowEnd: number;
  values: Float32Array;
  /** Per cell: 0 outside every province, else 1 + the province index. */
  labels: Uint8Array;
  provinceCount: number;
  towers: BandTowers;
  settings: ReadinessSettings;
  /** Backbone segments from flattenLineSegments, or null when no backbone is given. */
  backboneSegments: Float64Array | null;
}

/**
 * Sums of one band (or of several, merged) per slot: slot p < provinceCount is province p, the last slot collects
 * what lies outside every province. Per-operator arrays are slot-major: [slot * operatorCount + k].
 */
export interface ReadinessPartial {
  slotCount: number;
  operatorCount: number;
  /** Cells holding data (not nodata) and their population. */
  cells: Float64Array;
  population: Float64Array;
  /** Population in cells within 4G (5G) reach of at least one mast. */
  covered4g: Float64Array;
  covered5g: Float64Array;
  covered4gByOperator: Float64Array;
  covered5gByOperator: Float64Array;
  masts: Float64Array;
  tenancies: Float64Array;
  /** Masts with two or more tenants. */
  sharedMasts: Float64Array;
  mastsWith4g: Float64Array;
  mastsWith5g: Float64Array;
  mastsNearBackbone: Float64Array;
  mastsOwnedByOperator: Float64Array;
  tenanciesByOperator: Float64Array;
  tenancies5gByOperator: Float64Array;
}

/** One operator's figures in a province. */
export interface OperatorReadiness {
  population_covered_4g: number;
  population_covered_5g: number;
  coverage_4g_share: number | null;
  coverage_5g_share: number | null;
  masts_owned: number;
  /** Masts the operator is on (owner or tenant). */
  tenancies: number;
  /** Masts where the operator runs 5G. */
  tenancies_5g: number;
}

/** A KPI against its target: distance = target - value (> 0: short of it); met when value >= target. */
export interface TargetStatus {
  target: number;
  value: number | null;
  distance: number | null;
  /** null when there is no value to judge (no population, no masts, no backbone given). */
  met: boolean | null;
}

/** The readiness figures of one province (or of the whole country); see computeNationalReadiness for definitions. */
export interface ProvinceReadiness {
  code: string;
  name: string;
  population_total: number;
  population_cells: number;
  population_covered_4g: number;
  population_covered_5g: number;
  coverage_4g_share: number | null;
  coverage_5g_share: number | null;
  by_operator: Record<string, OperatorReadiness>;
  masts: number;
  tenancies: number;
  tenancy_ratio: number | null;
  shared_masts: number;
  shared_share: number | null;
  masts_with_4g: number;
  masts_with_5g: number;
  masts_near_backbone: number | null;
  near_backbone_share: number | null;
  planned_shared_sites: number;
  approved_shared_sites: number;
  targets: Partial<Record<ReadinessKpi, TargetStatus>>;
  /** Targets met, out of targets_judged (those with a value). */
  targets_met: number;
  targets_judged: number;
}

/** What lies outside every province: coastal cells whose centre is at sea, masts offshore or beyond the border. */
export interface OutsideProvinces {
  population_total: number;
  population_cells: number;
  population_covered_4g: number;
  population_covered_5g: number;
  masts: number;
  planned_shared_sites: number;
  approved_shared_sites: number;
}

/** The settings a result was computed with, named as in outputs. */
export interface ReadinessSettingsUsed {
  backbone_distance_m: number;
  default_radius_m: number;
  default_5g_radius_factor: number;
}

export interface NationalReadiness {
  provinces: ProvinceReadiness[];
  /** Totals over the provinces (code "VN"); cells and masts outside every province are not in it. */
  national: ProvinceReadiness;
  outside_provinces: OutsideProvinces;
  operators: string[];
  settings: ReadinessSettingsUsed;
  targets: ReadinessTargets;
  province_overlap_cells: number;
}
