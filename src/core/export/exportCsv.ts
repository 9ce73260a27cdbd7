import type { Feature } from 'geojson';
import Papa from 'papaparse';
import { geometryToWkt } from '../io/wkt';
import { layerColumns } from './layerColumns';
import { neutralizeFormula } from './neutralizeFormula';

export interface CsvExportOptions {
  /** ',' (default) or ';' for Excel in locales that write decimal commas; numbers keep decimal points either way. */
  delimiter?: ',' | ';' | '\t';
}

/**
 * A layer as a CSV file's bytes: UTF-8 with a byte-order mark, so Excel shows Vietnamese letters right. Point layers
 * get `lon`, `lat` columns, other layers a `wkt` column; then every property key in first-seen order. Numbers and
 * booleans are written as text, lists and objects as JSON, null (and a number that is not finite: NaN, ±Infinity) as an
 * empty cell (CSV has no types: a round trip
 * reads every value back as text). Text cells a spreadsheet would run as a formula (=, +, -, @, tab, CR first) get an
 * apostrophe in front (see neutralizeFormula); numbers, and text that is a plain number, are written as they are.
 */
export function exportCsv(features: readonly Feature[], options: CsvExportOptions = {}): Uint8Array {
  const { allPoints, geometryColumns, keys, propertyColumns } = layerColumns(features);
  const rows = features.map((feature) => {
    const geometry = feature.geometry;
    const geometryCells = allPoints
      ? geometry?.type === 'Point'
        ? [String(geometry.coordinates[0]), String(geometry.coordinates[1])]
        : ['', '']
      : [geometry ? geometryToWkt(geometry) : ''];
    return [...geometryCells, ...keys.map((key) => cell(feature.properties?.[key]))];
  });
  const text = Papa.unparse(
    { fields: [...geometryColumns, ...propertyColumns.map(neutralizeFormula)], data: rows },
    {
      delimiter: options.delimiter ?? ',',
      newline: '\r\n',
    },
  );
  return new TextEncoder().encode(`\uFEFF${text}\r\n`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutralizeFormula(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return String(value);
  return neutralizeFormula(JSON.stringify(value));
}
