import { useState } from 'react';
import { exportCsv } from '../../core/export/exportCsv';
import { exportGeoJson } from '../../core/export/exportGeoJson';
import { exportKml } from '../../core/export/exportKml';
import { exportShapefileZip } from '../../core/export/exportShapefileZip';
import { exportXlsx } from '../../core/export/exportXlsx';
import { towersToFeatures } from '../../core/export/towersToFeatures';
import type { ProvinceDataset } from '../data/provinceDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { downloadFile } from '../sharing/downloadFile';
import { useAppStore } from '../store/appStore';

export const MAST_EXPORT_FORMATS = ['xlsx', 'csv', 'geojson', 'kml', 'zip'] as const;
export type MastExportFormat = (typeof MAST_EXPORT_FORMATS)[number];

const FORMAT_LABELS: Record<MastExportFormat, string> = {
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV (UTF-8)',
  geojson: 'GeoJSON',
  kml: 'KML (Google Earth)',
  zip: 'Shapefile (.zip)',
};

const MIME_TYPES: Record<MastExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml',
  zip: 'application/zip',
};

/** The bytes of the mast list in one format: the import's column names, so the file reads back as the same masts. */
export async function mastListFile(
  dataset: Pick<ProvinceDataset, 'towers' | 'provinceCode'>,
  format: MastExportFormat,
): Promise<{ name: string; bytes: Uint8Array | string; type: string }> {
  const features = towersToFeatures(dataset.towers, { provenance: true });
  const base = `cosite-${dataset.provinceCode}-masts`;
  const bytes =
    format === 'xlsx'
      ? await exportXlsx(features, { sheetName: base })
      : format === 'csv'
        ? exportCsv(features)
        : format === 'geojson'
          ? exportGeoJson(features)
          : format === 'kml'
            ? exportKml(features, { name: base })
            : exportShapefileZip(features, { name: base });
  return { name: `${base}.${format}`, bytes, type: MIME_TYPES[format] };
}

/**
 * The mast list on the map (every operator's, as merged: the demo's synthetic masts, imported files, the server's
 * register) written as a file, with where each record comes from in a `source` column.
 */
export function MastListExport({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const [format, setFormat] = useState<MastExportFormat>('xlsx');
  const [status, setStatus] = useState<'idle' | 'busy' | 'failed'>('idle');
  const save = async () => {
    setStatus('busy');
    try {
      const file = await mastListFile(dataset, format);
      downloadFile(file.name, file.bytes, file.type);
      setStatus('idle');
    } catch {
      setStatus('failed');
    }
  };
  return (
    <div className="mast-export" data-testid="mast-export">
      <label className="field">
        {t('exportMastsFormat')}
        <select
          value={format}
          onChange={(event) => setFormat(event.target.value as MastExportFormat)}
          data-testid="mast-export-format"
        >
          {MAST_EXPORT_FORMATS.map((key) => (
            <option key={key} value={key}>
              {FORMAT_LABELS[key]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        onClick={() => void save()}
        disabled={status === 'busy' || dataset.towers.length === 0}
        data-testid="mast-export-button"
      >
        {status === 'busy'
          ? t('exportMastsBusy')
          : `${t('exportMasts')} (${formatNumber(language, dataset.towers.length)})`}
      </button>
      <p className="note">{dataset.towersAreSynthetic ? t('exportMastsSyntheticNote') : t('exportMastsNote')}</p>
      {status === 'failed' && (
        <p className="warning" role="alert" data-testid="mast-export-failed">
          {t('exportMastsFailed')}
        </p>
      )}
    </div>
  );
}
