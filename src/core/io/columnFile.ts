/**
 * The CoSite column file: typed arrays in one little-endian binary file, read without parsing text (each column is a
 * typed-array view on the file's own buffer). Layout:
 * - bytes 0-3: the ASCII magic "CSCF";
 * - bytes 4-7: the header's length H in bytes (uint32, little-endian);
 * - bytes 8 to 8 + H: the header, UTF-8 JSON: { "format": "cosite-columns", "version": 1, "kind": ..., "meta": {...},
 *   "columns": [{ "name", "type", "length", "offset" }] }, `type` one of COLUMN_TYPES, `offset` from the file's start;
 * - then each column's values, little-endian, starting at a multiple of 8 (zero bytes in between).
 * Why not Arrow IPC or FlatGeobuf: both need a library in the worker (Arrow's JS is about 200 KB; FlatGeobuf decodes
 * feature by feature, a row format made for geometry), where these columns are the typed arrays the analysis already
 * runs on, and the header says everything needed to read them in any language.
 */
export const COLUMN_FILE_MAGIC = 'CSCF';

export const COLUMN_TYPES = {
  float64: Float64Array,
  float32: Float32Array,
  int32: Int32Array,
  uint32: Uint32Array,
  int16: Int16Array,
  uint16: Uint16Array,
  int8: Int8Array,
  uint8: Uint8Array,
} as const;

export type ColumnType = keyof typeof COLUMN_TYPES;
export type ColumnArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Int16Array
  | Uint16Array
  | Int8Array
  | Uint8Array;

export interface ColumnFileHeader {
  format: 'cosite-columns';
  version: 1;
  /** What the file holds (e.g. 'readiness-masts'). */
  kind: string;
  meta: Record<string, unknown>;
  columns: { name: string; type: ColumnType; length: number; offset: number }[];
}

/** Whether the bytes start as a column file does. */
export function isColumnFile(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) === COLUMN_FILE_MAGIC;
}
