import type { GridGeometry } from '../geo/maskCellCentresInPolygons';
import type { ReadinessTowers } from './packReadinessTowers';

/** Column file kinds of the national readiness inputs the app ships (see encodeReadinessMasts, encodeProvinceLabels). */
export const READINESS_MASTS_KIND = 'readiness-masts';
export const PROVINCE_LABELS_KIND = 'province-labels';

/** The masts as readiness reads them, and each mast's province (precomputed: the boundaries never change). */
export interface ReadinessMasts {
  towers: ReadinessTowers;
  /** Index of each mast's province in `provinceCodes`, -1 outside every province. */
  towerProvince: Int32Array;
  /** Province codes in the order the indices follow (the provinces file's order). */
  provinceCodes: string[];
}

/** The province label raster of a grid (see buildProvinceLabels), with the grid and provinces it was built for. */
export interface ProvinceLabelRaster {
  grid: GridGeometry;
  provinceCodes: string[];
  labels: Uint8Array;
  overlapCells: number;
}
