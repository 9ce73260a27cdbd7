import type { Tower } from '../model/tower';
import { exportCsv } from './exportCsv';
import { exportGeoJson } from './exportGeoJson';
import { exportKml } from './exportKml';
import { exportShapefileZip } from './exportShapefileZip';
import { exportXlsx } from './exportXlsx';
import { towersToFeatures } from './towersToFeatures';

export const MAST_LIST_FORMATS = ['xlsx', 'csv', 'geojson', 'kml', 'zip'] as const;
export type MastListFormat = (typeof MAST_LIST_FORMATS)[number];

const MIME_TYPES: Record<MastListFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
  zip: 'application/zip',
};

/**
 * A province's mast list as a file (`cosite-<code>-masts.<format>`): the import's column names (towersToFeatures), so
 * it reads back as the same masts, with where each record comes from (`source`, `imported_at`, `imported_by`).
 */
export async function mastListFile(
  towers: readonly Tower[],
  provinceCode: string,
  format: MastListFormat,
): Promise<{ name: string; bytes: Uint8Array; type: string }> {
  const features = towersToFeatures(towers, { provenance: true });
  const base = `cosite-${provinceCode}-masts`;
  const bytes =
    format === 'xlsx'
      ? await exportXlsx(features, { sheetName: base })
      : format === 'csv'
        ? exportCsv(features)
        : format === 'geojson'
          ? new TextEncoder().encode(exportGeoJson(features))
          : format === 'kml'
            ? new TextEncoder().encode(exportKml(features, { name: base }))
            : exportShapefileZip(features, { name: base });
  return { name: `${base}.${format}`, bytes, type: MIME_TYPES[format] };
}
