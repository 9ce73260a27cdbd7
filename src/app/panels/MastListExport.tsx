import { useState } from 'react';
import { MAST_LIST_FORMATS, type MastListFormat } from '../../core/export/mastListFile';
import { getAnalysisPool } from '../analysisPool';
import type { ProvinceDataset } from '../data/provinceDataset';
import { ensureResident } from '../data/residentDataset';
import { formatNumber } from '../i18n/strings';
import { useT } from '../i18n/useT';
import { downloadFile } from '../sharing/downloadFile';
import { useAppStore } from '../store/appStore';

const FORMAT_LABELS: Record<MastListFormat, string> = {
  xlsx: 'Excel (.xlsx)',
  csv: 'CSV (UTF-8)',
  geojson: 'GeoJSON',
  kml: 'KML (Google Earth)',
  zip: 'Shapefile (.zip)',
};

/**
 * The mast list on the map (every operator's, as merged: the demo's synthetic masts, imported files, the server's
 * register) written as a file by a worker (the masts it already holds), with where each record comes from.
 */
export function MastListExport({ dataset }: { dataset: ProvinceDataset }) {
  const t = useT();
  const language = useAppStore((state) => state.language);
  const [format, setFormat] = useState<MastListFormat>('xlsx');
  const [status, setStatus] = useState<'idle' | 'busy' | 'failed'>('idle');
  const save = async () => {
    setStatus('busy');
    try {
      const file = await getAnalysisPool().run(async (api) =>
        api.mastListFile(await ensureResident(api, dataset), dataset.provinceCode, format),
      );
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
          onChange={(event) => setFormat(event.target.value as MastListFormat)}
          data-testid="mast-export-format"
        >
          {MAST_LIST_FORMATS.map((key) => (
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
