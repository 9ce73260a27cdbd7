import type { WordedMessage } from '../model/wordedMessage';
import { isColumnFile } from './columnFile';
import { listZipEntries } from './unzipChecked';

export type FileFormat =
  | 'csv'
  | 'geojson'
  | 'kml'
  | 'kmz'
  | 'shapefile-zip'
  | 'xlsx'
  | 'xls'
  | 'zip'
  | 'shp'
  | 'tiff'
  | 'pdf'
  | 'gzip'
  | 'xml'
  | 'column-file'
  | 'empty';

const DESCRIPTIONS: Record<FileFormat, string> = {
  csv: 'a CSV/text table',
  geojson: 'GeoJSON',
  kml: 'KML',
  kmz: 'KMZ (zipped KML)',
  'shapefile-zip': 'a zipped shapefile',
  xlsx: 'an Excel .xlsx workbook',
  xls: 'an old Excel .xls workbook',
  zip: 'a zip archive',
  shp: 'a bare .shp file',
  tiff: 'a TIFF image',
  pdf: 'a PDF document',
  gzip: 'a gzip archive',
  xml: 'XML',
  'column-file': "a CoSite column file (typed columns, such as the national masts' masts.bin)",
  empty: 'an empty file',
};

/** What each extension should hold; an extension not listed here says nothing. */
const EXPECTED_BY_EXTENSION: Record<string, FileFormat[]> = {
  csv: ['csv'],
  tsv: ['csv'],
  txt: ['csv'],
  geojson: ['geojson'],
  json: ['geojson'],
  kml: ['kml'],
  kmz: ['kmz'],
  zip: ['shapefile-zip', 'kmz'],
  shz: ['shapefile-zip'],
  xlsx: ['xlsx'],
  xls: ['xls'],
  tif: ['tiff'],
  tiff: ['tiff'],
  shp: ['shp'],
};

export interface SniffedFormat {
  format: FileFormat;
  /** "an Excel .xlsx workbook". */
  description: string;
  /** When the content is not what the file's extension says: one line naming both; otherwise null. */
  mismatch: string | null;
  /** The file name's extension, lower case, without the dot ('' when none). */
  extension: string;
}

/** The note a reader adds when the content contradicts the extension (code `formatMismatch`), or null. */
export function formatMismatchNote(sniffed: SniffedFormat): WordedMessage | null {
  if (sniffed.mismatch === null) return null;
  return {
    reason: `${sniffed.mismatch}; read as such`,
    code: 'formatMismatch',
    params: { extension: sniffed.extension, format: sniffed.format },
  };
}

export function describeFileFormat(format: FileFormat): string {
  return DESCRIPTIONS[format];
}

/**
 * What a file holds, from its first bytes (and a zip's table of contents), whatever its name says: zip archives are
 * told apart by their entries (an .xlsx workbook, a KMZ, a zipped shapefile), text by its first character
 * ('{' GeoJSON, '<' KML or other XML, anything else a table). `mismatch` names a content that contradicts the
 * extension, e.g. "the file is named .csv but holds an Excel .xlsx workbook".
 */
export function sniffFileFormat(bytes: Uint8Array, fileName = ''): SniffedFormat {
  const format = sniffBytes(bytes);
  const extension = /\.([^./\\]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const expected = EXPECTED_BY_EXTENSION[extension];
  const mismatch =
    expected && !expected.includes(format) && format !== 'empty'
      ? `the file is named .${extension} but holds ${DESCRIPTIONS[format]}`
      : null;
  return { format, description: DESCRIPTIONS[format], mismatch, extension };
}

function sniffBytes(bytes: Uint8Array): FileFormat {
  const starts = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
  if (bytes.length === 0) return 'empty';
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return sniffZip(bytes);
  if (starts(0xd0, 0xcf, 0x11, 0xe0)) return 'xls';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a) || starts(0x49, 0x49, 0x2b, 0x00)) return 'tiff';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x00, 0x00, 0x27, 0x0a)) return 'shp';
  if (isColumnFile(bytes)) return 'column-file';
  return sniffText(bytes);
}

function sniffZip(bytes: Uint8Array): FileFormat {
  let names: string[];
  try {
    names = listZipEntries(bytes).map((entry) => entry.name.toLowerCase());
  } catch {
    return 'zip'; // damaged: the reader reports why
  }
  if (names.includes('[content_types].xml') && names.some((name) => name.startsWith('xl/'))) return 'xlsx';
  if (names.some((name) => name.endsWith('.shp') && !name.startsWith('__macosx/'))) return 'shapefile-zip';
  if (names.some((name) => name.endsWith('.kml'))) return 'kmz';
  return 'zip';
}

/** The first meaningful character of text in UTF-8/16 or a single-byte encoding (BOMs and spaces skipped). */
function sniffText(bytes: Uint8Array): FileFormat {
  let i = 0;
  let step = 1;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    step = 2;
    i = bytes[0] === 0xff ? 2 : 3;
  }
  for (; i < bytes.length; i += step) {
    const byte = bytes[i];
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    if (byte === 0x7b || byte === 0x5b) return 'geojson';
    if (byte === 0x3c) return looksLikeKml(bytes) ? 'kml' : 'xml';
    return 'csv';
  }
  return 'empty';
}

function looksLikeKml(bytes: Uint8Array): boolean {
  // UTF-16 KML (Google Earth on Windows may write it) is read in its own encoding, as its byte-order mark says.
  const label =
    bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-8';
  const head = new TextDecoder(label).decode(bytes.subarray(0, 8192)).toLowerCase();
  return /<kml[\s>]/.test(head) || head.includes('opengis.net/kml');
}
