/** The parts of shpjs 6 used by the core (the package ships no types). */
declare module 'shpjs' {
  /** Shapes of a .shp as GeoJSON geometries (null for null shapes); reprojected only when `prj` is given. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string | false): unknown[];
  /** Records of a .dbf; `cpg` is a TextDecoder label ("UTF-8", "1252"); UTF-8 when absent. */
  export function parseDbf(dbf: ArrayBuffer | ArrayBufferView, cpg?: string): Record<string, unknown>[];
}
